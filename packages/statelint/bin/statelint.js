#!/usr/bin/env node
import { main } from "../dist/statelint.js";

process.exitCode = await main(process.argv.slice(2));
