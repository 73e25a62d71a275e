// The JSON editor in a real browser (Debian's chromium), bundled as the site bundles it (esbuild, splitting) and
// served with the site's CSP: CodeMirror comes in a chunk of its own, highlights like the examples, says where the
// JSON is broken in French, keeps the textarea in sync, and lets the keyboard leave (Escape then Tab).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../../src/build/chromium.ts";
import { CONTENT_SECURITY_POLICY } from "../../../src/build/csp.ts";

const dir = mkdtempSync(join(tmpdir(), "json-editor-"));
let server: Server;
let browser: Browser;
let origin = "";
let outputs: Record<string, { bytes: number; imports: { path: string; kind: string }[] }> = {};

const PAGE = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><link rel="stylesheet" href="/main.css"></head><body>
<label for="body">Corps</label><textarea id="body">{\n  "name": "x",\n  "n": 1\n}</textarea><button id="after">Après</button>
<script type="module" src="/entry.js"></script></body></html>`;

before(async () => {
  const entry = join(dir, "entry.ts");
  writeFileSync(entry, `import { mountJsonEditor } from ${JSON.stringify(resolve("src/runtime/json-editor.ts"))};
const changes: string[] = [];
(window as any).changes = changes;
(window as any).mount = () => mountJsonEditor(document.querySelector("textarea")!, { label: "Corps de la requête", onChange: (t) => changes.push(t) }).then((e) => ((window as any).editor = e));`);
  const result = await build({
    entryPoints: { entry, main: "src/runtime/styles/main.css" }, outdir: join(dir, "out"), bundle: true, splitting: true, format: "esm",
    minify: true, metafile: true, chunkNames: "chunks/[name]-[hash]", tsconfig: "src/runtime/tsconfig.json", logLevel: "silent",
    loader: { ".woff2": "file", ".svg": "file", ".png": "file" },
  });
  outputs = Object.fromEntries(Object.entries(result.metafile.outputs).map(([path, output]) => [path.replace(/^.*\/out\//, ""), output]));
  server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0]!;
    if (path === "/favicon.ico") return void response.writeHead(204).end();
    const type = path.endsWith(".js") ? "text/javascript" : path.endsWith(".css") ? "text/css" : "text/html; charset=utf-8";
    try {
      const body = path === "/" ? PAGE : readFileSync(join(dir, "out", path));
      response.writeHead(200, { "Content-Type": type, "Content-Security-Policy": CONTENT_SECURITY_POLICY }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  origin = typeof address === "object" && address ? `http://127.0.0.1:${address.port}` : "";
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

// A page with the editor mounted, and the CSP violations and errors it reported.
async function open(theme?: "dark"): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ colorScheme: "light" });
  const problems: string[] = [];
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(origin);
  // Browser code as strings: this file is typechecked without the DOM library.
  if (theme) await page.evaluate(`document.documentElement.setAttribute("data-theme", "${theme}")`);
  await page.evaluate('document.addEventListener("securitypolicyviolation", (event) => console.error("CSP " + event.violatedDirective))');
  await page.waitForFunction('typeof window.mount === "function"');
  await page.evaluate("window.mount()");
  await page.locator(".cm-editor").waitFor();
  return { page, problems };
}

const colourOf = (page: Page, text: string) =>
  page.locator(".cm-content span", { hasText: text }).first().evaluate((element) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(element).color);

test("CodeMirror is in its own chunk: the code that mounts the editor does not carry it", () => {
  const entry = outputs["entry.js"]!;
  const chunk = Object.entries(outputs).find(([path, output]) => path.endsWith(".js") && output.bytes > 100_000);
  assert.ok(chunk, "a chunk holds CodeMirror");
  assert.ok(entry.bytes < 5_000, `entry ${entry.bytes} bytes`);
  assert.ok(entry.imports.some((imported) => imported.kind === "dynamic-import"), "loaded by a dynamic import");
  assert.ok(!entry.imports.some((imported) => imported.kind === "import-statement" && imported.path.endsWith(chunk[0])), "never statically");
});

test("the editor replaces the textarea, highlights like the examples, light and dark, under the site's CSP", async () => {
  const { page, problems } = await open();
  assert.equal(await page.locator("textarea").isHidden(), true);
  assert.equal(await page.locator(".cm-content").getAttribute("aria-label"), "Corps de la requête");
  assert.equal(await page.locator(".cm-lineNumbers .cm-gutterElement", { hasText: "4" }).count(), 1, "line numbers");
  assert.equal(await colourOf(page, '"name"'), "rgb(0, 92, 197)");
  assert.equal(await colourOf(page, '"x"'), "rgb(3, 47, 98)");
  await page.evaluate('document.documentElement.setAttribute("data-theme", "dark")');
  assert.equal(await colourOf(page, '"name"'), "rgb(121, 184, 255)");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a broken body is explained in French with its line and column, and the textarea follows every edit", async () => {
  const { page, problems } = await open();
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("End");
  await page.keyboard.press("Backspace"); // "n": 1 → "n": (value missing)
  await page.keyboard.type(' "y" "z"');
  const status = page.locator(".json-editor__status");
  await status.filter({ hasText: "ligne 3, colonne 13 : virgule manquante" }).waitFor();
  const value = await page.locator("textarea").inputValue();
  assert.equal(value, '{\n  "name": "x",\n  "n":  "y" "z"\n}');
  assert.equal(await page.evaluate("window.changes.at(-1)"), value);
  await page.evaluate(`window.editor.setText('{"ok": true}')`);
  assert.equal(await page.locator("textarea").inputValue(), '{"ok": true}');
  await status.waitFor({ state: "hidden" });
  assert.deepEqual(problems, []);
  await page.close();
});

test("brackets are matched, Tab indents, Escape then Tab leaves the editor", async () => {
  const { page } = await open();
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("ArrowRight"); // just after "{"
  await page.locator(".cm-matchingBracket").first().waitFor();
  assert.equal(await page.locator(".cm-matchingBracket").count(), 2);
  await page.keyboard.press("Tab");
  assert.ok((await page.locator("textarea").inputValue()).startsWith("  {"), "Tab indents the line inside the editor");
  assert.equal(await page.evaluate('document.activeElement?.classList.contains("cm-content")'), true);
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate("document.activeElement?.id"), "after");
  await page.evaluate("window.editor.destroy()");
  assert.equal(await page.locator("textarea").isVisible(), true);
  assert.equal(await page.locator(".cm-editor").count(), 0);
  await page.close();
});
