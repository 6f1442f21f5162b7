import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const FIXTURES = fileURLToPath(new URL("../../fixtures/rules/", import.meta.url));

/** Reads `fixtures/rules/<ruleId>/<name>`: the manifests that prove a rule fires and stays quiet. */
export function readFixture(ruleId: string, name: string): string {
  return readFileSync(`${FIXTURES}${ruleId}/${name}`, "utf8");
}

/** A CloudNativePG Cluster named `pg` with the given `spec` lines (indented by two), then any further documents. */
export const cnpg = (spec: string, extra = "") => `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: pg
spec:
${spec}${extra}`;
