// The complementary data tutorial, every block in order, in simulated mode: an annexe absent from its public URL
// until published, served byte for byte once published, gone after the unpublication by label and after its
// deletion; metadata read from the ISO 19139 files, the CSW record returned once published (Dublin Core and the
// uploaded XML), an empty answer after the unpublication; a personal document downloaded, shared with the second
// user (her own blocks, utilisateur=anne: refused before, then she lists and downloads it and may not change it),
// made public, unshared (her list empty again), deleted.
import { expect, test } from "@playwright/test";
import type { Locator, Page } from "@playwright/test";
import { COMPLEMENTARY_PAGES, blocks, expectChained, openTutorialPage, responseJson, responseOf } from "./helpers.ts";

const ANNEXE_URL = "https://data.geopf.fr/annexes/tutoriels/imagettes/departements.png";
const CSW_LOT = "https://data.geopf.fr/csw?SERVICE=CSW&VERSION=2.0.2&REQUEST=GetRecordById&ID=TUTORIELS_DEPARTEMENTS_2024.xml";
const ANNE = "Bearer simulation-anne";

// A request made by the page (so answered by the simulated datastore and services), with a token when given.
async function fetchIn(page: Page, url: string, init: { method?: string; token?: string; body?: string } = {}): Promise<{ status: number; text: string; bytes: number[] }> {
  return page.evaluate(async ({ url, init }) => {
    const headers: Record<string, string> = init.token ? { Authorization: init.token } : {};
    if (init.body) headers["Content-Type"] = "application/json";
    const response = await fetch(url, { method: init.method ?? "GET", headers, body: init.body });
    const bytes = [...new Uint8Array(await response.arrayBuffer())];
    return { status: response.status, text: new TextDecoder().decode(new Uint8Array(bytes)), bytes };
  }, { url, init });
}

// Runs every block of the page in order, asserting a 2xx answer (or the refusal given for its index), and calls
// `after` with each block once answered.
async function runBlocks(page: Page, path: string, after: (label: string, block: Locator, index: number) => Promise<void>, refusals: Record<number, number> = {}): Promise<void> {
  const count = await blocks(page).count();
  expect(count, `blocks on ${path}`).toBeGreaterThan(0);
  for (let index = 0; index < count; index += 1) {
    const current = blocks(page).nth(index);
    const label = `${await current.getAttribute("data-method")} ${await current.getAttribute("data-url")}`;
    await current.getByRole("button", { name: /^Exécuter/ }).click();
    const missing = current.locator(".api-block__missing");
    await expect.poll(async () => (await current.getAttribute("data-response-status")) !== null || (await missing.isVisible()), { timeout: 60_000, message: label }).toBe(true);
    if (await missing.isVisible()) throw new Error(`${path} ${label}\n${await missing.textContent()}`);
    const status = Number(await current.getAttribute("data-response-status"));
    const expected = refusals[index];
    expect(expected === undefined ? status >= 200 && status < 300 : status === expected, `${path} ${label} → ${status}\n${await responseOf(current).textContent()}`).toBe(true);
    await after(label, current, index);
  }
}

