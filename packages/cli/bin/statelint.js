#!/usr/bin/env node
import { createRequire } from "node:module";

// The CLI is one CommonJS bundle, whose compiled code is kept between runs (src/compile-cache.ts).
const require = createRequire(import.meta.url);
const { loadBundle } = require("../bundle/compile-cache.cjs");
const bundle = loadBundle(require.resolve("../bundle/main.cjs"));
process.exitCode = await bundle.exports.main(process.argv.slice(2));
bundle.saveCache();
