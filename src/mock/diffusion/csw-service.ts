// The simulated CSW 2.0.2 catalogue (GeoNetwork at {csw}, and its INSPIRE catalogue at {csw}/INSPIRE) over the
// metadata published on the METADATA endpoint: GetCapabilities and GetRecordById (ID, one or comma-separated;
// OUTPUTSCHEMA csw:Record (default, Dublin Core) or gmd (the uploaded ISO 19139 XML, as sent); ElementSetName
// brief, summary (default) or full). An unknown or unpublished id gives an empty GetRecordByIdResponse (200), as
// GeoNetwork answers; errors are OWS 1.0 exception reports.
import urls from "../../../_data/urls.json" with { type: "json" };
import { el, escapeXml, xmlDocument } from "../formats/xml.ts";
import type { Xml } from "../formats/xml.ts";
import type { RouteInput } from "../http/route.ts";
import { list, ogcRequest, param, xml } from "./ogc.ts";
import type { DiffusionHandler } from "./ogc.ts";
import { allPublished, dublinCore, publishedRecords, withoutDeclaration } from "./csw-records.ts";
import type { ElementSet } from "./csw-records.ts";

const CSW_NS = "http://www.opengis.net/cat/csw/2.0.2";
/** Output schemas answered: Dublin Core (csw:Record) and ISO 19139 (gmd). */
const SCHEMAS = { csw: CSW_NS, gmd: "http://www.isotc211.org/2005/gmd" } as const;
const NAMESPACES = {
  "xmlns:csw": CSW_NS, "xmlns:dc": "http://purl.org/dc/elements/1.1/", "xmlns:dct": "http://purl.org/dc/terms/",
  "xmlns:ows": "http://www.opengis.net/ows", "xmlns:geonet": "http://www.fao.org/geonetwork",
};

// An OWS 1.0 exception report (CSW 2.0.2).
function cswError(status: number, code: string | undefined, locator: string, message: string): Response {
  return xml(xmlDocument(el("ows:ExceptionReport", { "xmlns:ows": "http://www.opengis.net/ows", version: "1.2.0", "xml:lang": "fr" },
    el("ows:Exception", { exceptionCode: code ?? "NoApplicableCode", locator }, el("ows:ExceptionText", {}, message)))), status);
}

// An operation of the capabilities, with its allowed parameter values.
const operation = (name: string, href: string, parameters: Record<string, string[]>): Xml => el("ows:Operation", { name },
  el("ows:DCP", {}, el("ows:HTTP", {}, el("ows:Get", { "xlink:href": href }))),
  ...Object.entries(parameters).map(([parameter, values]) => el("ows:Parameter", { name: parameter }, ...values.map((value) => el("ows:Value", {}, value)))));

// GetCapabilities: the service, its two operations and how many records it holds.
function capabilities(root: string, inspire: boolean, count: number): Response {
  return xml(xmlDocument(el("csw:Capabilities", { ...NAMESPACES, "xmlns:xlink": "http://www.w3.org/1999/xlink", version: "2.0.2" },
    el("ows:ServiceIdentification", {},
      el("ows:Title", {}, inspire ? "Catalogue INSPIRE de la Géoplateforme (simulé)" : "Catalogue de la Géoplateforme (simulé)"),
      el("ows:Abstract", {}, `Fiches de métadonnées publiées sur le point d'accès METADATA : ${count}.`),
      el("ows:ServiceType", {}, "CSW"), el("ows:ServiceTypeVersion", {}, "2.0.2")),
    el("ows:ServiceProvider", {}, el("ows:ProviderName", {}, "IGN")),
    el("ows:OperationsMetadata", {},
      operation("GetCapabilities", root, { sections: ["ServiceIdentification", "ServiceProvider", "OperationsMetadata"] }),
      operation("GetRecordById", root, { outputSchema: Object.values(SCHEMAS), ElementSetName: ["brief", "summary", "full"] })))));
}

// GetRecordById: the published records asked for, in the output schema asked.
async function recordById(input: RouteInput, inspire: boolean): Promise<Response> {
  const { store, url } = input;
  const identifiers = list(param(url, "id"));
  if (identifiers.length === 0) return cswError(400, "MissingParameterValue", "id", "Paramètre ID manquant : l'identifiant de fiche (gmd:fileIdentifier) à lire, ou plusieurs séparés par des virgules.");
  const schema = param(url, "outputschema") ?? SCHEMAS.csw;
  if (!Object.values(SCHEMAS).includes(schema as never)) {
    return cswError(400, "InvalidParameterValue", "outputSchema", `Schéma de sortie ${schema} non servi par ce catalogue (schémas servis : ${Object.values(SCHEMAS).join(", ")}).`);
  }
  const set = (param(url, "elementsetname") ?? "summary").toLowerCase();
  if (!["brief", "summary", "full"].includes(set)) return cswError(400, "InvalidParameterValue", "ElementSetName", `ElementSetName ${set} inconnu (brief, summary ou full).`);
  const records = store.run((ctx) => publishedRecords(ctx, identifiers, inspire));
  const texts: string[] = [];
  for (const record of records) {
    const bytes = await store.blobs.read(record.blob);
    if (!bytes) continue;
    const text = new TextDecoder().decode(bytes);
    texts.push(schema === SCHEMAS.gmd ? withoutDeclaration(text) : dublinCore(record, text, set as ElementSet).xml);
  }
  const attributes = Object.entries(NAMESPACES).map(([key, value]) => ` ${key}="${escapeXml(value)}"`).join("");
  // The records are written as received (gmd) so that the answer holds the uploaded file byte for byte, declaration apart.
  return xml(`<?xml version="1.0" encoding="UTF-8"?>\n<csw:GetRecordByIdResponse${attributes}>${texts.map((text) => `\n${text}`).join("")}\n</csw:GetRecordByIdResponse>\n`);
}

/** The CSW handler at `root` (`inspire`: only INSPIRE records). */
export function cswService(root: string, inspire: boolean): DiffusionHandler {
  return async (input) => {
    const request = ogcRequest(input.url, "CSW", cswError);
    if (typeof request !== "string") return request;
    const version = param(input.url, "version");
    if (version && version !== "2.0.2") return cswError(400, "InvalidParameterValue", "version", `Version ${version} non servie : ce catalogue répond en CSW 2.0.2.`);
    switch (request.toLowerCase()) {
      case "getcapabilities":
        return capabilities(root, inspire, input.store.run((ctx) => allPublished(ctx, inspire).length));
      case "getrecordbyid":
        return recordById(input, inspire);
      default:
        return cswError(400, "OperationNotSupported", "request", `Requête ${request} non simulée : ce catalogue répond à GetCapabilities et GetRecordById.`);
    }
  };
}

/** The catalogue's routes: {csw} and {csw}/INSPIRE (`origin` replaces https://data.geopf.fr, as for the other services). */
export function cswRoutes(origin?: string): { path: string; handle: DiffusionHandler }[] {
  const root = origin ? urls.csw.replace(/^https:\/\/data\.geopf\.fr/, origin.replace(/\/+$/, "")) : urls.csw;
  return [{ path: root, handle: cswService(root, false) }, { path: `${root}/INSPIRE`, handle: cswService(`${root}/INSPIRE`, true) }];
}
