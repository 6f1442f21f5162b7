import { lintTextsSync, resolveConfig, type Finding } from "@statelint/core";
import { builtinRegistry } from "@statelint/rules";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import { collectFiles, readInput, type InputFile } from "./files.js";

function formatFinding(finding: Finding): string {
  return `  ${finding.file}:${finding.range.start.line}:${finding.range.start.column}  ${finding.severity.padEnd(7)}  ${finding.message}  ${finding.ruleId}`;
}

export async function main(argv: readonly string[]): Promise<number> {
  if (argv.length === 0) {
    process.stderr.write("Usage: statelint <file|directory>...\n");
    return EXIT_USAGE;
  }
  const { files, errors } = collectFiles(argv, process.cwd());
  const inputs: InputFile[] = [];
  for (const path of files) {
    const read = readInput(path);
    if ("text" in read) inputs.push(read);
    else errors.push(read);
  }
  for (const error of errors) process.stderr.write(`statelint: ${error.path}: ${error.message}\n`);
  const registry = builtinRegistry();
  const result = lintTextsSync(inputs, { registry, config: resolveConfig(registry).config });
  const active = result.findings.filter((finding) => !finding.suppression);
  let currentFile = "";
  for (const finding of active) {
    if (finding.file !== currentFile) {
      process.stdout.write(`${currentFile ? "\n" : ""}${finding.file}\n`);
      currentFile = finding.file;
    }
    process.stdout.write(formatFinding(finding) + "\n");
  }
  const count = (severity: string) => active.filter((finding) => finding.severity === severity).length;
  process.stdout.write(`\n${active.length} problems (${count("error")} errors, ${count("warning")} warnings, ${count("info")} info)\n`);
  if (errors.length > 0) return EXIT_USAGE;
  return count("error") > 0 ? EXIT_FINDINGS : EXIT_OK;
}
