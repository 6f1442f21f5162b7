import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const FIXTURES = fileURLToPath(new URL("../../fixtures/rules/", import.meta.url));

/** Reads `fixtures/rules/<ruleId>/<name>`: the manifests that prove a rule fires and stays quiet. */
export function readFixture(ruleId: string, name: string): string {
  return readFileSync(`${FIXTURES}${ruleId}/${name}`, "utf8");
}
