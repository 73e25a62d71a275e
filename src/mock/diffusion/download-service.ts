// The simulated download service: capabilities feed, resource and sub-resource feeds of the PUBLISHED
// DOWNLOAD offerings (ATOM XML or JSON, as the client asks), and the files themselves
// (`{download}/download/{resource}/{sub_resource}/{file}`): the bytes the ARCHIVE stored data received.
import { publishedOn } from "./published.ts";
import type { Published } from "./published.ts";
import { capabilitiesFeed, downloadFile, feedJson, feedXml, resourceFeed, subResourceFeed } from "./download.ts";
import type { Feed } from "./download.ts";
import { el, xmlDocument } from "../formats/xml.ts";
import { json } from "../http/respond.ts";
import type { RouteInput } from "../http/route.ts";
import { param, xml } from "./ogc.ts";
import type { DiffusionRoute } from "../http/routes-diffusion.ts";

// Readable by pages of any origin, as the Géoplateforme's services are.
const CORS = { "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "Content-Disposition, Content-Length" };

const wantsJson = (request: Request): boolean => (request.headers.get("accept") ?? "").includes("application/json");

// A download feed in the representation the client asks for.
function feed(request: Request, body: Feed): Response {
  const response = wantsJson(request) ? json(feedJson(body)) : xml(feedXml(body));
  response.headers.set("Access-Control-Allow-Origin", "*");
  return response;
}

// The service's 404, as JSON or XML.
function downloadError(request: Request, message: string): Response {
  const response = wantsJson(request) ? json({ code: 404, message }, 404) : xml(xmlDocument(el("error", {}, el("code", {}, 404), el("message", {}, message))), 404);
  response.headers.set("Access-Control-Allow-Origin", "*");
  return response;
}

// Extensions the Content-Type is given for (anything else is application/octet-stream).
const MIME_TYPES: Record<string, string> = {
  zip: "application/zip", "7z": "application/x-7z-compressed", gz: "application/gzip", tar: "application/x-tar",
  json: "application/json", geojson: "application/geo+json", xml: "application/xml", gml: "application/gml+xml", kml: "application/vnd.google-earth.kml+xml",
  csv: "text/csv", txt: "text/plain", md5: "text/plain", prj: "text/plain", cpg: "text/plain", pdf: "application/pdf", html: "text/html",
  gpkg: "application/geopackage+sqlite3", tif: "image/tiff", tiff: "image/tiff", png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg",
};

/** The Content-Type a downloaded file is served with, from its name's extension. */
export function contentTypeOf(name: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  const type = (extension && MIME_TYPES[extension]) || "application/octet-stream";
  return type.startsWith("text/") ? `${type}; charset=UTF-8` : type;
}

/** Content-Disposition of a download: attachment, the name in ASCII and in UTF-8 (RFC 6266). */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The download service routes of one visibility, under `root` (links are given on the origin asked). */
export function downloadRoutes(open: boolean, root: string): DiffusionRoute[] {
  // The local server registers the routes under one origin but answers on its own (host and port).
  const rootOf = (input: RouteInput): string => `${input.url.origin}${new URL(root).pathname.replace(/\/+$/, "")}`;
  const resource = (input: RouteInput): Published | undefined =>
    input.store.run((ctx) => publishedOn(ctx, "DOWNLOAD", open)).find((p) => p.configuration.layer_name === input.params.layer);
  const missing = (input: RouteInput): Response => downloadError(input.request, `La ressource ${input.params.layer} n'existe pas ou n'est pas publiée sur ce service de téléchargement.`);
  const unknownSub = (input: RouteInput): Response => downloadError(input.request, `Sous-ressource ${input.params.sub} inconnue dans ${input.params.layer}.`);
  return [
    { path: `${root}/capabilities`, handle: (input) => feed(input.request, input.store.run((ctx) =>
      capabilitiesFeed(rootOf(input), publishedOn(ctx, "DOWNLOAD", open), ctx.now, { zone: param(input.url, "zone"), format: param(input.url, "format") }))) },
    { path: `${root}/resource/:layer`, handle: (input) => {
      const found = resource(input);
      return found ? feed(input.request, input.store.run((ctx) => resourceFeed(rootOf(input), found, ctx))) : missing(input);
    } },
    { path: `${root}/resource/:layer/:sub`, handle: (input) => {
      const found = resource(input);
      const body = found && input.store.run((ctx) => subResourceFeed(rootOf(input), found, input.params.sub ?? "", ctx));
      return body ? feed(input.request, body) : found ? unknownSub(input) : missing(input);
    } },
    { path: `${root}/download/:layer/:sub/:file`, handle: async (input) => {
      const found = resource(input);
      if (!found) return missing(input);
      const file = input.store.run((ctx) => downloadFile(found, input.params.sub ?? "", input.params.file ?? "", ctx));
      if (file === undefined) return unknownSub(input);
      const gone = `Le fichier ${input.params.file} n'existe pas dans la sous-ressource ${input.params.layer}/${input.params.sub}.`;
      // The record is read in its transaction, the bytes after it (the blob store is asynchronous).
      const bytes = file && file.blob ? await input.store.blobs.read(file.blob) : undefined;
      if (!file || !bytes) return downloadError(input.request, file ? `Le contenu du fichier ${file.path} n'est plus disponible dans l'entrepôt simulé.` : gone);
      return new Response(bytes as Uint8Array<ArrayBuffer>, { headers: {
        ...CORS, "Content-Type": contentTypeOf(file.path), "Content-Length": String(bytes.length), "Content-Disposition": attachment(file.path),
        ...(file.md5 ? { ETag: `"${file.md5}"` } : {}), "Cache-Control": "no-store",
      } });
    } },
    { path: `${root}/*`, handle: (input) => downloadError(input.request,
      "Chemin inconnu du service de téléchargement : utilisez /capabilities, /resource/{ressource}, /resource/{ressource}/{sous-ressource} ou /download/{ressource}/{sous-ressource}/{fichier}.") },
  ];
}
