// The simulated altimetry service (Géoplateforme « calcul altimétrique », REST, GET) over the PUBLISHED ALTIMETRY
// offerings: each configuration is a resource (`_id` its layer_name) whose used_data pyramids give altitudes,
// read from the pyramids' kept source images (FLOAT32 GeoTIFF). Routes under the root, with or without `/1.0`:
// `resources` (optional repeated `keywords`, all required), `resources/{id}`, `calcul/alti/rest/elevation.{json|xml}`
// and `calcul/alti/rest/elevationLine.{json|xml}`.
// Sampling: bilinear between the centres of the four pixels around the point when none is no data, else the
// pixel under the point; no data (GDAL_NODATA, NaN) or outside every image → -99999. Altitudes rounded to 2
// decimals. `z` (and `acc`) of a point: the first used_data, in the configuration's order, that has a value
// there; `measures` lists every used_data in that order. elevation and elevationLine also answer POST, their
// parameters in a JSON body.
import type { RouteInput } from "../http/route.ts";
import { objectItems } from "../core/json.ts";
import { STORED_DATA } from "../resources/stored-data/records.ts";
import type { Json, JsonObject } from "../core/json.ts";
import { el, fragment, xmlDocument } from "../formats/xml.ts";
import type { Published } from "./published.ts";
import { keywords, publishedBbox, publishedOn, text } from "./published.ts";
import { rasterSources } from "./raster-data.ts";
import type { RasterSource } from "./raster-data.ts";
import { fromLonLat } from "./raster-render.ts";
import { altimetryError, altimetryQuery, postedUrl, samplePolyline } from "./altimetry-params.ts";
import type { DiffusionHandler } from "./ogc.ts";
import { xml } from "./ogc.ts";

/** The altitude of a point without data. */
export const NO_DATA = -99999;

// A value that is no data.
const missing = (source: RasterSource, value: number): boolean => Number.isNaN(value) || value === source.nodata;

/** The altitude of the first channel at a WGS 84 point (topmost image first), or undefined. */
export function elevationAt(sources: RasterSource[], lon: number, lat: number): number | undefined {
  for (const source of [...sources].reverse()) {
    const project = fromLonLat(source.srs);
    if (!project) continue;
    const [x, y] = project(lon, lat);
    const { origin: [ox, oy], pixelSize: [sx, sy], width, height, channels, samples } = source;
    const value = (col: number, row: number): number => Number(samples[(row * width + col) * channels]);
    const col = Math.floor((x - ox) / sx);
    const row = Math.floor((oy - y) / sy);
    if (!(col >= 0 && row >= 0 && col < width && row < height)) continue;
    const fx = (x - ox) / sx - 0.5;
    const fy = (oy - y) / sy - 0.5;
    const [c0, r0] = [Math.floor(fx), Math.floor(fy)];
    if (c0 >= 0 && r0 >= 0 && c0 + 1 < width && r0 + 1 < height) {
      const corners = [value(c0, r0), value(c0 + 1, r0), value(c0, r0 + 1), value(c0 + 1, r0 + 1)];
      if (!corners.some((v) => missing(source, v))) {
        const [u, v] = [fx - c0, fy - r0];
        return (corners[0]! * (1 - u) + corners[1]! * u) * (1 - v) + (corners[2]! * (1 - u) + corners[3]! * u) * v;
      }
    }
    const under = value(col, row);
    if (!missing(source, under)) return under;
  }
  return undefined;
}

const round = (value: number): number => Math.round(value * 100) / 100;

function json(body: unknown, indent: boolean): Response {
  return new Response(JSON.stringify(body, null, indent ? 4 : undefined), { headers: { "Content-Type": "application/json; charset=UTF-8", "Access-Control-Allow-Origin": "*" } });
}

// One used_data of a resource: its title, pyramid sources, and how its source and accuracy are named.
interface Layer {
  title: string;
  sources: RasterSource[];
  label: (info: unknown, lon: number, lat: number) => string;
  item: Record<string, unknown>;
}

// The layers of a resource, with their decoded images (and those of mapping pyramids).
async function layersOf(input: RouteInput, resource: Published): Promise<Layer[]> {
  const byId = (id: unknown) => resource.storedData.filter((data) => data._id === id);
  const mappingIds = objectItems(resource.configuration.type_infos.used_data).flatMap((item) => [item.source, item.accuracy]).filter((info): info is JsonObject => typeof info === "object" && info !== null && "mapping" in info).map((info) => info.stored_data);
  const mappings = input.store.run((ctx) => mappingIds.flatMap((id) => (typeof id === "string" ? [ctx.records.get(STORED_DATA, id)] : []))).filter((data) => data !== undefined);
  const mappingSources = new Map(await Promise.all(mappings.map(async (data) => [data!._id, await rasterSources(input.store, [data!])] as const)));
  const label = (info: unknown, lon: number, lat: number): string => {
    if (typeof info !== "object" || info === null) return "";
    const given = info as JsonObject;
    if (typeof given.value === "string") return given.value;
    const value = elevationAt(mappingSources.get(String(given.stored_data)) ?? [], lon, lat);
    const mapping = (given.mapping ?? {}) as JsonObject;
    return value === undefined ? "" : String(mapping[String(Math.round(value))] ?? "");
  };
  return Promise.all(objectItems(resource.configuration.type_infos.used_data).map(async (item) => ({
    title: text(item.title), sources: await rasterSources(input.store, byId(item.stored_data)), label, item,
  })));
}

