import { resolve } from "node:path";
import { FatalError } from "../exit-codes.js";

/** `statelint policy inspect PATH`: what a compiled policy exposes and needs, without evaluating it. */
export async function inspectPolicyCommand(path: string, format: "stylish" | "json", cwd: string): Promise<string> {
  const { inspectPolicy } = await import("@statelint/policy");
  let inspection;
  try {
    inspection = await inspectPolicy(resolve(cwd, path));
  } catch (error) {
    throw new FatalError(error instanceof Error ? error.message : String(error));
  }
  if (format === "json") return JSON.stringify({ ...inspection, path }, null, 2) + "\n";
  const list = (items: readonly string[]) => (items.length ? items.map((item) => `  ${item}`).join("\n") : "  (none)");
  return [
    path,
    "Entrypoints:",
    list(inspection.entrypoints),
    "Builtins:",
    list(inspection.builtins),
    "Unsupported builtins:",
    list(inspection.unsupportedBuiltins),
    ...(inspection.unsupportedBuiltins.length ? ["", "This policy calls builtins statelint cannot provide; evaluating it will report policy-error."] : []),
    "",
  ].join("\n");
}
