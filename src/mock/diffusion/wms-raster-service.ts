// The simulated WMS-Raster 1.3.0 service (ROK4) over the PUBLISHED WMS-RASTER offerings: GetCapabilities,
// GetMap (PNG or JPEG drawn from the pyramids' source images, in EPSG:3857, EPSG:4326 (latitude first),
// CRS:84 or EPSG:2154, at most MAX_SIZE pixels a side, each layer in the ROK4 style STYLES names — its first
// style by default —, a palette colouring one-channel values) and GetFeatureInfo (pixel values, for layers whose
// configuration has `getfeatureinfo.stored_data`). Errors are WMS 1.3.0 service exception reports.
import type { DiffusionHandler } from "./ogc.ts";
import { list, param, UNSUPPORTED, wmsError } from "./ogc.ts";
import type { WmsRequest } from "./wms-common.ts";
import { wmsRequest } from "./wms-common.ts";
import type { RouteInput } from "../http/route.ts";
import { encodeImage, imageResponse, IMAGE_FORMATS } from "./image.ts";
import type { ImageFormat } from "./image.ts";
import type { Published } from "./published.ts";
import { usedLevels } from "./published.ts";
import { mercatorToWgs84, pmResolution } from "../formats/crs.ts";
import { closestLevel, tileMatrixSet } from "../resources/common/tms.ts";
import { blankImage } from "./image.ts";
import { layerStyles } from "./raster-styles.ts";
import type { LayerStyle } from "./raster-styles.ts";
import { publishedOn } from "./published.ts";
import { levelSourcesOf } from "./raster-levels.ts";
import { RAW_FORMATS, rawResponse, rawValues } from "./raster-raw.ts";
import type { RasterSource } from "./raster-data.ts";
import { paintBox, pixelValues } from "./raster-render.ts";
import { pyramidsAt } from "./raster-tiles.ts";
import { drawHarvestedVector } from "./harvested-vector.ts";
import { featureInfoResponse, INFO_FORMATS, queryable } from "./raster-info.ts";

/** Largest WIDTH and HEIGHT of a GetMap. */
export const MAX_SIZE = 4096;
const CRS = ["EPSG:3857", "EPSG:4326", "CRS:84", "EPSG:2154"];

/** The checked map of a GetMap or GetFeatureInfo. */
interface MapRequest {
  crs: string;
  /** [minX, minY, maxX, maxY], x east (EPSG:4326 turned to longitude first). */
  bbox: [number, number, number, number];
  width: number;
  height: number;
  /** The style of each layer (that of STYLES, else the layer's first). */
  styles: LayerStyle[];
}

const fail = (code: string, message: string): Response => wmsError(400, code, message);

// Checks CRS, BBOX, WIDTH and HEIGHT (and STYLES) shared by GetMap and GetFeatureInfo.
function checkMap(url: URL, layers: Published[], available: Map<string, LayerStyle[]>): MapRequest | Response {
  if (layers.length === 0) return fail("MissingParameterValue", "Paramètre LAYERS manquant : nommez au moins une couche publiée.");
  const raw = (param(url, "styles") ?? "").trim();
  const asked = raw === "" ? [] : raw.split(",").map((style) => style.trim());
  if (asked.length > 1 && asked.length !== layers.length) return fail("StyleNotDefined", `STYLES doit donner un style par couche (${layers.length}) ou rester vide.`);
  const styles: LayerStyle[] = [];
  for (const [index, layer] of layers.entries()) {
    const own = available.get(layer.configuration.layer_name) ?? [];
    const name = asked[index] ?? "";
    const style = name === "" ? own[0] : own.find((candidate) => candidate.identifier === name);
    if (!style) return fail("StyleNotDefined", `Style « ${name} » inconnu pour la couche ${layer.configuration.layer_name} : ${own.map((candidate) => candidate.identifier).join(", ")} (ou STYLES vide pour le style par défaut).`);
    styles.push(style);
  }
  const version = param(url, "version");
  const crs = param(url, "crs") ?? param(url, "srs");
  if (!crs) return fail("MissingParameterValue", `Paramètre CRS manquant (l'un de ${CRS.join(", ")}).`);
  if (!CRS.includes(crs.toUpperCase())) return fail("InvalidCRS", `CRS ${crs} non servi : l'un de ${CRS.join(", ")}.`);
  const box = param(url, "bbox");
  if (!box) return fail("MissingParameterValue", "Paramètre BBOX manquant (minx,miny,maxx,maxy dans l'ordre des axes du CRS).");
  const values = box.split(",").map((value) => Number(value.trim()));
  if (values.length !== 4 || values.some((value) => !Number.isFinite(value)) || values[0]! >= values[2]! || values[1]! >= values[3]!) {
    return fail("InvalidParameterValue", `BBOX invalide (« ${box} ») : quatre nombres minx,miny,maxx,maxy avec minx < maxx et miny < maxy attendus.`);
  }
  const code = crs.toUpperCase();
  // In WMS 1.3.0, EPSG:4326 is latitude first.
  const latFirst = code === "EPSG:4326" && version !== "1.1.1" && version !== "1.1.0";
  const bbox = (latFirst ? [values[1], values[0], values[3], values[2]] : values) as [number, number, number, number];
  const size: number[] = [];
  for (const name of ["width", "height"]) {
    const value = param(url, name);
    if (value === null) return fail("MissingParameterValue", `Paramètre ${name.toUpperCase()} manquant.`);
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_SIZE) return fail("InvalidParameterValue", `${name.toUpperCase()} doit être un entier de 1 à ${MAX_SIZE} (reçu : « ${value} »).`);
    size.push(Number(value));
  }
  return { crs: code, bbox, width: size[0]!, height: size[1]!, styles };
}

