// What the map reads of the services' own descriptions, as a client would: WFS 2.0.0 and WMS 1.3.0
// GetCapabilities, TMS 1.0.0 TileMap and the vector pyramid's metadata.json.
import * as z from "zod/mini";
import { STRINGS } from "../../shared/strings.ts";
import { ServiceError } from "./http.ts";

/** WGS 84 [west, south, east, north]. */
export type Extent = [number, number, number, number];

// Elements by local name, whatever the namespace prefix.
const all = (node: Document | Element, name: string): Element[] => [...node.getElementsByTagNameNS("*", name)];
const first = (node: Document | Element, name: string): Element | undefined => all(node, name)[0];
const children = (node: Element, name: string): Element[] => [...node.children].filter((child) => child.localName === name);
const textOf = (node: Element | undefined): string => node?.textContent?.trim() ?? "";
const numbers = (value: string): number[] => value.trim().split(/\s+/).map(Number);
const finite = (values: number[]): boolean => values.length === 4 && values.every(Number.isFinite);

/** A GET URL of an operation (ows:Operation/…/ows:Get, or WMS Request/<name>/…/OnlineResource), query removed. */
export function operationUrl(document: Document, name: string): string | undefined {
  const ows = all(document, "Operation").find((operation) => operation.getAttribute("name") === name);
  const wms = ows ? undefined : all(document, "Request").flatMap((request) => children(request, name))[0];
  const holder = ows ?? wms;
  const get = holder ? first(holder, "Get") : undefined;
  const href = get && (get.getAttribute("xlink:href") ?? first(get, "OnlineResource")?.getAttribute("xlink:href") ?? get.getAttributeNS("http://www.w3.org/1999/xlink", "href"));
  return href ? href.replace(/[?&]+$/, "") : undefined;
}

/** One WFS feature type: its name and WGS 84 box. */
export interface FeatureTypeInfo {
  name: string;
  title: string;
  extent?: Extent;
}

/** The feature types a WFS 2.0.0 GetCapabilities lists. */
export function wfsFeatureTypes(document: Document): FeatureTypeInfo[] {
  return all(document, "FeatureType").map((type) => {
    const box = first(type, "WGS84BoundingBox");
    const corners = box ? [...numbers(textOf(first(box, "LowerCorner"))), ...numbers(textOf(first(box, "UpperCorner")))] : [];
    return { name: textOf(children(type, "Name")[0]), title: textOf(children(type, "Title")[0]), extent: finite(corners) ? (corners as Extent) : undefined };
  });
}

/** One WMS 1.3.0 layer: WGS 84 box and whether GetFeatureInfo answers on it. */
export interface WmsLayerInfo {
  name: string;
  title: string;
  queryable: boolean;
  extent?: Extent;
  infoFormats: string[];
}

/** The named layer `name` of a WMS 1.3.0 GetCapabilities; throws when it is not listed. */
export function wmsLayer(document: Document, name: string): WmsLayerInfo {
  const layer = all(document, "Layer").find((candidate) => textOf(children(candidate, "Name")[0]) === name);
  if (!layer) throw new ServiceError(STRINGS.map.layerMissing(name, "WMS"));
  const box = first(layer, "EX_GeographicBoundingBox");
  const values = box ? ["westBoundLongitude", "southBoundLatitude", "eastBoundLongitude", "northBoundLatitude"].map((side) => Number(textOf(first(box, side)))) : [];
  const info = all(document, "Request").flatMap((request) => children(request, "GetFeatureInfo"))[0];
  return {
    name,
    title: textOf(children(layer, "Title")[0]),
    queryable: layer.getAttribute("queryable") === "1" || layer.getAttribute("queryable") === "true",
    extent: finite(values) ? (values as Extent) : undefined,
    infoFormats: info ? children(info, "Format").map((format) => textOf(format)) : [],
  };
}

/** A TMS 1.0.0 TileMap: EPSG:3857 box, tile format, levels. */
export interface TileMapInfo {
  title: string;
  /** EPSG:3857 [minx, miny, maxx, maxy]. */
  box?: Extent;
  extension: string;
  mimeType: string;
  minZoom: number;
  maxZoom: number;
}

/** Reads a TMS TileMap document. */
export function tileMap(document: Document): TileMapInfo {
  const box = first(document, "BoundingBox");
  const values = box ? ["minx", "miny", "maxx", "maxy"].map((side) => Number(box.getAttribute(side))) : [];
  const format = first(document, "TileFormat");
  const orders = all(document, "TileSet").map((set) => Number(set.getAttribute("order"))).filter(Number.isFinite);
  if (!format) throw new ServiceError(STRINGS.map.unreadable("TileMap sans TileFormat"));
  return {
    title: textOf(first(document, "Title")),
    box: finite(values) ? (values as Extent) : undefined,
    extension: format.getAttribute("extension") ?? "png",
    mimeType: format.getAttribute("mime-type") ?? "",
    minZoom: orders.length ? Math.min(...orders) : 0,
    maxZoom: orders.length ? Math.max(...orders) : 18,
  };
}

/** metadata.json of a vector pyramid (TileJSON-like): bounds and vector layers. */
export const VectorMetadata = z.object({
  bounds: z.optional(z.tuple([z.number(), z.number(), z.number(), z.number()])),
  minzoom: z.optional(z.number()),
  maxzoom: z.optional(z.number()),
  tiles: z.optional(z.array(z.string())),
  vector_layers: z.optional(z.array(z.object({ id: z.string(), fields: z.optional(z.record(z.string(), z.unknown())) }))),
});

/** The parsed metadata.json. */
export type VectorMetadata = z.infer<typeof VectorMetadata>;

/** The GeoJSON answer of a WFS GetFeature (what the map reads of it). */
export const FeatureCollection = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(z.unknown()),
  numberMatched: z.optional(z.union([z.number(), z.string()])),
  totalFeatures: z.optional(z.union([z.number(), z.string()])),
  numberReturned: z.optional(z.number()),
});
