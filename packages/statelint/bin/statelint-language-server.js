#!/usr/bin/env node
"use strict";
// The server takes its transport from the command line: --stdio, --node-ipc or --socket=<port>.
// A CommonJS script, as its neighbour bin/statelint.js is; the server itself is an ES module.
import("../dist/language-server.js");
