#!/usr/bin/env node
import { fileURLToPath } from "node:url";
import { loadBundle } from "../bundle/compile-cache.js";

// The CLI is one CommonJS bundle, whose compiled code is kept between runs (src/compile-cache.ts).
const bundle = loadBundle(fileURLToPath(new URL("../bundle/main.cjs", import.meta.url)));
const main = bundle.exports["main"];
process.exitCode = await main(process.argv.slice(2));
bundle.saveCache();
