// The workspaces tutorial in simulated mode, block by block: the community read from the account and edited, the
// colleague found through the public catalogue, added without rights, given UPLOAD and PROCESSING, listed, removed;
// the organization's communities and members. The colleague's own requests (a block always runs as the reader) are
// sent by the page with her simulated token: her delivery refused (403) without the right, accepted once given.
import { expect, test, type Page } from "@playwright/test";
import { WORKSPACE_PAGES, block, openTutorialPage, responseJson, runAllBlocks } from "./helpers.ts";

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
  const delivery = { name: "Livraison d'Anne", description: "Essai des droits", type: "VECTOR", srs: "EPSG:2154" };

  await openTutorialPage(page, membersPage);
  const seen: number[] = [];
  await runAllBlocks(page, membersPage, [], async (current, index) => {
    const method = await current.getAttribute("data-method");
    // The first PUT adds her without rights, the second gives her UPLOAD and PROCESSING.
    const puts = seen.length;
    if (method === "PUT" && puts === 0) {
      // A member without rights: she reads the datastore, her delivery is refused for want of UPLOAD.
      expect((await asAnne(page, "GET", `/datastores/${datastore}/uploads`)).status).toBe(200);
      const refused = await asAnne(page, "POST", `/datastores/${datastore}/uploads`, delivery);
      expect(refused.status).toBe(403);
      expect(refused.json.error_description.join(" ")).toContain("UPLOAD");
      seen.push(index);
    } else if (method === "PUT") {
      const accepted = await asAnne(page, "POST", `/datastores/${datastore}/uploads`, delivery);
      expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);
      const mine = await asAnne(page, "GET", "/users/me");
      const membership = mine.json.communities_member.find((entry: { community: { _id: string } }) => entry.community._id === community._id);
      expect(membership.rights).toEqual(["UPLOAD", "PROCESSING"]);
      seen.push(index);
    } else if (method === "DELETE") {
      expect((await asAnne(page, "GET", `/datastores/${datastore}/uploads`)).status).toBe(403);
      seen.push(index);
    }
  });
  expect(seen).toHaveLength(3);
  const members = (await responseJson(block(page, "GET", "/communities/{community}/users"))) as { rights: string[]; user: { last_name: string } }[];
  expect(members.map((member) => [member.user.last_name, member.rights])).toEqual([
    ["Lopper", ["ANNEX", "UPLOAD", "BROADCAST", "PROCESSING", "COMMUNITY"]],
    ["Halise", ["UPLOAD", "PROCESSING"]],
  ]);
  const filtered = (await responseJson(block(page, "GET", "/users?rights=PROCESSING,UPLOAD"))) as unknown[];
  expect(filtered).toHaveLength(2);

  await openTutorialPage(page, organizationPage);
  await runAllBlocks(page, organizationPage, [], async (current, index) => {
    if ((await current.getAttribute("data-method")) === "PUT") {
      const list = await asAnne(page, "GET", `/organizations/${community.organization._id}/users`);
      expect(list.status).toBe(200);
      expect(list.json.map((user: { last_name: string }) => user.last_name)).toEqual(["Lopper", "Halise"]);
    }
    void index;
  });
  const communities = (await responseJson(block(page, "GET", "/organizations/{organization}/communities"))) as { technical_name: string }[];
  expect(communities.map((entry) => entry.technical_name)).toEqual(["tutoriels"]);
  expect((await asAnne(page, "GET", `/organizations/${community.organization._id}/users`)).status).toBe(403);
  // The organization's stored data: Dave's datastore's (none yet in this fresh browser), Anne refused.
  expect(await responseJson(block(page, "GET", "/organizations/{organization}/stored_data?datastore={datastore}"))).toEqual([]);
  expect((await asAnne(page, "GET", `/organizations/${community.organization._id}/stored_data`)).status).toBe(403);
});