// The level of a layer whose resolution is closest to the map's (a pixel's width, in metres at the centre):
// PM levels from PM metres, the levels of another TMS (LAMB93_50cm) from ground metres.
function levelFor(layer: Published, map: MapRequest): number {
  const { top, bottom } = usedLevels(layer.configuration);
  const [minX, minY, maxX, maxY] = map.bbox;
  const geographic = map.crs === "EPSG:4326" || map.crs === "CRS:84";
  const tms = tileMatrixSet(layer.storedData[0]?.type_infos.tms);
  const latitude = geographic ? (minY + maxY) / 2 : map.crs === "EPSG:3857" ? mercatorToWgs84((minX + maxX) / 2, (minY + maxY) / 2)[1] : 0;
  const cos = Math.cos((latitude * Math.PI) / 180);
  const span = (maxX - minX) / map.width;
  const metres = geographic ? span * 111319.49 * cos : tms.id !== "PM" && map.crs === "EPSG:3857" ? span * cos : span;
  const level = tms.id === "PM" ? Math.round(Math.log2(pmResolution(0) / Math.max(metres, 1e-6))) : closestLevel(tms, Math.max(metres, 1e-6));
  return Math.max(top, Math.min(bottom, level));
}

// The source images of the layers, bottom first (the first layer of LAYERS at the bottom).
async function sourcesOf(input: RouteInput, layers: Published[], map: MapRequest): Promise<RasterSource[][]> {
  return Promise.all(layers.map((layer) => {
    const z = levelFor(layer, map);
    return levelSourcesOf(input.store, pyramidsAt(layer, z), z);
  }));
}

