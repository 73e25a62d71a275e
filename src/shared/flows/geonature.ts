// Reading a GeoNature export through the Export module's API (page after page: `limit`, and `offset` as a page
// number) and turning it into one GeoJSON file the API Entrepôt accepts for a VECTOR upload, with its .md5 line.
// Shared by the page (src/runtime/flows/) and the schedulable command (scripts/flux.ts): no DOM here.
import flux from "../../../_data/flux.json" with { type: "json" };
import { Md5 } from "../md5.ts";

/** The files the tutorial produces from an export: the GeoJSON the upload blocks send, and its .md5. */
export const GEOJSON_NAME = "observations.geojson";
/** See GEOJSON_NAME. */
export const MD5_NAME = "observations.md5";
/** The variables an export is read from (`{jeton geonature}` too, when the export is private). */
export const EXPORT_VARIABLES = ["instance geonature", "export geonature"] as const;

/** Where the export is and how it is opened. */
export interface ExportSource {
  /** The instance's API root, e.g. https://geonature.exemple.fr/geonature/api. */
  api: string;
  /** The export's id (e.g. 1). */
  id: string;
  /** Its token (private exports), put in the path as the module does; none for a public export. */
  token?: string;
  /** Observations per page (the module caps it at 1000). */
  limit?: number;
}

/** A GeoJSON feature as the export's items carry them. */
export interface ExportFeature {
  type: "Feature";
  id?: string | number;
  geometry: unknown;
  properties: Record<string, unknown>;
}

/** What the pages gave. */
export interface ExportRead {
  features: ExportFeature[];
  /** The export's licence name. */
  licence: string;
  /** Pages read. */
  pages: number;
  /** Observations the export announced (`total_filtered`). */
  total: number;
}

/** The URL of one page of the export. */
export function exportPageUrl(source: ExportSource, page: number): string {
  const root = source.api.replace(/\/+$/, "");
  const token = source.token ? `/${encodeURIComponent(source.token)}` : "";
  return `${root}/exports/api/${encodeURIComponent(source.id)}${token}?limit=${source.limit ?? 1000}&offset=${page}`;
}

/** The answer of a page, as far as it is read here. */
interface PageAnswer {
  total_filtered?: number;
  items?: { type?: string; features?: ExportFeature[] } | unknown[];
  license?: { name?: string };
}

/** Reads every page of the export; throws a French error naming the HTTP status and the server's description. */
export async function readExport(source: ExportSource, fetcher: typeof fetch = fetch, onPage?: (page: number, read: number, total: number) => void): Promise<ExportRead> {
  const features: ExportFeature[] = [];
  let licence = "";
  let total = 0;
  for (let page = 0; page < 10_000; page++) {
    const url = exportPageUrl(source, page);
    const response = await fetcher(url, { headers: { Accept: "application/json" } });
    const text = await response.text();
    let body: PageAnswer;
    try {
      body = JSON.parse(text) as PageAnswer;
    } catch {
      throw new Error(`Réponse illisible de l'export (HTTP ${response.status}) : JSON attendu.`);
    }
    if (!response.ok) {
      const description = (body as { description?: unknown }).description;
      throw new Error(`L'instance GeoNature a refusé la lecture de l'export (HTTP ${response.status})${typeof description === "string" ? ` : ${description}` : "."}`);
    }
    const items = body.items;
    const pageFeatures = Array.isArray(items) ? undefined : items?.features;
    if (!pageFeatures) throw new Error("Les éléments de l'export ne sont pas une FeatureCollection GeoJSON : l'export doit avoir un champ géométrique.");
    total = body.total_filtered ?? total;
    licence = body.license?.name ?? licence;
    features.push(...pageFeatures);
    onPage?.(page, features.length, total);
    if (pageFeatures.length === 0 || features.length >= total) return { features, licence, pages: page + 1, total };
  }
  throw new Error("Trop de pages : l'export n'en finit pas.");
}

/** One GeoJSON FeatureCollection of the observations (WGS84), each with the export's licence; the file to deliver. */
export function observationsGeoJson(read: ExportRead, name = "observations"): string {
  const features = read.features.map((feature) => ({ type: "Feature", geometry: feature.geometry, properties: { ...feature.properties, licence: read.licence } }));
  return `${JSON.stringify({ type: "FeatureCollection", name, features }, null, 1)}\n`;
}

/** The md5sum line of a delivered file (`<md5>  <path in the upload>`). */
export function md5Line(content: string | Uint8Array, path: string): string {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return `${new Md5().update(bytes).hex()}  ${path}\n`;
}

/** The export the tutorial's variables name, read 100 observations a page. */
export function exportSourceOf(values: Readonly<Record<string, string>>): ExportSource {
  return { api: `https://${values["instance geonature"]}${flux.geonature_path}`, id: values["export geonature"] ?? "", token: values["jeton geonature"] || undefined, limit: 100 };
}

/** observations.geojson and its .md5 line (the path the upload block sends it under, data/observations.geojson). */
export function exportFiles(read: ExportRead): { geojson: string; md5: string } {
  const geojson = observationsGeoJson(read);
  return { geojson, md5: md5Line(geojson, `data/${GEOJSON_NAME}`) };
}
