#!/usr/bin/env node
import { createRequire } from "node:module";

// The CLI is one CommonJS bundle, whose compiled code is kept between runs (dist/compile-cache.cjs).
const require = createRequire(import.meta.url);
const { loadBundle } = require("../dist/compile-cache.cjs");
const bundle = loadBundle(require.resolve("../dist/statelint.cjs"));
process.exitCode = await bundle.exports.main(process.argv.slice(2));
bundle.saveCache();
