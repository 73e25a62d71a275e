// The simulated download service: capabilities feed, resource and sub-resource feeds of the PUBLISHED
// DOWNLOAD offerings (ATOM XML or JSON, as the client asks).
import { publishedOn } from "./published.ts";
import type { Published } from "./published.ts";
import { capabilitiesFeed, feedJson, feedXml, resourceFeed, subResourceFeed } from "./download.ts";
import type { Feed } from "./download.ts";
import { el, xmlDocument } from "../formats/xml.ts";
import { json } from "../http/respond.ts";
import type { RouteInput } from "../http/route.ts";
import { param, xml } from "./ogc.ts";
import type { DiffusionRoute } from "../http/routes-diffusion.ts";

// A download feed in the representation the client asks for.
function feed(request: Request, body: Feed): Response {
  return (request.headers.get("accept") ?? "").includes("application/json") ? json(feedJson(body)) : xml(feedXml(body));
}

function downloadError(request: Request, message: string): Response {
  if ((request.headers.get("accept") ?? "").includes("application/json")) return json({ code: 404, message }, 404);
  return xml(xmlDocument(el("error", {}, el("code", {}, 404), el("message", {}, message))), 404);
}

/** The download service routes of one visibility, under `root`. */
export function downloadRoutes(open: boolean, root: string): DiffusionRoute[] {
  const resource = (input: RouteInput): Published | undefined =>
    input.store.run((ctx) => publishedOn(ctx, "DOWNLOAD", open)).find((p) => p.configuration.layer_name === input.params.layer);
  const missing = (input: RouteInput): Response => downloadError(input.request, `La ressource ${input.params.layer} n'existe pas ou n'est pas publiée sur ce service de téléchargement.`);
  return [
    { path: `${root}/capabilities`, handle: (input) => feed(input.request, input.store.run((ctx) =>
      capabilitiesFeed(root, publishedOn(ctx, "DOWNLOAD", open), ctx.now, { zone: param(input.url, "zone"), format: param(input.url, "format") }))) },
    { path: `${root}/resource/:layer`, handle: (input) => {
      const found = resource(input);
      return found ? feed(input.request, input.store.run((ctx) => resourceFeed(root, found, ctx))) : missing(input);
    } },
    { path: `${root}/resource/:layer/:sub`, handle: (input) => {
      const found = resource(input);
      const body = found && input.store.run((ctx) => subResourceFeed(root, found, input.params.sub ?? "", ctx));
      return body ? feed(input.request, body) : found ? downloadError(input.request, `Sous-ressource ${input.params.sub} inconnue dans ${input.params.layer}.`) : missing(input);
    } },
    { path: `${root}/*`, handle: (input) => downloadError(input.request, "Chemin inconnu du service de téléchargement simulé (les fichiers eux-mêmes ne sont pas conservés par la simulation).") },
  ];
}
