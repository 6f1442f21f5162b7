import { parseCommandLine, USAGE, UsageError } from "./args.js";
import { EXIT_OK, EXIT_USAGE, FatalError } from "./exit-codes.js";
import type { Io } from "./lint.js";
import { restoreInlining } from "./inlining.js";
import { restoreYoungGeneration } from "./young-generation.js";

const defaultIo = (): Io => ({
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  // Opened when a run writes to it: most runs never do.
  get stderr() {
    return process.stderr;
  },
  // Opened when a run reads it: opening it costs Node's stream modules, which a run on files does not need.
  get stdin() {
    return process.stdin;
  },
});

let lastRunKind = "";

/**
 * The kind of run `main` last did, as far as it decides which code runs: the command and its report
 * format ("lint stylish", "version"). The compile cache is written again for a kind it has not seen
 * (src/compile-cache.ts).
 */
export function runKind(): string {
  return lastRunKind;
}

/** Runs the command line and returns the exit code; only a statelint bug escapes as an exception. */
export async function main(argv: readonly string[], io: Io = defaultIo()): Promise<number> {
  lastRunKind = "usage";
  try {
    const args = parseCommandLine(argv);
    lastRunKind = "format" in args ? `${args.command} ${args.format}` : args.command;
    switch (args.command) {
      case "help":
        io.stdout.write(USAGE);
        return EXIT_OK;
      case "version": {
        const { toolVersion } = await import("./version.js");
        io.stdout.write(`${toolVersion()}\n`);
        return EXIT_OK;
      }
      case "rules": {
        const { listRules } = await import("./commands/rules.js");
        io.stdout.write(listRules(args.format));
        return EXIT_OK;
      }
      case "explain": {
        const { explainRule } = await import("./commands/explain.js");
        io.stdout.write(explainRule(args.id));
        return EXIT_OK;
      }
      case "init": {
        const { initConfig } = await import("./commands/init.js");
        io.stdout.write(initConfig(io.cwd));
        return EXIT_OK;
      }
      case "policy-inspect": {
        const { inspectPolicyCommand } = await import("./commands/policy.js");
        io.stdout.write(await inspectPolicyCommand(args.path, args.format, io.cwd));
        return EXIT_OK;
      }
      case "graph": {
        const { runGraph } = await import("./commands/graph.js");
        return await runGraph(args, io);
      }
      case "lint": {
        // Subcommands and --help never load the engine and the rules.
        const { runLint } = await import("./lint.js");
        return await runLint(args, io);
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`statelint: ${error.message}\nRun \`statelint --help\` for usage.\n`);
      return EXIT_USAGE;
    }
    if (error instanceof FatalError) {
      io.stderr.write(`statelint: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  } finally {
    restoreYoungGeneration();
    restoreInlining();
  }
}
