// The connexion tutorial (access control, API Entrepôt), block by block in simulated mode: tokens obtained from the
// simulated identity service (password, one-time code, client credentials), the API answering as the token's user,
// a refresh giving new tokens, a wrong password refused with Keycloak's error, an expired token refused by the API.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { blocks, CONNEXION_PAGES, expectChained, openTutorialPage, responseJson, runBlock } from "./helpers.ts";

interface TokenAnswer {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  refresh_expires_in: number;
  token_type: string;
}

// The JWT's payload (its middle part), as a client decodes it.
const payloadOf = (token: string): { exp: number; iat: number; preferred_username: string; azp: string } =>
  JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));

// Runs the block and returns its status after checking it is the one expected.
async function run(page: Page, index: number, expected: string): Promise<Locator> {
  const block = blocks(page).nth(index);
  expect(await runBlock(block), `bloc ${index + 1} de ${page.url()}`).toBe(expected);
  return block;
}

test("the connexion tutorial gets, uses, renews and loses tokens in the simulated identity service", async ({ page }) => {
  test.setTimeout(240_000);
  // The page's clock: the expired token is shown without waiting five minutes.
  await page.clock.install();
  await openTutorialPage(page, CONNEXION_PAGES[0]!);
  await expect(blocks(page)).toHaveCount(7);

  // Password grant: a JWT access token of five minutes for Dave, and a refresh token.
  const first = (await responseJson(await run(page, 0, "200"))) as TokenAnswer;
  expect(first.token_type).toBe("Bearer");
  expect(first.expires_in).toBe(300);
  expect(first.refresh_expires_in).toBe(1800);
  const claims = payloadOf(first.access_token);
  expect(claims.exp - claims.iat).toBe(300);
  expect(claims.preferred_username).toBe("dave");
  expect(claims.azp).toBe("gpf-warehouse");
  // With a one-time code; then client credentials (no refresh token).
  expect(((await responseJson(await run(page, 1, "200"))) as TokenAnswer).access_token).not.toBe(first.access_token);
  const service = (await responseJson(await run(page, 2, "200"))) as TokenAnswer;
  expect(service.refresh_token).toBeUndefined();
  expect(service.refresh_expires_in).toBe(0);
  // The API answers as the token's user: Dave with his tokens, Anne with hers.
  const me = await run(page, 3, "200");
  expect(((await responseJson(me)) as { last_name: string }).last_name).toBe("Lopper");
  expect(((await responseJson(await run(page, 4, "200"))) as { last_name: string }).last_name).toBe("Lopper");
  await run(page, 5, "200");
  expect(((await responseJson(await run(page, 6, "200"))) as { last_name: string; email: string }).email).toBe("anne.halise@ign.fr");

  await openTutorialPage(page, CONNEXION_PAGES[1]!);
  await expect(blocks(page)).toHaveCount(4);
  // Refresh: new access and refresh tokens, same session; the new token is accepted.
  const renewed = (await responseJson(await run(page, 0, "200"))) as TokenAnswer;
  expect(renewed.access_token).not.toBe(first.access_token);
  expect(renewed.refresh_token).not.toBe(first.refresh_token);
  expect(payloadOf(renewed.access_token).preferred_username).toBe("dave");
  await run(page, 1, "200");
  // A wrong password: Keycloak's 401 invalid_grant, its description a string.
  const refused = (await responseJson(await run(page, 2, "401"))) as { error: string; error_description: unknown };
  expect(refused).toEqual({ error: "invalid_grant", error_description: "Invalid user credentials" });
  // Still valid now; six minutes later the API refuses it (401, its own error body).
  const expired = await run(page, 3, "200");
  await page.clock.fastForward("06:00");
  expect(await runBlock(expired)).toBe("401");
  const body = (await responseJson(expired)) as { error_description: string[] };
  expect(body.error_description[0]).toContain("Jeton d'accès expiré");

  await expectChained(page, CONNEXION_PAGES, "/tutoriels/controle-acces-api/");
});
