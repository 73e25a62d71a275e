// Browser measurements for scripts/bench.ts, in Debian's Chromium driven by Playwright: what each tutorial page loads
// before any interaction, click-to-response time of a request block (simulated mode), Pagefind time to first results.
// Timings are taken inside the page (performance.now() / event.timeStamp), never from Playwright's side.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../src/build/chromium.ts";


/** Starts Chromium as the end-to-end tests do. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Height of the browser window (width 1280). */
export const VIEWPORT_HEIGHT = 800;

/** A fresh context (empty cache, no service worker, empty storage), like a first visit. */
function freshContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, serviceWorkers: "allow", viewport: { width: 1280, height: VIEWPORT_HEIGHT } });
}

// ---------------------------------------------------------------------------------------------------------------
// In-page helpers (plain JavaScript: scripts/ are type-checked without the DOM library).

const IN_PAGE = String.raw`
(() => {
  const bench = (window.__bench = {});
  // When the simulated datastore is ready: main.ts then sets the {datastore} variable, shown in the panel.
  const watchDatastore = () => {
    const check = () => {
      const panel = document.querySelector(".variables");
      if (panel && panel.textContent.includes("{datastore}")) {
        bench.datastoreAt = performance.now();
        observer.disconnect();
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
    check();
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watchDatastore, { once: true });
  else watchDatastore();

  // Resolves with in-page timestamps once the frame showing the result has been produced (rAF, then a task).
  const afterFrame = (resolve, result) => requestAnimationFrame(() => setTimeout(() => resolve({ ...result, tFrame: performance.now() }), 0));

  // Arms one click-to-response measurement on a request block: t0 = the click event's time stamp; the run ends when
  // data-response-status is set again (the response text is rendered before it, src/runtime/components/api-block.ts).
  bench.armClick = (selector) => {
    const block = document.querySelector(selector);
    if (!block) throw new Error("bloc introuvable : " + selector);
    const response = block.querySelector(".api-block__response");
    let t0 = -1;
    let tHandler = -1;
    bench.run = new Promise((resolve, reject) => {
      const timer = setTimeout(() => { observer.disconnect(); reject(new Error("pas de réponse en 30 s")); }, 30000);
      block.addEventListener("click", (event) => { t0 = event.timeStamp; tHandler = performance.now(); }, { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (t0 < 0 || !block.hasAttribute("data-response-status")) return;
        observer.disconnect();
        clearTimeout(timer);
        afterFrame(resolve, { t0, tHandler, tAttr: performance.now(), status: block.getAttribute("data-response-status"), textLength: (response ? response.textContent : "").length });
      });
      observer.observe(block, { attributes: true, attributeFilter: ["data-response-status"] });
    });
    return true;
  };

  // Arms one search measurement: t0 = the input event's time stamp; ends when the first result (or "Aucun résultat")
  // is in the list of the header search box (src/runtime/components/search.ts).
  bench.armSearch = () => {
    const input = document.querySelector("#site-search-input");
    const list = document.querySelector("#site-search-results");
    const status = document.querySelector("#site-search-status");
    let t0 = -1;
    bench.search = new Promise((resolve, reject) => {
      const timer = setTimeout(() => { observer.disconnect(); reject(new Error("aucun résultat affiché en 30 s")); }, 30000);
      input.addEventListener("input", (event) => { t0 = event.timeStamp; }, { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (t0 < 0) return;
        const first = list.querySelector("li");
        const none = status.textContent.trim() === "Aucun résultat";
        if (!first && !none) return;
        observer.disconnect();
        clearTimeout(timer);
        afterFrame(resolve, { t0, tShown: performance.now(), results: list.querySelectorAll("li").length });
      });
      observer.observe(list, { childList: true });
      observer.observe(status, { childList: true, characterData: true, subtree: true });
    });
    return true;
  };

  // Pagefind's own engine, without the search box (no debounce, no rendering).
  bench.pagefindEngine = async (queries) => {
    const started = performance.now();
    const url = "/pagefind/pagefind.js";
    const pagefind = await import(url);
    await pagefind.options({ excerptLength: 24 });
    await pagefind.init();
    const initMs = performance.now() - started;
    const runs = [];
    for (const query of queries) {
      const t = performance.now();
      const search = await pagefind.search(query);
      await Promise.all(search.results.slice(0, 8).map((result) => result.data()));
      runs.push({ query, ms: performance.now() - t, results: search.results.length });
    }
    return { initMs, runs };
  };
})();
`;

/** Calls a function of window.__bench in the page. */
function call<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([fn, params]) => {
      const bench = (globalThis as unknown as { __bench: Record<string, (...a: unknown[]) => unknown> }).__bench;
      return bench[fn as string]!(...(params as unknown[]));
    },
    [name, args] as const,
  ) as Promise<T>;
}

