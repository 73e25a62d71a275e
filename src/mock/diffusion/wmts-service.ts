// The simulated WMTS 1.0.0 service (ROK4), KVP requests over the PUBLISHED WMTS-TMS offerings:
// GetCapabilities, GetTile (raster pyramids, drawn from their source images in the pyramid's TMS — PM or
// LAMB93_50cm —, in the ROK4 style STYLE names, the layer's first by default) and GetFeatureInfo (the pixel
// values, for layers whose configuration has `getfeatureinfo.stored_data`).
import { publishedOn } from "./published.ts";
import type { Published } from "./published.ts";
import { wmtsCapabilities } from "./tiles.ts";
import type { DiffusionHandler } from "./ogc.ts";
import { ogcRequest, owsError, param, UNSUPPORTED, xml } from "./ogc.ts";
import type { RouteInput } from "../http/route.ts";
import { encodeImage, imageResponse } from "./image.ts";
import { drawTile, layerTms, levelSources, rasterFormat, tileProblem } from "./raster-tiles.ts";
import { pixelValues } from "./raster-render.ts";
import { tmsTileBox } from "../resources/common/tms.ts";
import { layerStyles } from "./raster-styles.ts";
import type { LayerStyle } from "./raster-styles.ts";
import { featureInfoResponse, INFO_FORMATS, queryable } from "./raster-info.ts";

type OwsError = (status: number, code: string | undefined, locator: string, message: string) => Response;

/** A checked tile request: the layer, its format and the tile. */
interface TileRequest {
  published: Published;
  format: string;
  style: LayerStyle;
  z: number;
  row: number;
  col: number;
}

// Checks LAYER, STYLE, FORMAT, TILEMATRIXSET, TILEMATRIX, TILEROW and TILECOL of GetTile and GetFeatureInfo.
function checkTile(url: URL, published: Published[], error: OwsError, styles: Map<string, LayerStyle[]>): TileRequest | Response {
  for (const name of ["layer", "style", "format", "tilematrixset", "tilematrix", "tilerow", "tilecol"]) {
    if (param(url, name) === null) return error(400, "MissingParameterValue", name, `Paramètre ${name.toUpperCase()} manquant.`);
  }
  const layer = published.find((p) => p.configuration.layer_name === param(url, "layer"))!;
  if (layer.storedData[0]?.type !== "ROK4-PYRAMID-RASTER") {
    return error(400, "InvalidParameterValue", "layer", `La couche ${param(url, "layer")} est une pyramide vecteur : ses tuiles se demandent au service TMS ({tms}/1.0.0/${param(url, "layer")}/{z}/{x}/{y}.pbf).`);
  }
  const own = styles.get(layer.configuration.layer_name) ?? [];
  const name = param(url, "style")!;
  const style = name === "" ? own[0] : own.find((candidate) => candidate.identifier === name);
  if (!style) return error(400, "InvalidParameterValue", "style", `Style ${name} inconnu pour la couche ${layer.configuration.layer_name} : ${own.map((candidate) => candidate.identifier).join(", ")}.`);
  const format = rasterFormat(layer);
  if (param(url, "format") !== format) return error(400, "InvalidParameterValue", "format", `Format ${param(url, "format")} non servi : la couche ${layer.configuration.layer_name} est en ${format}.`);
  const set = param(url, "tilematrixset")!;
  const tms = layerTms(layer).id;
  if (set !== tms) return error(400, "InvalidParameterValue", "tilematrixset", `TileMatrixSet ${set} inconnu : la couche ${layer.configuration.layer_name} n'est servie que dans ${tms}.`);
  const numbers: Record<string, number> = {};
  for (const name of ["tilematrix", "tilerow", "tilecol"]) {
    const value = param(url, name)!;
    if (!/^\d+$/.test(value)) return error(400, "InvalidParameterValue", name, `${name.toUpperCase()} doit être un entier positif ou nul (reçu : « ${value} »).`);
    numbers[name] = Number(value);
  }
  const { tilematrix: z, tilerow: row, tilecol: col } = numbers as { tilematrix: number; tilerow: number; tilecol: number };
  const problem = tileProblem(layer, z, col, row);
  if (problem) return error(400, "TileOutOfRange", problem.where === "level" ? "tilematrix" : problem.where === "row" ? "tilerow" : "tilecol", problem.message);
  return { published: layer, format, style, z, row, col };
}

