import type { Finding, Severity } from "@statelint/core";
import { countBySeverity, type Formatter } from "./report.js";

const COMMAND: Readonly<Record<Severity, string>> = { error: "error", warning: "warning", info: "notice" };

/** Escaping of the Actions runner (toolkit `command.ts`): data escapes %, CR, LF; properties also : and ,. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** GitHub Actions workflow commands: one annotation per finding on the pull request's diff. */
export const github: Formatter = (report) =>
  report.findings
    .map((finding) => {
      const { start, end } = finding.range;
      const properties = [
        `file=${escapeProperty(finding.file)}`,
        `line=${start.line}`,
        `col=${start.column}`,
        `endLine=${end.line}`,
        // Annotations take an inclusive end column; findings' ends are exclusive.
        `endColumn=${Math.max(start.line === end.line ? start.column : 1, end.column - 1)}`,
        `title=${escapeProperty(`statelint ${finding.ruleId}`)}`,
      ];
      const message = finding.object ? `${finding.message} (${finding.object.id})` : finding.message;
      return `::${COMMAND[finding.severity]} ${properties.join(",")}::${escapeData(message)}\n`;
    })
    .join("");

/**
 * The job summary (`$GITHUB_STEP_SUMMARY`, Markdown): the counts and the bundle picture as a
 * Mermaid block, which GitHub renders.
 */
export function stepSummary(findings: readonly Finding[], mermaid: string): string {
  const counts = countBySeverity(findings);
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  return `## statelint\n\n${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${plural(counts.info, "info")}. What \`kubectl apply\` of the bundle creates, with the findings marked:\n\n\`\`\`mermaid\n${mermaid}\`\`\`\n`;
}
