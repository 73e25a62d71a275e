// Raster tiles of a published ROK4-PYRAMID-RASTER, for the TMS and WMTS services: drawn from the pyramid's
// source images. A tile of a published level inside the layer's tile limits (those of the WMTS capabilities)
// is always answered, empty (transparent PNG, white JPEG) where there is no data, as ROK4 answers its
// no-data tile; a level the layer does not publish, or a tile outside the limits, is an error (TMS 404).
// Tiles are those of the pyramid's TMS (PM, or LAMB93_50cm drawn in EPSG:2154), through a ROK4 palette when a
// style with one is asked.
import { pmTileRange } from "../formats/crs.ts";
import type { RouteInput } from "../http/route.ts";
import type { StoredDataRecord } from "../resources/stored-data/records.ts";
import { objectItems } from "../core/json.ts";
import { encodeImage, imageResponse } from "./image.ts";
import type { ImageFormat, RgbaImage } from "./image.ts";
import { tmsError } from "./ogc.ts";
import type { Published } from "./published.ts";
import { publishedBbox, usedLevels } from "./published.ts";
import { levelSourcesOf } from "./raster-levels.ts";
import { drawHarvestedVector } from "./harvested-vector.ts";
import type { RasterSource } from "./raster-data.ts";
import { paintBox } from "./raster-render.ts";
import { blankImage } from "./image.ts";
import { projectBbox, tileMatrixSet, tileRange, tmsTileBox } from "../resources/common/tms.ts";
import type { TileMatrixSet } from "../resources/common/tms.ts";
import type { Rok4Palette } from "../formats/rok4-style.ts";

/** White, the no-data colour of JPEG images. */
export const WHITE: [number, number, number, number] = [255, 255, 255, 255];

/** Tile format of a published raster pyramid: JPEG for JPG pyramids, PNG otherwise (PNG, RAW, ZIP). */
export function rasterFormat(published: Published): ImageFormat {
  const compression = String(published.storedData[0]?.type_infos.compression ?? "").toUpperCase();
  return compression.startsWith("JPG") ? "image/jpeg" : "image/png";
}

/** The TMS of a published pyramid (PM unless its type_infos name another). */
export function layerTms(published: Published): TileMatrixSet {
  return tileMatrixSet(published.storedData[0]?.type_infos.tms);
}

/** Columns and rows of the layer's tiles at level z (the tiles of its TMS covering the published box). */
export function layerTileRange(published: Published, z: number): { minCol: number; maxCol: number; minRow: number; maxRow: number } {
  const tms = layerTms(published);
  const bbox = publishedBbox(published);
  return tms.id === "PM" ? pmTileRange(bbox, z) : tileRange(tms, projectBbox(tms, bbox), z);
}

/** The pyramids a layer draws at level z (those of the used_data whose levels include z), bottom first. */
export function pyramidsAt(published: Published, z: number): StoredDataRecord[] {
  return objectItems(published.configuration.type_infos.used_data).flatMap((item) => {
    const top = Number(item.top_level ?? 0);
    const bottom = Number(item.bottom_level ?? top);
    const found = published.storedData.find((data) => data._id === item.stored_data);
    return found && z >= top && z <= bottom ? [found] : [];
  });
}

/** Why the tile (z, col, row) is not served by the layer (French message), or undefined when it is. */
export function tileProblem(published: Published, z: number, col: number, row: number): { where: "level" | "row" | "col"; message: string } | undefined {
  const { top, bottom } = usedLevels(published.configuration);
  const layer = published.configuration.layer_name;
  if (z < top || z > bottom) return { where: "level", message: `Le niveau ${z} n'est pas publié pour la couche ${layer} (niveaux ${top} à ${bottom}).` };
  if (z >= layerTms(published).levels.length) return { where: "level", message: `Le niveau ${z} n'existe pas dans la grille ${layerTms(published).id} de la couche ${layer}.` };
  const range = layerTileRange(published, z);
  if (row < range.minRow || row > range.maxRow) return { where: "row", message: `Ligne ${row} hors des limites de la couche ${layer} au niveau ${z} (lignes ${range.minRow} à ${range.maxRow}).` };
  if (col < range.minCol || col > range.maxCol) return { where: "col", message: `Colonne ${col} hors des limites de la couche ${layer} au niveau ${z} (colonnes ${range.minCol} à ${range.maxCol}).` };
  return undefined;
}

/** The decoded source images a layer draws at level z, bottom first. */
export function levelSources(input: RouteInput, published: Published, z: number): Promise<RasterSource[]> {
  return levelSourcesOf(input.store, pyramidsAt(published, z), z);
}

/** The drawn tile (z, col, row) of a layer in its TMS, through a ROK4 palette when given, without the checks. */
export async function drawTile(input: RouteInput, published: Published, z: number, col: number, row: number, format: ImageFormat, palette?: Rok4Palette): Promise<RgbaImage> {
  const tms = layerTms(published);
  const image = blankImage(256, 256, format === "image/jpeg" ? WHITE : undefined);
  paintBox(image, await levelSources(input, published, z), tms.epsg, tmsTileBox(tms, z, col, row), palette);
  await drawHarvestedVector(input.store, pyramidsAt(published, z), image, tms.epsg, tmsTileBox(tms, z, col, row));
  return image;
}

/** The tile z/x/y (as in the TMS URL, rows from the top) of a published raster pyramid, or a TMS error. */
export async function rasterTmsTile(input: RouteInput, published: Published, tile: { z: number; x: number; y: number; ext: string }): Promise<Response> {
  const format = rasterFormat(published);
  const extensions = format === "image/jpeg" ? ["jpeg", "jpg"] : ["png"];
  if (!extensions.includes(tile.ext)) return tmsError(`La couche ${published.configuration.layer_name} est servie en ${format} : extension .${extensions[0]} attendue (reçu : .${tile.ext}).`);
  const problem = tileProblem(published, tile.z, tile.x, tile.y);
  if (problem) return tmsError(problem.message);
  return imageResponse(await encodeImage(await drawTile(input, published, tile.z, tile.x, tile.y, format), format), format);
}