// GetFeatureInfo: the values of the source pixel under the pixel (I, J) of the tile.
async function featureInfo(input: RouteInput, tile: TileRequest, error: OwsError): Promise<Response> {
  const { url } = input;
  const infoFormat = param(url, "infoformat");
  if (infoFormat === null) return error(400, "MissingParameterValue", "infoformat", `Paramètre INFOFORMAT manquant (${INFO_FORMATS.join(", ")}).`);
  if (!INFO_FORMATS.includes(infoFormat)) return error(400, "InvalidParameterValue", "infoformat", `INFOFORMAT ${infoFormat} non servi : ${INFO_FORMATS.join(", ")}.`);
  const ij: number[] = [];
  for (const name of ["i", "j"]) {
    const value = param(url, name);
    if (value === null) return error(400, "MissingParameterValue", name, `Paramètre ${name.toUpperCase()} manquant.`);
    if (!/^\d+$/.test(value) || Number(value) > 255) return error(400, "PointIJOutOfRange", name, `${name.toUpperCase()} doit être un entier de 0 à 255 (reçu : « ${value} »).`);
    ij.push(Number(value));
  }
  const layer = tile.published.configuration.layer_name;
  if (!queryable(tile.published)) return error(400, "OperationNotSupported", "request", `La couche ${layer} n'est pas interrogeable : sa configuration n'a pas de getfeatureinfo.stored_data.`);
  const tms = layerTms(tile.published);
  const [minX, , maxX, maxY] = tmsTileBox(tms, tile.z, tile.col, tile.row);
  const size = (maxX - minX) / 256;
  const x = minX + (ij[0]! + 0.5) * size;
  const y = maxY - (ij[1]! + 0.5) * size;
  const values = pixelValues(await levelSources(input, tile.published, tile.z), tms.epsg, x, y);
  return featureInfoResponse(infoFormat, [{ layer, point: [x, y], srs: tms.epsg, values }]);
}

/** Handler of the WMTS root of one visibility. */
export function wmtsService(open: boolean, root: string): DiffusionHandler {
  return async (input) => {
    const { store, url } = input;
    const error: OwsError = (status, code, locator, message) => owsError(status, code ?? "NoApplicableCode", locator, message, "1.0.0");
    const request = ogcRequest(url, "WMTS", error);
    if (typeof request !== "string") return request;
    const published = store.run((ctx) => publishedOn(ctx, "WMTS-TMS", open));
    const layer = param(url, "layer");
    if (layer && !published.some((p) => p.configuration.layer_name === layer)) {
      return error(400, "InvalidParameterValue", "layer", `Couche ${layer} inconnue. Couches publiées : ${published.map((p) => p.configuration.layer_name).join(", ") || "aucune"} (une offre doit être PUBLISHED).`);
    }
    const name = request.toLowerCase();
    const styles = await layerStyles(store, published);
    if (name === "getcapabilities") return xml(wmtsCapabilities(root, published, styles));
    if (name !== "gettile" && name !== "getfeatureinfo") return error(501, "OperationNotSupported", "request", `Opération ${request} : ${UNSUPPORTED}.`);
    const tile = checkTile(url, published, error, styles);
    if (tile instanceof Response) return tile;
    if (name === "getfeatureinfo") return featureInfo(input, tile, error);
    const format = tile.format === "image/jpeg" ? "image/jpeg" : "image/png";
    return imageResponse(await encodeImage(await drawTile(input, tile.published, tile.z, tile.col, tile.row, format, tile.style.palette), format), format);
  };
}
