// The one check before every PRIVATE diffusion root ({private.*} of _data/urls.json): the request must carry a key
// of the simulation — HASH (`apikey` / `api_key` query parameter, `apikey` / `X-Key` header), HEADER (all of its
// declared headers), BASIC (`Authorization: Basic`), OAUTH2 (`Authorization: Bearer` with a token of the simulated
// identity service, for a user holding an OAUTH2 key) — else 401 with the services' HTML body. The service then
// runs with only the offerings the key may consume (its accesses, users/keys/accesses.ts): the others are absent
// from its capabilities and unknown to its data requests. A key whose `user_agent` or `referer` pattern the request
// does not satisfy gets 403.
import type { Context } from "../core/context.ts";
import type { Store } from "../core/store.ts";
import { identityCaller } from "../identity/tokens.ts";
import { reachableOfferings } from "../resources/keys/accesses.ts";
import { passwordDigest } from "../resources/keys/digest.ts";
import { KEYS } from "../resources/keys/records.ts";
import { matchesRestriction } from "../resources/keys/lua-pattern.ts";
import type { KeyRecord } from "../resources/keys/records.ts";
import type { RouteInput } from "./route.ts";

const UNAUTHORIZED = "<html><head><title>401 Authorization Required</title></head><body><center><h1>401 Authorization Required</h1></center></body></html>";

const FORBIDDEN = "<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center></body></html>";

/** The services' 401 (no key, or one the platform does not know). */
export const unauthorized = (): Response => new Response(UNAUTHORIZED, { status: 401, headers: { "Content-Type": "text/html" } });

// The key the request presents, if any is valid.
function presentedKey(ctx: Context, store: Store, request: Request, url: URL): KeyRecord | undefined {
  const keys = ctx.records.list(KEYS);
  const hash = url.searchParams.get("apikey") ?? url.searchParams.get("api_key") ?? request.headers.get("apikey") ?? request.headers.get("x-key");
  if (hash) return keys.find((key) => key.type === "HASH" && key.type_infos.hash === hash);
  const authorization = request.headers.get("authorization")?.trim() ?? "";
  const basic = /^Basic\s+(\S+)$/i.exec(authorization)?.[1];
  if (basic) {
    let decoded = "";
    try {
      decoded = new TextDecoder().decode(Uint8Array.from(atob(basic), (char) => char.charCodeAt(0)));
    } catch {
      return undefined;
    }
    const colon = decoded.indexOf(":");
    const [login, password] = colon < 0 ? [decoded, ""] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
    return keys.find((key) => key.type === "BASIC" && key.type_infos.login === login && key.type_infos.password === passwordDigest(login, password));
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  if (bearer) {
    const user = identityCaller(store, bearer);
    return user && user !== "expired" ? keys.find((key) => key.type === "OAUTH2" && key.user === user) : undefined;
  }
  return keys.find((key) => key.type === "HEADER" && Object.entries(key.type_infos.headers ?? {}).every(([name, value]) => request.headers.get(name) === value));
}

/** The store as a private service sees it: every operation's context knows which offerings it may serve. */
function restricted(store: Store, allowed: ReadonlySet<string>): Store {
  const view = Object.create(store) as Store;
  view.run = <T>(operation: (ctx: Context) => T): T => store.run((ctx) => operation({ ...ctx, offeringFilter: (offering: string) => allowed.has(offering) }));
  return view;
}

/** The handler of a private root, behind the key check. */
export function privateAccess(handle: (input: RouteInput) => Response | Promise<Response>): (input: RouteInput) => Promise<Response> {
  return async (input) => {
    const { request } = input;
    const allowed = input.store.run((ctx) => {
      const key = presentedKey(ctx, input.store, request, input.url);
      if (!key) return undefined;
      // The key's own restrictions (Lua patterns on the User-Agent and Referer headers).
      if (!matchesRestriction(key.user_agent, request.headers.get("user-agent")) || !matchesRestriction(key.referer, request.headers.get("referer"))) return "forbidden" as const;
      return reachableOfferings(ctx, key);
    });
    if (!allowed) return unauthorized();
    if (allowed === "forbidden") return new Response(FORBIDDEN, { status: 403, headers: { "Content-Type": "text/html" } });
    return handle({ ...input, store: restricted(input.store, allowed) });
  };
}
