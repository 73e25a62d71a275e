// How each diffusion service becomes map layers (OpenLayers), read the way a real client reads it: the service's
// own description first (capabilities, TileMap, metadata.json, a VECTOR-TMS layer's JSON), then the data through the
// very service published.
import type OlMap from "ol/Map.js";
import type Layer from "ol/layer/Layer.js";
import type { Pixel } from "ol/pixel.js";
import type { FeatureLike } from "ol/Feature.js";
import GeoJSON from "ol/format/GeoJSON.js";
import MVT from "ol/format/MVT.js";
import ImageLayer from "ol/layer/Image.js";
import TileLayer from "ol/layer/Tile.js";
import VectorLayer from "ol/layer/Vector.js";
import VectorTileLayer from "ol/layer/VectorTile.js";
import { transformExtent } from "ol/proj.js";
import ImageWMS from "ol/source/ImageWMS.js";
import VectorSource from "ol/source/Vector.js";
import VectorTileSource from "ol/source/VectorTile.js";
import XYZ from "ol/source/XYZ.js";
import { STRINGS } from "../../shared/strings.ts";
import { FeatureCollection, VectorMetadata, operationUrl, tileMap, wfsFeatureTypes, wmsLayer, type Extent } from "./capabilities.ts";
import { ServiceError, fetchJson, fetchOk, fetchXml, keyed, paramOf, serviceRoot, withParams } from "./http.ts";
import type { MapTarget } from "./offering.ts";
import { styleFor, tableColour } from "./style.ts";
import { imageTileLoader, vectorTileLoader, type OnFailure } from "./tiles.ts";

/** What a click (or Enter on the map) found. */
export type Identified = { layer: string; properties: [string, string][] } | { message: string };

/** The layers of one offering, what the text alternative says of them, and how a click is answered. */
export interface LayerPlan {
  layers: Layer[];
  /** WGS 84 extent of the layer, as the service describes it. */
  extent?: Extent;
  /** Key of STRINGS.map.services. */
  service: string;
  /** Term → value lines of the text alternative, beyond layer, service and extent. */
  facts: [string, string][];
  identify(map: OlMap, pixel: Pixel): Promise<Identified>;
}

/** Most features drawn from one WFS feature type. */
const WFS_COUNT = 5000;

/** EPSG:3857 extent of a WGS 84 one (latitudes clamped to the Web Mercator limit). */
export const toMercator = (extent: Extent): number[] =>
  transformExtent([extent[0], Math.max(extent[1], -85), extent[2], Math.min(extent[3], 85)], "EPSG:4326", "EPSG:3857");

// Readable attribute values: the geometry left out.
function propertiesOf(feature: FeatureLike): [string, string][] {
  return Object.entries(feature.getProperties())
    .filter(([name, value]) => name !== "geometry" && name !== "layer" && (value === null || typeof value !== "object"))
    .map(([name, value]) => [name, value === null ? "" : String(value)]);
}

// The first feature of these layers under a pixel.
function featureAt(map: OlMap, pixel: Pixel, layers: Layer[], name: (feature: FeatureLike, layer: Layer) => string): Identified {
  let found: Identified | undefined;
  map.forEachFeatureAtPixel(pixel, (feature, layer) => {
    found = { layer: name(feature, layer as Layer), properties: propertiesOf(feature) };
    return true;
  }, { layerFilter: (layer) => layers.includes(layer as Layer), hitTolerance: 3 });
  return found ?? { message: STRINGS.map.noFeature };
}

