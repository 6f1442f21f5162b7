// The floor statelint is compared with: this process reads every file it is given (folders
// one level deep) and runs the `yaml` package's lexer over them, and does nothing else.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Lexer } from "yaml";

const lex = process.argv[2] === "--lex";
let tokens = 0;
for (const input of process.argv.slice(lex ? 3 : 2)) {
  const files = statSync(input).isDirectory() ? readdirSync(input).map((name) => join(input, name)) : [input];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    if (lex) for (const _token of new Lexer().lex(text)) tokens++;
  }
}
if (tokens < 0) console.log(tokens);
