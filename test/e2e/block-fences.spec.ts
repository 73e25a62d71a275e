// The block syntax of headers, url-encoded forms, raw PUT files, files produced in the page and utilisateur=anne, run
// against the simulated datastore and identity service.
import { expect, test } from "@playwright/test";
import { openBlockPage } from "./block-fixture.ts";
import { blocks, runBlock, responseOf } from "./helpers.ts";

const API = "https://data.geopf.fr/api";
const IAM = "https://sso.geopf.fr/realms/geoplateforme";
const fence = "```";

test("a url-encoded token request gets a token that fills {jeton}; the form's fields are editable", async ({ page }) => {
  await openBlockPage(page, "/essai/jeton/", [
    `??? POST "${IAM}/protocol/openid-connect/token"\n${fence}form\ngrant_type=password\nclient_id=gpf-warehouse\nusername=anne\npassword=mauvais\n${fence}\n${fence}json\n{"access_token": "{jeton}"}\n${fence}\n???`,
  ]);
  const block = blocks(page).first();
  await expect(block.getByRole("group", { name: /x-www-form-urlencoded/ })).toBeVisible();
  expect(await runBlock(block)).toBe("401");
  await expect(responseOf(block)).toContainText("invalid_grant");
  await block.getByLabel("password").fill("anne");
  expect(await runBlock(block)).toBe("200");
  await expect(block.locator(".api-block__captured")).toContainText("{jeton} = ");
});

test("utilisateur=anne runs as Anne (badge, her account); a Bearer header in ```headers does the same; a Basic one reaches the deposit server", async ({ page }) => {
  await openBlockPage(page, "/essai/anne/", [
    `??? GET "${API}/users/me" utilisateur=anne\n${fence}json\n{"_id": "{anne}"}\n${fence}\n???`,
    `??? GET "${API}/users/me"\n${fence}headers\nAuthorization: Bearer simulation-{qui}\n${fence}\n???`,
    `??? PUT "https://in-situ.theia-land.fr/data/TUTO/new/essai.zip"\n${fence}headers\nAuthorization: Basic {identifiants}\n${fence}\n${fence}files\n/samples/archive/departements.csv\n${fence}\n???`,
  ]);
  const [asAnne, withHeader, deposit] = [blocks(page).nth(0), blocks(page).nth(1), blocks(page).nth(2)];
  await expect(asAnne.locator(".api-block__user")).toHaveText("en tant que Anne");
  expect(await runBlock(asAnne)).toBe("200");
  await expect(responseOf(asAnne)).toContainText("anne.halise@ign.fr");
  // The header's placeholder is found, and the header is editable.
  await withHeader.getByRole("button", { name: /^Exécuter/ }).click();
  await expect(withHeader.locator(".api-block__missing")).toContainText("{qui}");
  await withHeader.getByLabel("Authorization").fill("Bearer simulation-anne");
  expect(await runBlock(withHeader)).toBe("200");
  await expect(responseOf(withHeader)).toContainText("anne.halise@ign.fr");
  await expect(deposit.getByText("Fichier envoyé comme corps de la requête")).toBeVisible();
  await deposit.getByLabel("Authorization").fill(`Basic ${Buffer.from("TUTO:depot-simule-2024").toString("base64")}`);
  // Authenticated (not 401): the server read the body, a CSV sent as is, and refuses it as not a zip archive.
  expect(await runBlock(deposit)).toBe("400");
  await expect(responseOf(deposit)).toContainText("n'est pas une archive zip lisible");
});

test("a file produced in the page is shown as waiting, and the block refuses to send before it exists", async ({ page }) => {
  await openBlockPage(page, "/essai/produit/", [
    `??? PUT "https://in-situ.theia-land.fr/data/TUTO/new/{fichier}"\n${fence}files\n@MSEC_THEIA.zip\n${fence}\n???`,
  ]);
  const block = blocks(page).first();
  await expect(block.locator("li[data-page-file]")).toHaveText("MSEC_THEIA.zip (pas encore produit)");
  await block.getByRole("button", { name: /^Exécuter/ }).click();
  await expect(block.locator(".api-block__missing")).toContainText("Produisez d'abord le fichier « MSEC_THEIA.zip » plus haut dans la page");
  await expect(block).not.toHaveAttribute("data-response-status", /.+/);
});
