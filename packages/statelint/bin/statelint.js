#!/usr/bin/env node
import module from "node:module";

// Compiling the bundle is a large part of a small run; Node 22.8+ keeps the compiled code on disk
// between runs (as tsc does). Node 20 has no such cache, and the call is skipped there.
module.enableCompileCache?.();
const { main } = await import("../dist/statelint.js");

process.exitCode = await main(process.argv.slice(2));