test("the complementary data tutorial runs end to end in the simulated datastore", async ({ page }) => {
  test.setTimeout(300_000);
  const png = await (await page.request.get("/samples/complementaires/imagette.png")).body();
  const ficheProduit = (await (await page.request.get("/samples/complementaires/fiche_produit.xml")).text()).replace(/^<\?xml[^>]*\?>\s*/, "").trim();
  const croquis = await (await page.request.get("/samples/complementaires/croquis.geojson")).text();
  let document = "";
  const reached = new Set<string>();
  for (const path of COMPLEMENTARY_PAGES) {
    await openTutorialPage(page, path);
    await runBlocks(page, path, async (label, block, index) => {
      if (path.endsWith("/annexes/") && label.endsWith("/annexes") && label.startsWith("POST")) {
        expect(await responseJson(block)).toMatchObject({ paths: ["/imagettes/departements.png", "/apercus/departements.png"], size: png.length, mime_type: "image/png", published: false });
        expect((await fetchIn(page, ANNEXE_URL)).status, "not public before its publication").toBe(404);
        reached.add("annexe before");
      }
      if (path.endsWith("/publication-annexes/")) {
        if (label.startsWith("PATCH")) {
          const served = await fetchIn(page, ANNEXE_URL);
          expect(served.status).toBe(200);
          expect(Buffer.from(served.bytes).equals(png), "the annexe's bytes at its public URL").toBe(true);
          expect(Buffer.from((await fetchIn(page, ANNEXE_URL.replace("imagettes", "apercus"))).bytes).equals(png)).toBe(true);
          reached.add("annexe served");
        }
        if (label.includes("/annexes/unpublication")) {
          await expect(responseOf(block)).toHaveText("1");
          expect((await fetchIn(page, ANNEXE_URL)).status, "unpublished: 404").toBe(404);
          reached.add("annexe unpublished");
        }
        if (label.includes("/annexes/publication")) {
          await expect(responseOf(block)).toHaveText("1");
          expect((await fetchIn(page, ANNEXE_URL)).status).toBe(200);
        }
        if (label.startsWith("DELETE")) (expect((await fetchIn(page, ANNEXE_URL)).status, "deleted: 404").toBe(404), reached.add("annexe deleted"));
      }
      if (path.endsWith("/metadonnees/") && label.endsWith("/metadata") && label.startsWith("POST")) {
        const created = (await responseJson(block)) as { level: string; file_identifier: string; type: string };
        expect([created.file_identifier, created.level]).toEqual(created.type === "INSPIRE" ? ["TUTORIELS_DEPARTEMENTS_2024.xml", "DATASET"] : ["TUTORIELS_DEPARTEMENTS.xml", "SERIES"]);
        expect(await fetchIn(page, CSW_LOT).then((answer) => answer.text), "not in the catalogue before its publication").not.toContain("TUTORIELS_DEPARTEMENTS_2024.xml");
      }
      if (path.endsWith("/publication-metadonnees/") && label.includes("/csw")) {
        const text = (await responseOf(block).textContent()) ?? "";
        if (label.includes("GetCapabilities")) (expect(text).toContain('<ows:Operation name="GetRecordById">'), expect(text).toContain("publiées sur le point d'accès METADATA : 2."), reached.add("csw capabilities"));
        else if (label.includes("OUTPUTSCHEMA")) (expect(text.replace(/\s+/g, " ")).toContain(ficheProduit.replace(/\s+/g, " ")), reached.add("csw gmd"));
        else if (label.includes("/INSPIRE")) expect(text).toContain("<dc:identifier>TUTORIELS_DEPARTEMENTS_2024.xml</dc:identifier>");
        else if (await page.locator("[data-api-block][data-url$='/metadata/unpublication'][data-response-status]").count() > 0) {
          expect(text, "unpublished: empty answer").not.toContain("dc:identifier");
          expect(text).toContain("GetRecordByIdResponse");
          reached.add("csw empty");
        } else {
          expect(text).toContain("<dc:identifier>TUTORIELS_DEPARTEMENTS_2024.xml</dc:identifier>");
          expect(text).toContain("<dc:title>Départements des tutoriels, édition 2024</dc:title>");
          expect(text).toContain("<dc:type>dataset</dc:type>");
          reached.add("csw record");
        }
      }
      if (path.endsWith("/documents/")) {
        if (label.endsWith("/users/me/documents")) document = ((await responseJson(block)) as { _id: string })._id;
        if (label.endsWith("/file")) await expect(responseOf(block)).toContainText('"Siège de l\'IGN"');
      }
      if (path.endsWith("/partage/")) {
        const mine = `https://data.geopf.fr/api/users/me/documents/${document}`;
        // Anne's blocks (utilisateur=anne): nothing shared with her and the document refused before the sharing.
        if (index === 2) expect(await responseJson(block)).toEqual([]);
        if (index === 3) expect(((await responseJson(block)) as { error_description: string[] }).error_description[0]).toContain("n'est pas partagé avec vous");
        if (label.endsWith("/sharings") && label.startsWith("POST")) reached.add("shared");
        // After it: she lists it, downloads it, may not change it.
        if (index === 6) expect(((await responseJson(block)) as { _id: string }[]).map((item) => item._id), "the beneficiary lists it").toEqual([document]);
        if (index === 7) expect((await responseOf(block).textContent())?.trim()).toBe(croquis.trim());
        if (index === 8) expect(((await responseJson(block)) as { error_description: string[] }).error_description[0]).toContain("seul son propriétaire peut le modifier");
        if (label.startsWith("PATCH")) {
          const view = (await responseJson(block)) as { public_url?: string };
          if (view.public_url) {
            expect(view.public_url).toMatch(/^https:\/\/data\.geopf\.fr\/documents\/[0-9a-z]+\.geojson$/);
            const anonymous = await fetchIn(page, view.public_url);
            expect(anonymous.status).toBe(200);
            expect(anonymous.text).toBe(croquis);
            reached.add("public document");
          }
        }
        if (label.includes("/sharings?users=")) expect((await fetchIn(page, `${mine}/file`, { token: ANNE })).status, "unshared: refused").toBe(403);
        if (index === 12) (expect(await responseJson(block), "unshared: her list is empty").toEqual([]), reached.add("unshared"));
        if (label.startsWith("DELETE") && !label.includes("/sharings")) expect((await fetchIn(page, mine)).status).toBe(404);
      }
    }, path.endsWith("/partage/") ? { 3: 403, 8: 403 } : {});
  }
  expect([...reached].sort()).toEqual(["annexe before", "annexe deleted", "annexe served", "annexe unpublished", "csw capabilities", "csw empty", "csw gmd", "csw record", "public document", "shared", "unshared"]);
  await expectChained(page, COMPLEMENTARY_PAGES, "/tutoriels/donnees-complementaires/");
});