/** WFS 2.0.0: GetCapabilities for the boxes, then GetFeature in GeoJSON (EPSG:3857) for each published type. */
async function wfsPlan(target: MapTarget): Promise<LayerPlan> {
  const capabilities = await fetchXml(keyed(target.urls[0]!, target.key));
  const types = wfsFeatureTypes(capabilities);
  const root = operationUrl(capabilities, "GetFeature") ?? serviceRoot(target.urls[0]!);
  const names = target.urls.map((url) => paramOf(url, "typeNames") ?? paramOf(url, "typeName") ?? "").filter(Boolean);
  const format = new GeoJSON({ dataProjection: "EPSG:3857", featureProjection: "EPSG:3857" });
  const facts: [string, string][] = [];
  const layers: Layer[] = [];
  const extents: Extent[] = [];
  const results = await Promise.all(names.map(async (name) => {
    const type = types.find((candidate) => candidate.name === name);
    if (!type) throw new ServiceError(STRINGS.map.layerMissing(name, "WFS"));
    const url = keyed(withParams(root, { SERVICE: "WFS", VERSION: "2.0.0", REQUEST: "GetFeature", TYPENAMES: name, OUTPUTFORMAT: "application/json", SRSNAME: "EPSG:3857", COUNT: String(WFS_COUNT) }), target.key);
    const parsed = FeatureCollection.safeParse(await fetchJson(url));
    if (!parsed.success) throw new ServiceError(`${STRINGS.map.unreadable("GeoJSON")} : ${url}`);
    return { name, type, collection: parsed.data };
  }));
  for (const [index, { name, type, collection }] of results.entries()) {
    const features = format.readFeatures(collection);
    const source = new VectorSource({ features });
    const table = name.slice(name.indexOf(":") + 1);
    layers.push(new VectorLayer({ source, style: styleFor(tableColour(index)), properties: { title: name } }));
    if (type.extent) extents.push(type.extent);
    const matched = Number(collection.numberMatched ?? collection.totalFeatures ?? features.length);
    const total = Number.isFinite(matched) ? matched : undefined;
    const drawn = total !== undefined && total > features.length ? STRINGS.map.countDrawn(features.length) : "";
    facts.push([STRINGS.map.count, `${STRINGS.map.countValue(table, total)}${drawn}`]);
  }
  // In the offering's order, the last drawn on top (the tutorial's villes, points, above pays and écorégions).
  return {
    layers, service: "WFS", facts, extent: union(extents),
    identify: async (map, pixel) => featureAt(map, pixel, layers, (_feature, layer) => String(layer.get("title"))),
  };
}

/** WMS 1.3.0: GetCapabilities for the box and queryability, GetMap images, GetFeatureInfo in JSON on a click. */
async function wmsPlan(target: MapTarget, onFailure: OnFailure): Promise<LayerPlan> {
  const capabilities = await fetchXml(keyed(target.urls[0]!, target.key));
  const info = wmsLayer(capabilities, target.layer);
  const source = new ImageWMS({
    url: operationUrl(capabilities, "GetMap") ?? serviceRoot(target.urls[0]!),
    params: { LAYERS: target.layer, STYLES: "", FORMAT: "image/png", TRANSPARENT: true, VERSION: "1.3.0", ...(target.key ? { apikey: target.key } : {}) },
    crossOrigin: "anonymous",
    ratio: 1,
  });
  source.on("imageloaderror", onFailure);
  const layer = new ImageLayer({ source });
  const format = info.infoFormats.find((candidate) => candidate === "application/json") ?? info.infoFormats[0] ?? "application/json";
  return {
    layers: [layer], service: "WMS", extent: info.extent,
    facts: [[STRINGS.map.count, STRINGS.map.countImage]],
    identify: async (map, pixel) => {
      if (!info.queryable) return { message: STRINGS.map.notQueryable };
      const view = map.getView();
      const url = source.getFeatureInfoUrl(map.getCoordinateFromPixel(pixel), view.getResolution()!, view.getProjection(), { INFO_FORMAT: format, FEATURE_COUNT: 1 });
      if (!url) return { message: STRINGS.map.noFeature };
      const response = await fetchOk(url, format);
      const text = await response.text();
      if (!format.includes("json")) return { layer: target.layer, properties: [["", text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim()]] };
      const parsed = FeatureCollection.safeParse(JSON.parse(text));
      const feature = parsed.success ? parsed.data.features[0] : undefined;
      if (!feature) return { message: STRINGS.map.noFeature };
      return { layer: target.layer, properties: propertiesOf(new GeoJSON().readFeature(feature) as FeatureLike) };
    },
  };
}

