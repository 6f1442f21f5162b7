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

/** Mermaid's default `maxTextSize`, which GitHub renders with: a longer diagram shows an error instead. */
export const MERMAID_MAX_TEXT = 50_000;

/**
 * The job summary (`$GITHUB_STEP_SUMMARY`, Markdown): the counts and the bundle picture as a
 * Mermaid block, which GitHub renders; a picture too large for GitHub's Mermaid is replaced by
 * the command that draws it offline.
 */
export function stepSummary(findings: readonly Finding[], mermaid: string): string {
  const counts = countBySeverity(findings);
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  const heading = `## statelint\n\n${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${plural(counts.info, "info")}.`;
  if (mermaid.length > MERMAID_MAX_TEXT) {
    return `${heading} The bundle picture (${mermaid.length} characters of Mermaid) is larger than GitHub draws (${MERMAID_MAX_TEXT}); run \`statelint graph <paths> --format html -o bundle.html\` to see it.\n`;
  }
  return `${heading} What \`kubectl apply\` of the bundle creates, with the findings marked:\n\n\`\`\`mermaid\n${mermaid}\`\`\`\n`;
}