// The answer for one point: z, acc and the measures of every layer.
function pointOf(layers: Layer[], lon: number, lat: number): { lon: number; lat: number; z: number; acc: string; measures: JsonObject[] } {
  const measures = layers.map((layer) => {
    const value = elevationAt(layer.sources, lon, lat);
    const fixed = typeof (layer.item.source as JsonObject | undefined)?.value === "string";
    return {
      z: value === undefined ? NO_DATA : round(value), source_name: layer.label(layer.item.source, lon, lat),
      source_measure: fixed ? "Fixed value" : "Pyramid value", acc: layer.label(layer.item.accuracy, lon, lat), title: layer.title,
    };
  });
  const first = measures.find((measure) => measure.z !== NO_DATA);
  return { lon, lat, z: first?.z ?? NO_DATA, acc: first?.acc ?? "", measures };
}

// The published resource a request names, or the service's 400.
function resourceOf(input: RouteInput, open: boolean, id: string): Published | Response {
  const published = input.store.run((ctx) => publishedOn(ctx, "ALTIMETRY", open));
  const found = published.find((item) => item.configuration.layer_name === id);
  if (found) return found;
  return altimetryError(400, "BAD_PARAMETER", `La ressource « ${id} » n'existe pas. Ressources publiées : ${published.map((item) => item.configuration.layer_name).join(", ") || "aucune"} (une offre ALTIMETRY doit être PUBLISHED).`);
}

// elevation.{json|xml} (`line` false) and elevationLine.{json|xml}.
async function elevation(input: RouteInput, open: boolean, line: boolean, format: string): Promise<Response> {
  const query = altimetryQuery(input.url, line);
  if (query instanceof Response) return query;
  const resource = resourceOf(input, open, query.resource);
  if (resource instanceof Response) return resource;
  const layers = await layersOf(input, resource);
  const points = (line ? samplePolyline(query.points, query.sampling!) : query.points).map(([lon, lat]) => pointOf(layers, lon, lat));
  const elevations = points.map(({ lon, lat, z, acc, measures }) => (query.zonly ? z : { lon, lat, z, acc, ...(query.measures && !line ? { measures } : {}) }));
  const body: JsonObject = { elevations };
  if (line) {
    const known = points.filter((point) => point.z !== NO_DATA).map((point) => point.z);
    const steps = known.slice(1).map((z, i) => z - known[i]!);
    body.height_differences = { positive: round(steps.filter((d) => d > 0).reduce((a, b) => a + b, 0)), negative: round(-steps.filter((d) => d < 0).reduce((a, b) => a + b, 0)) };
  }
  if (format === "json") return json(body, query.indent);
  const items = points.map(({ lon, lat, z, acc }) => (query.zonly ? el("z", {}, z) : el("elevation", {}, el("lon", {}, lon), el("lat", {}, lat), el("z", {}, z), el("acc", {}, acc))));
  const differences = body.height_differences as JsonObject | undefined;
  return xml(xmlDocument(el("elevations", {}, ...items, differences ? fragment(el("height_differences", {}, el("positive", {}, String(differences.positive)), el("negative", {}, String(differences.negative)))) : undefined)));
}

// The description of a resource.
function describe(item: Published): JsonObject {
  const infos = item.configuration.type_infos;
  const [west, south, east, north] = publishedBbox(item);
  return {
    _id: item.configuration.layer_name, title: text(infos.title), description: text(infos.abstract), keywords: keywords(infos.keywords),
    bbox: { west, south, east, north },
    pyramids: objectItems(infos.used_data).map((data) => ({ title: text(data.title), source: (data.source ?? null) as Json, accuracy: (data.accuracy ?? null) as Json })),
  };
}

/** The altimetry routes of one visibility under `root`: `[path, handler, method]` (GET unless told). */
export function altimetryRoutes(open: boolean, root: string): [string, DiffusionHandler, ("GET" | "POST")?][] {
  const resources: DiffusionHandler = (input) => {
    const wanted = input.url.searchParams.getAll("keywords");
    const published = input.store.run((ctx) => publishedOn(ctx, "ALTIMETRY", open)).filter((item) => wanted.every((word) => keywords(item.configuration.type_infos.keywords).includes(word)));
    return json({ content: `${published.length} resource${published.length === 1 ? "" : "s"}`, resources: published.map(describe) }, false);
  };
  const resource: DiffusionHandler = (input) => {
    const found = resourceOf(input, open, input.params.resource ?? "");
    return found instanceof Response ? altimetryError(404, "NOT_FOUND", `Ressource « ${input.params.resource} » introuvable.`) : json(describe(found), false);
  };
  const compute: DiffusionHandler = (input) => {
    const match = /^(elevation|elevationLine)\.(json|xml)$/.exec(input.params.operation ?? "");
    if (!match) return altimetryError(404, "NOT_FOUND", `Opération « ${input.params.operation} » inconnue : elevation.json, elevation.xml, elevationLine.json ou elevationLine.xml.`);
    return elevation(input, open, match[1] === "elevationLine", match[2]!);
  };
  const computePosted: DiffusionHandler = async (input) => {
    const url = await postedUrl(input.request, input.url);
    return url instanceof Response ? url : compute({ ...input, url });
  };
  return ["", "/1.0"].flatMap((prefix): [string, DiffusionHandler, ("GET" | "POST")?][] => [
    [`${root}${prefix}/resources`, resources],
    [`${root}${prefix}/resources/:resource`, resource],
    [`${root}${prefix}/calcul/alti/rest/:operation`, compute],
    [`${root}${prefix}/calcul/alti/rest/:operation`, computePosted, "POST"],
  ]);
}