// Reads a 0xRRGGBB colour.
const colour = (value: string): [number, number, number] | undefined => {
  const match = /^(?:0x|#)([0-9a-f]{6})$/i.exec(value);
  if (!match) return undefined;
  const n = parseInt(match[1]!, 16);
  return [n >> 16, (n >> 8) & 255, n & 255];
};

// GetMap: the image of the layers.
async function getMap(input: RouteInput, checked: WmsRequest, styles: Map<string, LayerStyle[]>): Promise<Response> {
  const { url } = input;
  const map = checkMap(url, checked.layers, styles);
  if (map instanceof Response) return map;
  const format = param(url, "format");
  if (!format) return fail("MissingParameterValue", `Paramètre FORMAT manquant (${IMAGE_FORMATS.join(" ou ")}).`);
  if (RAW_FORMATS.includes(format)) return getRawMap(input, checked, map, format);
  if (!(IMAGE_FORMATS as readonly string[]).includes(format)) return fail("InvalidFormat", `Format ${format} non servi : ${[...IMAGE_FORMATS, ...RAW_FORMATS].join(", ")}.`);
  const transparentText = (param(url, "transparent") ?? "FALSE").toUpperCase();
  if (transparentText !== "TRUE" && transparentText !== "FALSE") return fail("InvalidParameterValue", `TRANSPARENT vaut TRUE ou FALSE (reçu : « ${param(url, "transparent")} »).`);
  const bgText = param(url, "bgcolor");
  const bg = bgText === null ? [255, 255, 255] : colour(bgText);
  if (!bg) return fail("InvalidParameterValue", `BGCOLOR invalide (« ${bgText} ») : couleur 0xRRVVBB attendue.`);
  const transparent = transparentText === "TRUE" && format === "image/png";
  const sources = await sourcesOf(input, checked.layers, map);
  const image = blankImage(map.width, map.height, transparent ? undefined : [bg[0]!, bg[1]!, bg[2]!, 255]);
  for (const [index, layerSources] of sources.entries()) {
    paintBox(image, layerSources, map.crs, map.bbox, map.styles[index]!.palette);
    // A pyramid harvested from a WMS-Vecteur: the captured layers over its images.
    const layer = checked.layers[index]!;
    await drawHarvestedVector(input.store, pyramidsAt(layer, levelFor(layer, map)), image, map.crs, map.bbox);
  }
  return imageResponse(await encodeImage(image, format as ImageFormat), format);
}

// GetMap in image/tiff or image/x-bil;bits=32: the raw values of one-channel layers drawn without a palette.
async function getRawMap(input: RouteInput, checked: WmsRequest, map: MapRequest, format: string): Promise<Response> {
  const unfit = checked.layers.find((layer) => layer.storedData.some((data) => data.type_infos.channels_number !== 1));
  if (unfit) return fail("InvalidFormat", `Format ${format} réservé aux données d'un seul canal (altitudes…) : la couche ${unfit.configuration.layer_name} en a plusieurs ; demandez ${IMAGE_FORMATS.join(" ou ")}.`);
  const styled = checked.layers.findIndex((_, index) => map.styles[index]!.palette);
  if (styled >= 0) return fail("InvalidFormat", `Le style « ${map.styles[styled]!.identifier} » met les valeurs en couleur : demandez ${IMAGE_FORMATS.join(" ou ")}, ou un style sans palette pour ${format}.`);
  const nodata = Number(checked.layers[0]!.storedData[0]?.type_infos.nodata_value ?? -99999);
  const values = rawValues(await sourcesOf(input, checked.layers, map), map.crs, map.bbox, map.width, map.height, Number.isFinite(nodata) ? nodata : -99999);
  return rawResponse(values, format, map.crs, map.bbox, map.width, map.height, Number.isFinite(nodata) ? nodata : -99999);
}

// GetFeatureInfo: the pixel values of the queried layers under the pixel (I, J) of the map.
async function getFeatureInfo(input: RouteInput, checked: WmsRequest, styles: Map<string, LayerStyle[]>): Promise<Response> {
  const { url } = input;
  const map = checkMap(url, checked.layers, styles);
  if (map instanceof Response) return map;
  const names = list(param(url, "query_layers"));
  if (names.length === 0) return fail("MissingParameterValue", "Paramètre QUERY_LAYERS manquant : nommez les couches à interroger.");
  const absent = names.filter((name) => !checked.layers.some((layer) => layer.configuration.layer_name === name));
  if (absent.length > 0) return fail("LayerNotDefined", `Couche(s) interrogée(s) absente(s) de LAYERS : ${absent.join(", ")}.`);
  const layers = names.map((name) => checked.layers.find((layer) => layer.configuration.layer_name === name)!);
  const closed = layers.filter((layer) => !queryable(layer)).map((layer) => layer.configuration.layer_name);
  if (closed.length > 0) return fail("LayerNotQueryable", `Couche(s) non interrogeable(s) : ${closed.join(", ")} (la configuration n'a pas de getfeatureinfo.stored_data).`);
  const infoFormat = param(url, "info_format");
  if (!infoFormat) return fail("MissingParameterValue", `Paramètre INFO_FORMAT manquant (${INFO_FORMATS.join(", ")}).`);
  if (!INFO_FORMATS.includes(infoFormat)) return fail("InvalidFormat", `INFO_FORMAT ${infoFormat} non servi : ${INFO_FORMATS.join(", ")}.`);
  const point: number[] = [];
  for (const [name, max, older] of [["i", map.width, "x"], ["j", map.height, "y"]] as const) {
    // WMS 1.1.1 names them X and Y.
    const value = param(url, name) ?? param(url, older);
    if (value === null) return fail("MissingParameterValue", `Paramètre ${name.toUpperCase()} manquant.`);
    if (!/^\d+$/.test(value) || Number(value) >= max) return fail("InvalidPoint", `${name.toUpperCase()} doit être un entier de 0 à ${max - 1} (reçu : « ${value} »).`);
    point.push(Number(value));
  }
  const [minX, minY, maxX, maxY] = map.bbox;
  const x = minX + ((point[0]! + 0.5) * (maxX - minX)) / map.width;
  const y = maxY - ((point[1]! + 0.5) * (maxY - minY)) / map.height;
  const sources = await sourcesOf(input, layers, map);
  return featureInfoResponse(infoFormat, layers.map((layer, index) => ({ layer: layer.configuration.layer_name, point: [x, y], srs: map.crs, values: pixelValues(sources[index]!, map.crs, x, y) })));
}

/** Handler of the WMS-Raster root of one visibility. */
export function wmsRasterService(open: boolean, root: string): DiffusionHandler {
  return async (input) => {
    const styles = await layerStyles(input.store, input.store.run((ctx) => publishedOn(ctx, "WMS-RASTER", open)));
    const checked = wmsRequest(input, open, root, "WMS-RASTER", "Service WMS raster de la Géoplateforme (simulation)", styles);
    if (checked instanceof Response) return checked;
    const name = checked.request.toLowerCase();
    if (name === "getmap") return getMap(input, checked, styles);
    if (name === "getfeatureinfo") return getFeatureInfo(input, checked, styles);
    return wmsError(501, "OperationNotSupported", `Opération ${checked.request} : ${UNSUPPORTED}.`);
  };
}