/** Reads a value of window.__bench (awaits it when it is a promise). */
function read<T>(page: Page, name: string): Promise<T> {
  return page.evaluate((key) => (globalThis as unknown as { __bench: Record<string, unknown> }).__bench[key], name) as Promise<T>;
}

// ---------------------------------------------------------------------------------------------------------------
// Page weight.

/** Kinds of responses, by what the budget counts. */
export type Kind = "html" | "css" | "app" | "simulator" | "sw" | "mermaid" | "pagefind" | "data" | "other";

/** One response a page loaded. */
export interface Loaded {
  url: string;
  kind: Kind;
  bytes: number;
  gzip: number;
}

/** What a tutorial page loaded before any interaction. */
export interface PageWeight {
  path: string;
  blocks: number;
  diagrams: number;
  loaded: Loaded[];
  /** gzip bytes by kind. */
  byKind: Record<Kind, number>;
  /** HTML + CSS + all JavaScript (app, simulator chunk, service worker script, Mermaid if a page ever loads it), gzip. */
  budgeted: number;
  /** Everything (JSON data, images… included), gzip. */
  total: number;
  /** ms from navigation start to the simulated datastore being ready ({datastore} set), when the page has blocks. */
  datastoreReadyMs: number | null;
  /** Start of the simulator chunk's download (ms from navigation start), when loaded. */
  simulatorFetchStartMs: number | null;
  /** gzip size of the page's diagrams alone (their <figure> elements, SVG in both themes), part of the HTML. */
  diagramsGzip: number;
}

/** Classifies a same-origin URL path. */
export function kindOf(pathname: string, resourceType: string): Kind {
  if (resourceType === "document" || pathname.endsWith(".html") || pathname.endsWith("/")) return "html";
  if (pathname === "/mockServiceWorker.js") return "sw";
  if (/mermaid/i.test(pathname)) return "mermaid"; // diagrams are drawn at build time: should never be loaded
  if (pathname.startsWith("/pagefind/")) return "pagefind";
  if (/^\/assets\/chunks\/datastore-[^/]*\.js$/.test(pathname)) return "simulator";
  if (pathname.endsWith(".css")) return "css";
  if (pathname.endsWith(".js") || pathname.endsWith(".mjs")) return "app";
  if (pathname.endsWith(".json")) return "data";
  return "other";
}

const KINDS: Kind[] = ["html", "css", "app", "simulator", "sw", "mermaid", "pagefind", "data", "other"];
const BUDGETED: ReadonlySet<Kind> = new Set<Kind>(["html", "css", "app", "simulator", "sw", "mermaid"]);

/** gzip size (zlib, default level 6, as a web server would send it). */
export function gzipSize(bytes: Buffer): number {
  return zlib.gzipSync(bytes).length;
}

