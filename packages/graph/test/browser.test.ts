import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml, renderMermaid } from "@statelint/graph";
import { mermaidBrowserScript } from "@statelint/graph/mermaid-script";
import { graphOf, prodSource, realWorldSources, REPO_ROOT, seedSource } from "./support.js";

// Debian's Chromium, driven headless; flags keep it from phoning home so the offline check is honest.
const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const SEED_LABELS = [
  "Service: postgres",
  "Service: postgres-lb",
  "ConfigMap: postgres-config",
  "Secret: postgres-secret",
  "StatefulSet: postgres",
  "Pod: postgres-0",
  "Pod: postgres-1",
  "Pod: postgres-2",
  "PVC: postgres-storage-postgres-0",
  "PVC: postgres-storage-postgres-1",
  "PVC: postgres-storage-postgres-2",
  "postgres-0.postgres.default.svc.cluster.local",
  "db-write-service-load-balanced",
];

let browser: Browser;
let folder: string;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  folder = mkdtempSync(join(tmpdir(), "statelint-graph-"));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** Text of the SVG's labels (HTML labels sit in foreignObject elements), whitespace collapsed. */
function svgText(svg: string): string {
  return svg.replace(/<br\s*\/?>/g, " ").replace(/<[^>]+>/g, " ").replace(/&amp;/g, "&").replace(/\s+/g, " ");
}

/** Mermaid's own render in a blank page, with its default limits (those GitHub draws with). */
async function renderInBrowser(source: string): Promise<string> {
  const page = await browser.newPage();
  try {
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ content: mermaidBrowserScript() });
    return await page.evaluate(async (text) => {
      const mermaid = (globalThis as unknown as { mermaid: { initialize(config: object): void; render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
      mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
      return (await mermaid.render("picture", text)).svg;
    }, source);
  } finally {
    await page.close();
  }
}

describe("the seed's picture in a real browser", () => {
  it("renders the Mermaid text without error in the real Mermaid library", async () => {
    const svg = await renderInBrowser(renderMermaid(graphOf([seedSource()])));
    expect(svg).toMatch(/^<svg/);
    const text = svgText(svg);
    for (const label of SEED_LABELS) expect(text).toContain(label);
    // The load-balanced write Service is drawn amber, as a warning.
    expect(svg).toContain("#ff8f00");
  }, 60_000);

  it("renders summarised pods, clients, backups and a missing Secret, and the real-world corpus", async () => {
    const prod = svgText(await renderInBrowser(renderMermaid(graphOf([prodSource()]))));
    for (const label of ["Pod: db-0 … db-49", "db-{0..49}.db.prod.svc.cluster.local", "PVC: data-db-0 … data-db-49", "Deployment: api", "CronJob: nightly-dump", "Secret: db-credentials", "not in the bundle", "StorageClass: fast"]) {
      expect(prod).toContain(label);
    }
    const realWorld = graphOf(realWorldSources());
    const svg = svgText(await renderInBrowser(renderMermaid(realWorld)));
    for (const node of realWorld.nodes.filter((candidate) => candidate.kind === "StatefulSet")) expect(svg).toContain(`StatefulSet: ${node.name}`);
  }, 90_000);

  it("renders the HTML page offline: no request leaves file://, nothing violates its content security policy", async () => {
    const path = join(folder, "seed.html");
    writeFileSync(path, renderHtml(graphOf([seedSource()]), { mermaidScript: mermaidBrowserScript() }));
    const page = await browser.newPage();
    const attempted: string[] = [];
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:")) return route.continue();
      attempted.push(url);
      return route.abort();
    });
    try {
      await page.goto(pathToFileURL(path).href);
      await page.waitForSelector("body[data-rendered]", { timeout: 30_000 });
      expect(await page.getAttribute("body", "data-rendered")).toBe("ok");
      const svg = await page.innerHTML("#graph");
      expect(svg).toMatch(/^<svg/);
      const text = svgText(svg);
      for (const label of SEED_LABELS) expect(text).toContain(label);
      expect(await page.textContent("#error")).toBe("");
      expect(attempted).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});

describe("an operator bundle's picture in a real browser", () => {
  it("renders a CloudNativePG bundle with the pods, PVCs and Services the operator creates and a client on -rw", async () => {
    const cluster = { path: "fixtures/operators/cloudnative-pg/good.yaml", text: readFileSync(join(REPO_ROOT, "fixtures/operators/cloudnative-pg/good.yaml"), "utf8") };
    const client = {
      path: "api.yaml",
      text: "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: orders-api, namespace: shop }\nspec:\n  selector: { matchLabels: { app: orders-api } }\n  template:\n    metadata: { labels: { app: orders-api } }\n    spec:\n      containers:\n        - name: api\n          image: example/orders-api:1.4.2\n          env:\n            - { name: DATABASE_URL, value: \"postgresql://app@orders-db-rw.shop.svc:5432/app\" }\n",
    };
    const svg = await renderInBrowser(renderMermaid(graphOf([cluster, client])));
    expect(svg).toMatch(/^<svg/);
    const text = svgText(svg);
    for (const label of ["Cluster: orders-db", "Pod: orders-db-1", "Pod: orders-db-3", "PVC: orders-db-2-wal", "Service: orders-db-rw", "Service: orders-db-ro", "Service: orders-db-r", "Deployment: orders-db-pooler-rw", "Deployment: orders-api", "orders-db-rw.shop.svc:5432"]) {
      expect(text).toContain(label);
    }
  }, 60_000);
});
