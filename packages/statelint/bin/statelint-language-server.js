#!/usr/bin/env node
// The server takes its transport from the command line: --stdio, --node-ipc or --socket=<port>.
import "../dist/language-server.js";
