import { createHash } from "node:crypto";
import type { BundleGraph } from "../model.js";
import { renderMermaid } from "./mermaid.js";
import { renderText } from "./text.js";

export interface HtmlOptions {
  /** Mermaid's browser build (`mermaid/dist/mermaid.min.js`), inlined so the page loads nothing. */
  readonly mermaidScript: string;
  readonly title?: string;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** JSON that is safe inside a <script> element (no `</script>`, no HTML comment openers). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

function inlineScript(source: string): string {
  // A script holding `</script` would end the element early; the browser build never does, but check.
  if (/<\/script/i.test(source)) throw new Error("an inline script must not contain </script");
  return source;
}

function sha256(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5rem;color:#212121;background:#fff}
h1{font-size:1.3rem;margin:0 0 1rem}
#graph svg{max-width:100%;height:auto}
#error{color:#c62828;white-space:pre-wrap}
pre.narrative{background:#f5f5f5;padding:1rem;overflow:auto;font-size:.85rem}
table{border-collapse:collapse;font-size:.85rem}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
.error{color:#c62828}.warning{color:#e65100}.info{color:#1565c0}`;

/**
 * One self-contained HTML page: the Mermaid picture rendered in the browser by the inlined
 * Mermaid build, the findings and the narrative. Its content security policy allows only its
 * own two scripts (by hash) and inline styles, so the page cannot reach the network.
 */
export function renderHtml(graph: BundleGraph, options: HtmlOptions): string {
  const title = options.title ?? "statelint: bundle picture";
  const boot = `(function(){
  var source = ${scriptJson(renderMermaid(graph))};
  var target = document.getElementById("graph");
  var failure = document.getElementById("error");
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "default", flowchart: { htmlLabels: true }, maxTextSize: 10000000, maxEdges: 100000 });
  mermaid.render("statelint-graph", source).then(function (result) {
    target.innerHTML = result.svg;
    document.body.setAttribute("data-rendered", "ok");
  }, function (error) {
    failure.textContent = "The picture could not be drawn: " + (error && error.message ? error.message : String(error));
    document.body.setAttribute("data-rendered", "error");
  });
})();`;
  const mermaid = inlineScript(options.mermaidScript);
  const policy = `default-src 'none'; script-src ${sha256(mermaid)} ${sha256(boot)}; style-src 'unsafe-inline'; img-src data:; font-src data:`;
  const findings = graph.findings
    .map((finding) => `<tr><td class="${finding.severity}">${finding.severity}</td><td>${escapeHtml(finding.ruleId)}</td><td>${escapeHtml(finding.object ?? "")}</td><td>${escapeHtml(`${finding.file}:${finding.line}:${finding.column}`)}</td><td>${escapeHtml(finding.message)}</td></tr>`)
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<div id="graph"></div>
<p id="error"></p>
<details><summary>What happens, step by step</summary><pre class="narrative">${escapeHtml(renderText(graph))}</pre></details>
<details${graph.findings.length ? "" : " hidden"}><summary>Findings (${graph.findings.length})</summary>
<table><thead><tr><th>severity</th><th>rule</th><th>object</th><th>where</th><th>message</th></tr></thead><tbody>
${findings}
</tbody></table></details>
<script>${mermaid}</script>
<script>${boot}</script>
</body>
</html>
`;
}