/** Every page under /tutoriels/ of the built site, as URL paths. */
export function tutorialPaths(siteDir: string): string[] {
  const root = path.join(siteDir, "tutoriels");
  const found = (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((file) => path.basename(file) === "index.html")
    .map((file) => `/tutoriels/${path.dirname(file) === "." ? "" : `${path.dirname(file).split(path.sep).join("/")}/`}`);
  return found.sort();
}

/** Loads a page in a fresh context and records every response until load, network idle and simulator readiness. */
async function weighPage(browser: Browser, baseURL: string, pagePath: string): Promise<PageWeight> {
  const context = await freshContext(browser, baseURL);
  await context.addInitScript({ content: IN_PAGE });
  const origin = new URL(baseURL).origin;
  const seen = new Map<string, Promise<Loaded | null>>();
  context.on("requestfinished", (request) => {
    const url = new URL(request.url());
    if (url.origin !== origin || seen.has(url.href)) return; // counted once (a request passed on by the service worker shows twice)
    seen.set(
      url.href,
      (async () => {
        const response = await request.response();
        if (!response || response.status() !== 200) return null;
        let body: Buffer;
        try {
          body = await response.body();
        } catch {
          body = Buffer.from(await (await fetch(url.href)).arrayBuffer()); // body not kept by Chromium (service worker)
        }
        return { url: url.pathname, kind: kindOf(url.pathname, request.resourceType()), bytes: body.length, gzip: gzipSize(body) };
      })(),
    );
  });
  const page = await context.newPage();
  await page.goto(pagePath, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  const blocks = await page.locator("[data-api-block]").count();
  const figures = page.locator("figure.diagram[data-diagram]");
  const diagrams = await figures.count();
  const diagramsGzip = diagrams > 0 ? gzipSize(Buffer.from((await figures.evaluateAll((all) => all.map((figure) => figure.outerHTML))).join(""))) : 0;
  let datastoreReadyMs: number | null = null;
  if (blocks > 0) {
    await page.waitForFunction(() => (globalThis as unknown as { __bench: { datastoreAt?: number } }).__bench.datastoreAt !== undefined, null, { timeout: 30_000 });
    datastoreReadyMs = await read<number>(page, "datastoreAt");
    await page.waitForLoadState("networkidle");
  }
  // The service worker script is fetched by the browser for the registration: make sure it is counted.
  const worker = await page.evaluate(async () => {
    const nav = (globalThis as unknown as { navigator: { serviceWorker?: { getRegistration(): Promise<{ active?: { scriptURL: string } | null; installing?: { scriptURL: string } | null } | undefined> } } }).navigator;
    const registration = await nav.serviceWorker?.getRegistration();
    return registration?.active?.scriptURL ?? registration?.installing?.scriptURL ?? null;
  });
  if (worker && !seen.has(worker)) {
    const body = Buffer.from(await (await fetch(worker)).arrayBuffer());
    seen.set(worker, Promise.resolve({ url: new URL(worker).pathname, kind: "sw", bytes: body.length, gzip: gzipSize(body) }));
  }
  const simulatorFetchStartMs = await page.evaluate(() => {
    const perf = (globalThis as unknown as { performance: { getEntriesByType(type: string): { name: string; startTime: number }[] } }).performance;
    const entry = perf.getEntriesByType("resource").find((e) => /\/assets\/chunks\/datastore-[^/]*\.js$/.test(e.name));
    return entry ? entry.startTime : null;
  });
  await context.close();
  const loaded = (await Promise.all(seen.values())).filter((item): item is Loaded => item !== null);
  const byKind = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<Kind, number>;
  for (const item of loaded) byKind[item.kind] += item.gzip;
  const budgeted = KINDS.filter((kind) => BUDGETED.has(kind)).reduce((sum, kind) => sum + byKind[kind], 0);
  const total = KINDS.reduce((sum, kind) => sum + byKind[kind], 0);
  return { path: pagePath, blocks, diagrams, loaded, byKind, budgeted, total, datastoreReadyMs, simulatorFetchStartMs, diagramsGzip };
}

/** Weighs every page, one fresh context each. */
export async function weighPages(browser: Browser, baseURL: string, paths: readonly string[], log: (line: string) => void): Promise<PageWeight[]> {
  const weights: PageWeight[] = [];
  for (const pagePath of paths) {
    const weight = await weighPage(browser, baseURL, pagePath);
    log(`  ${pagePath} : ${(weight.budgeted / 1024).toFixed(1)} Ko gz (${weight.loaded.length} réponses)`);
    weights.push(weight);
  }
  return weights;
}

/** Simulator start-up on a page with blocks: first visit (nothing cached) and the next visit (same context). */
export interface SimulatorStart {
  path: string;
  /** From the start of the simulator chunk's download to the datastore being ready, first visit. */
  firstVisitMs: number;
  /** Same, on the next load of the page (chunk in cache, service worker already installed). */
  revisitMs: number;
}

/** Measures how long starting the simulated datastore takes (what a first click would wait if it started lazily). */
export async function measureSimulatorStart(browser: Browser, baseURL: string, pagePath: string, runs: number): Promise<SimulatorStart[]> {
  const results: SimulatorStart[] = [];
  for (let run = 0; run < runs; run += 1) {
    const context = await freshContext(browser, baseURL);
    await context.addInitScript({ content: IN_PAGE });
    const page = await context.newPage();
    const once = async (): Promise<number> => {
      await page.goto(pagePath, { waitUntil: "load" });
      await page.waitForFunction(() => (globalThis as unknown as { __bench: { datastoreAt?: number } }).__bench.datastoreAt !== undefined, null, { timeout: 30_000 });
      return page.evaluate(() => {
        const g = globalThis as unknown as { __bench: { datastoreAt: number }; performance: { getEntriesByType(type: string): { name: string; startTime: number }[] } };
        const entry = g.performance.getEntriesByType("resource").find((e) => /\/assets\/chunks\/datastore-[^/]*\.js$/.test(e.name));
        return g.__bench.datastoreAt - (entry ? entry.startTime : 0);
      });
    };
    const firstVisitMs = await once();
    await page.waitForLoadState("networkidle");
    const revisitMs = await once();
    results.push({ path: pagePath, firstVisitMs, revisitMs });
    await context.close();
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------------------
// Click to response.

/** One click-to-response run, in ms from the click event. */
export interface ClickRun {
  /** Until data-response-status is set (response text already in the DOM). */
  toDomMs: number;
  /** Until the following frame (rAF, then a task): the response is on screen. */
  toFrameMs: number;
  status: string;
}

/** A page ready for click-to-response measurements on one GET block. */
export interface ClickPage {
  /** The block measured, as "GET <url>". */
  block: string;
  /** Clicks "Exécuter" once and times the response, inside the page. */
  click(): Promise<ClickRun>;
  close(): Promise<void>;
}

/**
 * Opens a page in a fresh context, ready to click a GET block; `prepare` runs first, on the loaded page (e.g. to
 * fill the simulated datastore, scripts/bench-browser-store.ts).
 */
export async function openClickPage(browser: Browser, baseURL: string, pagePath: string, urlSuffix: string, prepare?: (page: Page) => Promise<void>): Promise<ClickPage> {
  const context = await freshContext(browser, baseURL);
  await context.addInitScript({ content: IN_PAGE });
  const page = await context.newPage();
  await page.goto(pagePath, { waitUntil: "load" });
  await page.waitForFunction(() => (globalThis as unknown as { __bench: { datastoreAt?: number } }).__bench.datastoreAt !== undefined, null, { timeout: 30_000 });
  await page.waitForLoadState("networkidle"); // Mermaid and the simulator loaded: nothing else competes with the clicks
  await prepare?.(page);
  const urls = await page.locator('[data-api-block][data-method="GET"]').evaluateAll((nodes) => nodes.map((node) => (node as unknown as { getAttribute(name: string): string | null }).getAttribute("data-url") ?? ""));
  const index = urls.findIndex((url) => url.endsWith(urlSuffix));
  if (index < 0) throw new Error(`Aucun bloc GET « …${urlSuffix} » sur ${pagePath}`);
  const selector = `[data-api-block][data-method="GET"][data-url="${urls[index]!.replace(/"/g, '\\"')}"]`;
  const button = page.locator(selector).getByRole("button", { name: /^Exécuter/ });
  await button.scrollIntoViewIfNeeded();
  return {
    block: `GET ${urls[index]}`,
    async click() {
      await call(page, "armClick", selector);
      await button.click();
      const r = await read<{ t0: number; tAttr: number; tFrame: number; status: string; textLength: number }>(page, "run");
      if (r.textLength === 0) throw new Error("Réponse vide affichée");
      return { toDomMs: r.tAttr - r.t0, toFrameMs: r.tFrame - r.t0, status: r.status };
    },
    close: () => context.close(),
  };
}

/** Clicks "Exécuter" on a GET block `runs` times and times each response, inside the page. */
export async function measureClicks(browser: Browser, baseURL: string, pagePath: string, urlSuffix: string, runs: number): Promise<{ block: string; runs: ClickRun[] }> {
  const page = await openClickPage(browser, baseURL, pagePath, urlSuffix);
  const results: ClickRun[] = [];
  for (let run = 0; run < runs; run += 1) results.push(await page.click());
  await page.close();
  return { block: page.block, runs: results };
}

// ---------------------------------------------------------------------------------------------------------------
// Search.

/** One query typed in the header search box, in ms from the input event to the first result on screen. */
export interface SearchRun {
  query: string;
  cold: boolean;
  ms: number;
  results: number;
}

/** Types a query (one input event, as a paste) and waits for the first result; `click` first focuses the box. */
async function searchOnce(page: Page, query: string, cold: boolean): Promise<SearchRun> {
  const input = page.locator("#site-search-input");
  if (!cold) {
    await input.fill("");
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { children: { length: number } } | null } }).document;
      return doc.querySelector("#site-search-results")?.children.length === 0;
    });
  }
  await call(page, "armSearch");
  if (cold) await input.click(); // focus: starts loading Pagefind (@focus="load"), as when a reader clicks the box
  await input.fill(query);
  const r = await read<{ t0: number; tFrame: number; results: number }>(page, "search");
  return { query, cold, ms: r.tFrame - r.t0, results: r.results };
}

