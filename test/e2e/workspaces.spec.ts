// The workspaces tutorial in simulated mode, block by block: the community read from the account and edited, the
// colleague found through the public catalogue, added without rights, given UPLOAD and PROCESSING, listed, removed;
// the organization's communities and members. The colleague's own blocks (utilisateur=anne) run with her simulated
// token: her delivery refused (403) without the right, accepted once given, her reads refused once removed.
import { expect, test, type Page } from "@playwright/test";
import { WORKSPACE_PAGES, block, blocks, openTutorialPage, responseJson, runAllBlocks, runBlocksExpecting } from "./helpers.ts";

const API = "https://data.geopf.fr/api";

// A request of Anne Halise, sent by the page (so to the page's simulated datastore) with her simulated token.
async function asAnne(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  return page.evaluate(async ({ url, method, body }) => {
    const response = await fetch(url, {
      method,
      headers: { Authorization: "Bearer simulation-anne", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null };
  }, { url: `${API}${path}`, method, body });
}

test("espaces de travail : un droit donné à une membre prend effet (403 → 200), puis son retrait", async ({ page }) => {
  test.setTimeout(180_000);
  const [communityPage, membersPage, organizationPage] = WORKSPACE_PAGES as [string, string, string];
  const statuses: string[] = [];
  await openTutorialPage(page, communityPage);
  await runAllBlocks(page, communityPage, statuses);
  const community = (await responseJson(block(page, "PATCH", "/communities/{community}"))) as { _id: string; description: string; organization: { _id: string } };
  expect(community.description).toBe("Données d'essai des tutoriels de l'API Entrepôt");
  const me = (await responseJson(block(page, "GET", "/users/me"))) as { communities_member: { community: { _id: string; datastore: string } }[] };
  const datastore = me.communities_member[0]!.community.datastore;

  await openTutorialPage(page, membersPage);
  // Anne's own blocks (utilisateur=anne): she reads the uploads but her delivery is refused (403, UPLOAD missing),
  // accepted once given UPLOAD and PROCESSING, which her /users/me shows; removed, even a read is refused.
  const anneBlocks = page.locator("[data-api-block]:has(.api-block__user)");
  await expect(anneBlocks).toHaveCount(5);
  await expect(anneBlocks.first().locator(".api-block__user")).toHaveText("en tant que Anne");
  await runBlocksExpecting(page, membersPage, { 4: "403", 11: "403" });
  const refused = (await responseJson(blocks(page).nth(4))) as { error: string; error_description: string[] };
  expect(refused.error).toBe("Forbidden");
  expect(refused.error_description.join(" ")).toContain("Droit UPLOAD manquant : Anne Halise");
  const accepted = (await responseJson(blocks(page).nth(6))) as { _id: string; status: string };
  expect(accepted.status).toBe("OPEN");
  const mine = (await responseJson(blocks(page).nth(7))) as { last_name: string; communities_member: { rights: string[]; community: { _id: string } }[] };
  expect(mine.last_name).toBe("Halise");
  expect(mine.communities_member.find((entry) => entry.community._id === community._id)?.rights).toEqual(["UPLOAD", "PROCESSING"]);
  const removed = (await responseJson(blocks(page).nth(11))) as { error_description: string[] };
  expect(removed.error_description.join(" ")).toContain("Anne Halise n'est membre d'aucune communauté qui l'utilise");
  const members = (await responseJson(block(page, "GET", "/communities/{community}/users"))) as { rights: string[]; user: { last_name: string } }[];
  expect(members.map((member) => [member.user.last_name, member.rights])).toEqual([
    ["Lopper", ["ANNEX", "UPLOAD", "BROADCAST", "PROCESSING", "COMMUNITY"]],
    ["Halise", ["UPLOAD", "PROCESSING"]],
  ]);
  const filtered = (await responseJson(block(page, "GET", "/users?rights=PROCESSING,UPLOAD"))) as unknown[];
  expect(filtered).toHaveLength(2);

  await openTutorialPage(page, organizationPage);
  // As an official member Anne reads the members' list herself; removed, she is refused (403).
  await runBlocksExpecting(page, organizationPage, { 6: "403" });
  const listed = (await responseJson(blocks(page).nth(4))) as { last_name: string }[];
  expect(listed.map((user) => user.last_name)).toEqual(["Lopper", "Halise"]);
  expect(((await responseJson(blocks(page).nth(6))) as { error_description: string[] }).error_description.join(" ")).toContain("membre officiel");
  const communities = (await responseJson(block(page, "GET", "/organizations/{organization}/communities"))) as { technical_name: string }[];
  expect(communities.map((entry) => entry.technical_name)).toEqual(["tutoriels"]);
  expect((await asAnne(page, "GET", `/organizations/${community.organization._id}/users`)).status).toBe(403);
  // The organization's stored data: Dave's datastore's (none yet in this fresh browser), Anne refused.
  expect(await responseJson(block(page, "GET", "/organizations/{organization}/stored_data?datastore={datastore}"))).toEqual([]);
  expect((await asAnne(page, "GET", `/organizations/${community.organization._id}/stored_data`)).status).toBe(403);
});
