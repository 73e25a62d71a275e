// The simulated datastore in IndexedDB: what a reader creates is there after a reload, a second tab sees it
// without reloading, "Tout recommencer" empties it in every tab, the state of earlier versions (localStorage) is
// imported once, corrupt IndexedDB records are ignored and named, and without IndexedDB the page still runs blocks
// and says that nothing will be kept.
import { expect, test, type Page } from "@playwright/test";
import { ARCHIVE_PAGES, block, openTutorialPage, responseJson, runBlock } from "./helpers.ts";

/** « Tout recommencer », from the Variables panel (opened by its floating button), confirmed; waits for the reload. */
async function resetAll(page: Page): Promise<void> {
  await page.getByRole("button", { name: /^Variables \(/ }).click();
  page.once("dialog", (dialog) => void dialog.accept());
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Tout recommencer" }).click()]);
}

const LIVRAISON = ARCHIVE_PAGES[0]!;
const API = "https://data.geopf.fr/api";
const createUpload = (page: Page) => block(page, "POST", "/uploads");
const readUpload = (page: Page) => block(page, "GET", "/uploads/{upload}");

/** Ids of the uploads the simulated datastore lists (once it has started in the page). */
async function listedUploads(page: Page): Promise<string[]> {
  const datastore = await page.locator(".variables").getByLabel("{datastore}", { exact: true }).inputValue();
  return page.evaluate(async (url) => ((await (await fetch(url)).json()) as { _id: string }[]).map((upload) => upload._id), `${API}/datastores/${datastore}/uploads?limit=50`);
}

test("an upload created before a reload is still there after it", async ({ page }) => {
  await openTutorialPage(page, LIVRAISON);
  expect(await runBlock(createUpload(page))).toBe("200");
  const upload = ((await responseJson(createUpload(page))) as { _id: string })._id;
  expect(await runBlock(block(page, "POST", "/data?path=data/{fichier}"))).toBe("204");

  await page.reload();
  await expect(page.locator(".variables").getByLabel("{upload}", { exact: true })).toHaveValue(upload);
  expect(await runBlock(readUpload(page))).toBe("200");
  expect(await responseJson(readUpload(page))).toMatchObject({ _id: upload, status: "OPEN" });
  expect(await runBlock(block(page, "GET", "/uploads/{upload}/tree"))).toBe("200");
  expect(JSON.stringify(await responseJson(block(page, "GET", "/uploads/{upload}/tree")))).toContain("data");
  expect(await listedUploads(page)).toEqual([upload]);
});

test("a second tab sees the first tab's upload without reloading, and a reset empties both", async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await openTutorialPage(first, LIVRAISON);
  await openTutorialPage(second, LIVRAISON);
  // Both simulators running before the upload exists.
  expect(await runBlock(block(first, "GET", "/users/me"))).toBe("200");
  expect(await runBlock(block(second, "GET", "/users/me"))).toBe("200");

  expect(await runBlock(createUpload(first))).toBe("200");
  const upload = ((await responseJson(createUpload(first))) as { _id: string })._id;
  await expect(second.locator(".variables").getByLabel("{upload}", { exact: true })).toHaveValue(upload);
  expect(await runBlock(readUpload(second))).toBe("200");
  expect(await responseJson(readUpload(second))).toMatchObject({ _id: upload, name: expect.any(String) });

  await resetAll(first);
  await expect.poll(() => listedUploads(second)).toEqual([]);
});

test("the state saved in localStorage by an earlier version is imported once, then removed", async ({ page }) => {
  const upload = "6b1d6c2e-0f4b-4d7a-9a43-1f2e3d4c5b6a";
  await openTutorialPage(page, LIVRAISON);
  const ds = await page.locator(".variables").getByLabel("{datastore}", { exact: true }).inputValue();
  const old = {
    version: 1,
    uploads: { [upload]: { _id: upload, datastore: ds, name: "Livraison d'avant", description: "Ancienne version", type: "ARCHIVE", srs: "EPSG:2154", status: "OPEN", size: 0, tags: {}, creation: Date.now(), files: [], checks: [] } },
    checkExecutions: {},
    executions: {},
    storedData: {},
    configurations: {},
    offerings: {},
    statics: {},
  };
  await page.evaluate((text) => localStorage.setItem("entrepot-tutoriels:v1:simulated-datastore", text), JSON.stringify(old));
  await page.reload();
  expect(await runBlock(block(page, "GET", "/users/me"))).toBe("200");
  expect(await listedUploads(page)).toEqual([upload]);
  expect(await page.evaluate(() => localStorage.getItem("entrepot-tutoriels:v1:simulated-datastore"))).toBeNull();
  // Now in IndexedDB: still there after another reload.
  await page.reload();
  expect(await runBlock(block(page, "GET", "/users/me"))).toBe("200");
  expect(await listedUploads(page)).toEqual([upload]);
});

// IndexedDB refused when opened (private modes), or when merely read (sandboxed frames throw SecurityError).
const REFUSALS: [string, () => void][] = [
  ["refused when opened", () => {
    IDBFactory.prototype.open = () => {
      throw new DOMException("IndexedDB désactivé", "SecurityError");
    };
  }],
  ["refused when read", () => {
    Object.defineProperty(window, "indexedDB", { configurable: true, get: () => { throw new DOMException("IndexedDB interdit", "SecurityError"); } });
  }],
];

for (const [label, refuse] of REFUSALS) {
  test(`with IndexedDB ${label} the page still runs blocks, in memory, and says so`, async ({ page }) => {
    await page.addInitScript(refuse);
    await openTutorialPage(page, LIVRAISON);
    expect(await runBlock(createUpload(page))).toBe("200");
    await expect(page.locator(".variables__warning")).toHaveText("Le stockage du navigateur est indisponible : la progression ne sera pas conservée au rechargement.");
    expect(await runBlock(readUpload(page))).toBe("200");
  });
}

test("corrupt IndexedDB records are ignored and named; blocks run and « Tout recommencer » still works", async ({ page }) => {
  await openTutorialPage(page, LIVRAISON);
  const ds = await page.locator(".variables").getByLabel("{datastore}", { exact: true }).inputValue();
  // Written before the simulator starts, as a hand edit or a damaged profile would leave them.
  await page.evaluate(async (datastore) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open("entrepot-simulation", 1);
      request.onupgradeneeded = () => ["rows", "blobs", "log", "meta"].forEach((name) => request.result.createObjectStore(name));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction("rows", "readwrite");
    tx.objectStore("rows").put(null, ["upload", "nul"]);
    tx.objectStore("rows").put({ v: 1, kind: "upload", id: "casse", datastore, json: "{pas du json", due: null, blobs: [], order: 0 }, ["upload", "casse"]);
    tx.objectStore("rows").put({ v: 7, kind: "upload", id: "futur" }, ["upload", "futur"]);
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }, ds);
  expect(await runBlock(createUpload(page))).toBe("200");
  const upload = ((await responseJson(createUpload(page))) as { _id: string })._id;
  expect(await listedUploads(page)).toEqual([upload]);
  await expect(page.locator(".mode-banner__notice")).toContainText("des enregistrements de l'entrepôt simulé (détail dans la console)");

  await resetAll(page);
  await expect(page.locator(".mode-banner__notice")).toBeHidden();
  expect(await runBlock(block(page, "GET", "/users/me"))).toBe("200");
  expect(await listedUploads(page)).toEqual([]);
  await expect(page.locator(".mode-banner__notice")).toBeHidden();
});