/** Cold (first query of a fresh page) and warm (further queries) search times, plus Pagefind's engine alone. */
export async function measureSearch(
  browser: Browser,
  baseURL: string,
  queries: readonly string[],
): Promise<{ runs: SearchRun[]; engine: { initMs: number; runs: { query: string; ms: number; results: number }[] }[] }> {
  const runs: SearchRun[] = [];
  for (const [i, query] of queries.entries()) {
    const context = await freshContext(browser, baseURL);
    await context.addInitScript({ content: IN_PAGE });
    const page = await context.newPage();
    await page.goto("/", { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
    runs.push(await searchOnce(page, query, true));
    // Warm: the other queries on the same page (Pagefind loaded, each query new to it).
    for (const other of [...queries.slice(i + 1), ...queries.slice(0, i)]) runs.push(await searchOnce(page, other, false));
    await context.close();
  }
  const engine = [];
  for (let run = 0; run < 3; run += 1) {
    const context = await freshContext(browser, baseURL);
    await context.addInitScript({ content: IN_PAGE });
    const page = await context.newPage();
    await page.goto("/", { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
    engine.push(await call<{ initMs: number; runs: { query: string; ms: number; results: number }[] }>(page, "pagefindEngine", queries));
    await context.close();
  }
  return { runs, engine };
}
