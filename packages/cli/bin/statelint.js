#!/usr/bin/env node
"use strict";
// A CommonJS script (bin/package.json says so): Node runs it without starting its ES module loader.
// The CLI is one CommonJS bundle, whose compiled code is kept between runs (src/compile-cache.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script requires
const { loadBundle } = require("../bundle/compile-cache.cjs");
const bundle = loadBundle(require.resolve("../bundle/main.cjs"), require);
bundle.exports.main(process.argv.slice(2)).then((exitCode) => {
  process.exitCode = exitCode;
  bundle.saveCache(bundle.exports.runKind());
});
