// What the simulated CSW reads of the published metadata: the records published on the METADATA endpoint (all
// of them, or INSPIRE ones for the INSPIRE catalogue), their uploaded XML, and a Dublin Core summary of it
// (csw:Record, the default output schema of CSW 2.0.2).
import type { Context } from "../core/context.ts";
import { METADATA } from "../resources/metadata/records.ts";
import type { MetadataRecord } from "../resources/metadata/records.ts";
import ids from "../../../_data/ids.json" with { type: "json" };
import { descendants, el, parseXml, textContent } from "../formats/xml.ts";
import type { Xml, XmlElement } from "../formats/xml.ts";

/** The METADATA endpoint the CSW serves. */
export const CSW_ENDPOINT = ids.endpoints.open.csw;

/** Levels of element sets (CSW 2.0.2 ElementSetName). */
export type ElementSet = "brief" | "summary" | "full";

/** Records published on the CSW endpoint with one of these file identifiers, in the order asked (INSPIRE catalogue: INSPIRE ones only). */
export function publishedRecords(ctx: Context, identifiers: string[], inspire: boolean): MetadataRecord[] {
  const published = ctx.records.list(METADATA).filter((record) => record.endpoints.includes(CSW_ENDPOINT) && (!inspire || record.type === "INSPIRE"));
  return identifiers.flatMap((identifier) => published.filter((record) => record.file_identifier === identifier));
}

/** Every record published on the CSW endpoint (for the capabilities' count). */
export const allPublished = (ctx: Context, inspire: boolean): MetadataRecord[] =>
  ctx.records.list(METADATA).filter((record) => record.endpoints.includes(CSW_ENDPOINT) && (!inspire || record.type === "INSPIRE"));

/** The uploaded XML without its declaration (to be wrapped in a response). */
export const withoutDeclaration = (text: string): string => text.replace(/^\uFEFF?\s*<\?xml[^>]*\?>\s*/, "").trim();

// The text of the first descendant path (local names), trimmed.
function first(root: XmlElement, ...path: string[]): string | undefined {
  let scope: XmlElement[] = [root];
  for (const name of path) scope = scope.flatMap((element) => descendants(element, name));
  const found = scope.map((element) => textContent(element).trim()).find(Boolean);
  return found;
}

// Every keyword of the record (gmd:keyword/gco:CharacterString).
const keywordsOf = (root: XmlElement): string[] => descendants(root, "keyword").map((element) => textContent(element).trim()).filter(Boolean);

/** The csw:Record (Dublin Core) of a record's XML at an element set: identifier, title, type, bounding box; summary adds
 * subjects, abstract, date, format; full adds language and rights. */
export function dublinCore(record: MetadataRecord, text: string, set: ElementSet): Xml {
  const root = parseXml(text);
  const title = first(root, "identificationInfo", "title") ?? record.file_identifier;
  const abstract = first(root, "identificationInfo", "abstract");
  const date = first(root, "dateStamp");
  const language = first(root, "language");
  const format = first(root, "distributionFormat", "name");
  const rights = first(root, "resourceConstraints", "otherConstraints") ?? first(root, "resourceConstraints", "useLimitation");
  const bbox = descendants(root, "EX_GeographicBoundingBox")[0];
  const corner = (name: string): string | undefined => (bbox ? first(bbox, name) : undefined);
  const [west, east, south, north] = ["westBoundLongitude", "eastBoundLongitude", "southBoundLatitude", "northBoundLatitude"].map(corner);
  const tag = set === "brief" ? "csw:BriefRecord" : set === "summary" ? "csw:SummaryRecord" : "csw:Record";
  const more = set !== "brief";
  return el(tag, {},
    el("dc:identifier", {}, record.file_identifier),
    el("dc:title", {}, title),
    el("dc:type", {}, record.level === "SERIES" ? "series" : "dataset"),
    ...(more ? keywordsOf(root).map((keyword) => el("dc:subject", {}, keyword)) : []),
    more && format ? el("dc:format", {}, format) : null,
    more && date ? el("dct:modified", {}, date) : null,
    more && abstract ? el("dct:abstract", {}, abstract) : null,
    set === "full" && language ? el("dc:language", {}, language) : null,
    set === "full" && rights ? el("dc:rights", {}, rights) : null,
    west && east && south && north ? el("ows:BoundingBox", { crs: "urn:ogc:def:crs:EPSG::4326" },
      el("ows:LowerCorner", {}, `${south} ${west}`), el("ows:UpperCorner", {}, `${north} ${east}`)) : null);
}