/** TMS 1.0.0: the TileMap says the format and levels; vector pyramids add metadata.json (bounds, vector layers). */
async function tmsPlan(target: MapTarget, onFailure: OnFailure): Promise<LayerPlan> {
  const root = target.urls[0]!.replace(/\/+$/, "");
  const map = tileMap(await fetchXml(keyed(root, target.key)));
  // Tile and metadata URLs carry the key of a private service too.
  const query = target.key ? `?apikey=${encodeURIComponent(target.key)}` : "";
  const vector = map.extension === "pbf" || map.mimeType.includes("protobuf");
  const mercator = map.box;
  const extent = mercator ? (transformExtent(mercator, "EPSG:3857", "EPSG:4326") as Extent) : undefined;
  const levels: [string, string] = [STRINGS.map.levels, STRINGS.map.levelsValue(map.minZoom, map.maxZoom)];
  if (!vector) {
    const source = new XYZ({
      url: `${root}/{z}/{x}/{y}.${map.extension}${query}`, minZoom: map.minZoom, maxZoom: map.maxZoom, crossOrigin: "anonymous", tileLoadFunction: imageTileLoader(onFailure),
    });
    const layer = new TileLayer({ source, extent: mercator });
    return {
      layers: [layer], service: "TMS", extent, facts: [levels, [STRINGS.map.tileFormat, map.mimeType || map.extension]],
      identify: async (_map, pixel) => {
        const data = layer.getData(pixel);
        const values = data && !(data instanceof DataView) ? [...data].map(Number) : [];
        if (values.length < 3 || values[3] === 0) return { message: STRINGS.map.noFeature };
        const [r, g, b] = values;
        return { layer: target.layer, properties: [[STRINGS.map.pixel, `rgb(${r}, ${g}, ${b})`]] };
      },
    };
  }
  const metadata = VectorMetadata.safeParse(await fetchJson(`${root}/metadata.json${query}`));
  if (!metadata.success) throw new ServiceError(`${STRINGS.map.unreadable("metadata.json")} : ${root}/metadata.json`);
  const ids = (metadata.data.vector_layers ?? []).map((layer) => layer.id);
  const source = new VectorTileSource({
    format: new MVT(), url: `${root}/{z}/{x}/{y}.pbf${query}`, minZoom: map.minZoom, maxZoom: map.maxZoom, tileLoadFunction: vectorTileLoader(onFailure),
  });
  const styles = new Map(ids.map((id, index) => [id, styleFor(tableColour(index))]));
  const fallback = styleFor(tableColour(ids.length));
  const layer = new VectorTileLayer({ source, extent: mercator, style: (feature) => styles.get(String(feature.get("layer"))) ?? fallback });
  return {
    layers: [layer], service: "TMS-VECTOR", extent: (metadata.data.bounds as Extent | undefined) ?? extent,
    facts: [levels, [STRINGS.map.vectorLayers, ids.join(", ") || "—"]],
    identify: async (olMap, pixel) => featureAt(olMap, pixel, [layer], (feature) => String(feature.get("layer") ?? target.layer)),
  };
}

/** VECTOR-TMS (tiles computed on the fly): each layer's JSON (TileJSON: tile URL, bounds, levels), one vector tile layer per relation. */
async function vectorTmsPlan(target: MapTarget, onFailure: OnFailure): Promise<LayerPlan> {
  const described = await Promise.all(target.urls.map(async (url) => {
    const address = `${url.replace(/\/+$/, "")}.json`;
    const parsed = VectorMetadata.safeParse(await fetchJson(keyed(address, target.key)));
    const tiles = parsed.success ? parsed.data.tiles?.[0] : undefined;
    if (!parsed.success || !tiles) throw new ServiceError(`${STRINGS.map.unreadable("TileJSON")} : ${address}`);
    return { metadata: parsed.data, tiles, name: parsed.data.vector_layers?.[0]?.id ?? url.slice(url.lastIndexOf(".") + 1) };
  }));
  const [minZoom, maxZoom] = [Math.min(...described.map(({ metadata }) => metadata.minzoom ?? 0)), Math.max(...described.map(({ metadata }) => metadata.maxzoom ?? 22))];
  // In the offering's order, the last drawn on top; the template is used as given (an open service: no key).
  const layers: Layer[] = described.map(({ metadata, tiles, name }, index) => new VectorTileLayer({
    source: new VectorTileSource({ format: new MVT(), url: tiles, minZoom: metadata.minzoom ?? 0, maxZoom: metadata.maxzoom ?? 22, tileLoadFunction: vectorTileLoader(onFailure) }),
    ...(metadata.bounds ? { extent: toMercator(metadata.bounds as Extent) } : {}), style: styleFor(tableColour(index)), properties: { title: name },
  }));
  return {
    layers, service: "VECTOR-TMS", extent: union(described.flatMap(({ metadata }) => (metadata.bounds ? [metadata.bounds as Extent] : []))),
    facts: [[STRINGS.map.levels, STRINGS.map.levelsValue(minZoom, maxZoom)], [STRINGS.map.vectorLayers, described.map(({ name }) => name).join(", ")]],
    identify: async (olMap, pixel) => featureAt(olMap, pixel, layers, (feature) => String(feature.get("layer") ?? target.layer)),
  };
}

// The smallest extent holding them all.
function union(extents: Extent[]): Extent | undefined {
  if (extents.length === 0) return undefined;
  return [Math.min(...extents.map((e) => e[0])), Math.min(...extents.map((e) => e[1])), Math.max(...extents.map((e) => e[2])), Math.max(...extents.map((e) => e[3]))];
}

/** The plan of a map target (not DOWNLOAD, which has no map); `onFailure` counts the images and tiles not received. */
export function planOf(target: MapTarget, onFailure: OnFailure): Promise<LayerPlan> {
  if (target.kind === "WFS") return wfsPlan(target);
  if (target.kind === "WMS") return wmsPlan(target, onFailure);
  return target.type === "VECTOR-TMS" ? vectorTmsPlan(target, onFailure) : tmsPlan(target, onFailure);
}
