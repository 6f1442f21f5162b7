#!/usr/bin/env node
import { fileURLToPath } from "node:url";
import { loadBundle } from "../dist/compile-cache.js";

// The CLI is one CommonJS bundle, whose compiled code is kept between runs (dist/compile-cache.js).
const bundle = loadBundle(fileURLToPath(new URL("../dist/statelint.cjs", import.meta.url)));
const main = bundle.exports["main"];
process.exitCode = await main(process.argv.slice(2));
bundle.saveCache();
