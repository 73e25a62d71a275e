// GetFeatureInfo answers of the raster services (WMTS, WMS-Raster): the values of the source pixel under
// the asked point, for layers whose configuration has `getfeatureinfo.stored_data`. JSON: a GeoJSON
// FeatureCollection, one feature per layer with data there (properties: the image, its column and row and
// `band_1`…`band_n`); text/plain: one line per layer; text/html: one table per layer.
import { isObject } from "../core/json.ts";
import type { Published } from "./published.ts";
import { toLonLat } from "./raster-render.ts";

/** INFO_FORMAT (INFOFORMAT in WMTS) values the raster services answer. */
export const INFO_FORMATS = ["application/json", "text/plain", "text/html"];

const escape = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Whether a raster layer answers GetFeatureInfo (its configuration asks for the stored data's values). */
export function queryable(published: Published): boolean {
  const info = published.configuration.type_infos.getfeatureinfo;
  return isObject(info) && info.stored_data === true;
}

/** What was found at the asked point for one layer. */
export interface PixelInfo {
  layer: string;
  /** The point, in `srs` (x east, y north). */
  point: [number, number];
  srs: string;
  values: { path: string; col: number; row: number; values: number[] } | undefined;
}

/** The GetFeatureInfo response in `format` (one of INFO_FORMATS). */
export function featureInfoResponse(format: string, found: PixelInfo[]): Response {
  const headers = { "Content-Type": `${format}; charset=UTF-8`, "Access-Control-Allow-Origin": "*" };
  if (format === "text/plain") {
    const lines = found.map(({ layer, values }) =>
      values ? `Couche ${layer} : image ${values.path}, pixel (colonne ${values.col}, ligne ${values.row}), valeurs ${values.values.join(" ")}` : `Couche ${layer} : aucune donnée à cet endroit`);
    return new Response(`${lines.join("\n")}\n`, { headers });
  }
  if (format === "text/html") {
    const tables = found.map(({ layer, values }) => {
      if (!values) return `<p>Couche ${escape(layer)} : aucune donnée à cet endroit</p>`;
      const head = values.values.map((_, index) => `<th>Bande ${index + 1}</th>`).join("");
      const cells = values.values.map((value) => `<td>${value}</td>`).join("");
      return `<table><caption>Couche ${escape(layer)}</caption><tr><th>Image</th><th>Colonne</th><th>Ligne</th>${head}</tr><tr><td>${escape(values.path)}</td><td>${values.col}</td><td>${values.row}</td>${cells}</tr></table>`;
    });
    return new Response(`<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>GetFeatureInfo</title></head><body>${tables.join("")}</body></html>`, { headers });
  }
  const features = found.flatMap(({ layer, point, srs, values }) => {
    if (!values) return [];
    const lonLat = toLonLat(srs)?.(point[0], point[1]);
    const properties: Record<string, string | number> = { layer, image: values.path, column: values.col, row: values.row };
    values.values.forEach((value, index) => (properties[`band_${index + 1}`] = value));
    return [{ type: "Feature", id: `${layer}.${values.col}.${values.row}`, geometry: lonLat ? { type: "Point", coordinates: lonLat } : null, properties }];
  });
  return new Response(JSON.stringify({ type: "FeatureCollection", features }), { headers });
}
