// ROK4-PYRAMID-RASTER output of raster_to_pyramid, computed from the analysed GeoTIFF headers.
//
// Levels: `top` (default 0) to `bottom`. Without `bottom`, it is (for PM) the level whose resolution is closest
// (on a logarithmic scale) to the images': the finest pixel size, in metres (degrees × 111 319.49 for a
// geographic CRS), divided by cos(latitude of the centre) since PM pixels shrink on the ground away from
// the equator; bottom = round(log2(156 543.034 / that size)), kept within 0–21. For another TMS
// (LAMB93_50cm, ../common/tms.ts) it is the level whose cell size is closest to the pixel size, and the
// pyramid's srs is the TMS's (IGNF:LAMB93).
// Size: per level, the TMS tiles covering the images × 256 × 256 × channels × bytes per channel, divided
// by 10 for JPG, 2 for PNG and ZIP, 1 for RAW.
// Sources: the pyramid keeps its source images (and their world files) in `files`, so that the diffusion
// services can draw from them: the earlier ones (input pyramids, then its own) under the new ones.
import { envelopeToWgs84, pmResolution, pmTileCount } from "../../formats/crs.ts";
import { channelsFormat, rasterImages } from "../uploads/file-analysis.ts";
import type { Bbox } from "../common/geo.ts";
import type { StoredDataRecord } from "../stored-data/records.ts";
import { bboxPolygon, levelRange, MAX_LEVEL, parseLevel, unionBbox } from "../common/geo.ts";
import { closestLevel, tileCount, tileMatrixSet } from "../common/tms.ts";
import type { JsonObject } from "../../core/json.ts";
import type { OutputBuilder } from "./records.ts";
import type { InputSnapshot } from "./records.ts";
import { harvestPyramidOutput, isHarvest } from "./harvest-output.ts";
import { parseDegreesBox } from "../processings/catalog-raster.ts";
import ids from "../../../../_data/ids.json" with { type: "json" };

const GEOGRAPHIC = ["EPSG:4326", "CRS:84", "EPSG:4171"];

/** What the images of an execution's inputs give: box, ground resolution and channels. */
export interface ImageSummary {
  bbox?: Bbox;
  /** Finest pixel size in metres on the ground. */
  resolution?: number;
  channels: number;
  format: string;
  nodata?: string;
}

/** Summary of the georeferenced images of a snapshot (undefined when there is none). */
export function summariseImages(snapshot: InputSnapshot): ImageSummary | undefined {
  const images = rasterImages(snapshot.files).filter((image) => image.raster.pixelSize && image.raster.origin);
  if (images.length === 0) return undefined;
  const boxes = images.map(({ raster, srs }) => {
    const [x, y] = raster.origin!;
    const [sx, sy] = raster.pixelSize!;
    return envelopeToWgs84(srs ?? snapshot.srs, [x, y - raster.height * sy, x + raster.width * sx, y]);
  });
  const metres = images.map(({ raster, srs }) => Math.min(...raster.pixelSize!) * (GEOGRAPHIC.includes(srs ?? snapshot.srs ?? "") ? 111319.49 : 1));
  const first = images[0]!.raster;
  const summary: ImageSummary = { resolution: Math.min(...metres), channels: first.samplesPerPixel, format: channelsFormat(first) ?? "UINT8" };
  const bbox = unionBbox(boxes);
  if (bbox) summary.bbox = bbox;
  if (first.nodata) summary.nodata = first.nodata;
  return summary;
}

/** The bottom level matching a ground resolution at the latitude of a box's centre. */
export function bottomLevelFor(resolution: number, bbox: Bbox | undefined): number {
  const latitude = bbox ? (bbox[1] + bbox[3]) / 2 : 0;
  const inPm = resolution / Math.cos((latitude * Math.PI) / 180);
  return Math.max(0, Math.min(MAX_LEVEL, Math.round(Math.log2(pmResolution(0) / inPm))));
}

// Default no-data value per channel format, repeated for each channel.
function nodataValue(summary: ImageSummary): string {
  const single = summary.nodata ?? (summary.format === "FLOAT32" ? "-99999" : summary.format === "UINT16" ? "0" : "255");
  return single.includes(",") ? single : Array(summary.channels).fill(single).join(",");
}

const IMAGE = /\.tiff?$/i;
const WORLD_FILE = /\.tfw$/i;
const stem = (path: string): string => path.replace(/\.[^./]*$/, "").toLowerCase();
type KeptFile = StoredDataRecord["files"][number];

/** The source files a pyramid keeps, bottom first: each image (with its CRS) followed by its world file, if any. */
export function keptSources(storedData: StoredDataRecord, snapshot: InputSnapshot): KeptFile[] {
  const earlier = [...(snapshot.sources ?? []).filter((source) => source.type === "ROK4-PYRAMID-RASTER").flatMap((source) => source.files ?? []), ...storedData.files];
  const received = snapshot.files.filter((file) => file.blob !== undefined);
  const fresh: KeptFile[] = [];
  for (const file of received.filter((candidate) => IMAGE.test(candidate.path))) {
    const image: KeptFile = { path: file.path, size: file.size, blob: file.blob! };
    if (file.md5) image.md5 = file.md5;
    const epsg = file.analysis?.kind === "raster" ? file.analysis.raster.epsg : undefined;
    const srs = epsg !== undefined ? `EPSG:${epsg}` : snapshot.srs;
    if (srs) image.srs = srs;
    fresh.push(image);
    const world = received.find((candidate) => WORLD_FILE.test(candidate.path) && stem(candidate.path) === stem(file.path));
    if (world) fresh.push({ path: world.path, size: world.size, blob: world.blob!, ...(world.md5 ? { md5: world.md5 } : {}) });
  }
  // A file kept twice (the output was also an input) stays at its last place (a harvested image kept for several
  // harvest levels is one file per level range).
  const all = [...earlier, ...fresh];
  const same = (a: KeptFile, b: KeptFile): boolean => a.blob === b.blob && String(a.levels) === String(b.levels);
  return all.filter((file, index) => !file.blob || all.findLastIndex((other) => same(other, file)) === index);
}

/** ROK4-PYRAMID-RASTER: levels of its TMS (PM, LAMB93_50cm), channels and compression from the images and the parameters. */
export const rasterPyramidOutput: OutputBuilder = (storedData, snapshot, execution) => {
  if (isHarvest(execution)) return harvestPyramidOutput(storedData, snapshot, execution);
  const p = execution.parameters;
  // Input pyramids (update into a new stored data, merge): their levels, box and channels carry over.
  const sources = (snapshot.sources ?? []).filter((candidate) => candidate.type === "ROK4-PYRAMID-RASTER");
  const previous = Object.keys(storedData.type_infos).length > 0 ? storedData.type_infos : sources[0]?.type_infos ?? {};
  const summary = summariseImages(snapshot);
  const merge = execution.processing === ids.processings.pyramids_to_pyramid;
  const asked = merge && typeof p.bbox === "string" ? parseDegreesBox(p.bbox) : undefined;
  const bbox = asked ?? unionBbox([summary?.bbox, storedData.details?.bbox, ...sources.map((source) => source.details?.bbox)]);
  const uses = [...new Set([...(storedData.details?.uses ?? []), ...sources.map((source) => source._id)])].filter((id) => id !== storedData._id);
  // Layers harvested from a WMS-Vecteur stay drawn: the inputs' first, then the pyramid's own.
  const vectors = [...sources.flatMap((source) => source.details?.harvestedVector ?? []), ...(storedData.details?.harvestedVector ?? [])];
  const levelsOf = (infos: JsonObject): number[] => (Array.isArray(infos.levels) ? infos.levels : []).map(Number).filter(Number.isFinite);
  const oldLevels = [...levelsOf(storedData.type_infos), ...sources.flatMap((source) => levelsOf(source.type_infos))];
  // Another TMS than PM (LAMB93_50cm): the level of the grid whose cell size is closest to the images' pixels.
  const tms = tileMatrixSet(typeof p.tms === "string" ? p.tms : previous.tms);
  const pm = tms.id === "PM";
  const computedBottom = summary?.resolution ? (pm ? bottomLevelFor(summary.resolution, summary.bbox) : closestLevel(tms, summary.resolution)) : undefined;
  const bottom = Math.min(tms.levels.length - 1, parseLevel(p.bottom) ?? computedBottom ?? (oldLevels.length > 0 ? Math.max(...oldLevels) : 0));
  const top = Math.min(parseLevel(p.top) ?? 0, bottom);
  // A merge spans its inputs' levels unless `top` / `bottom` narrow them; an update adds its levels to the pyramid's.
  const levels = merge && oldLevels.length > 0
    ? levelRange(parseLevel(p.top) ?? Math.min(...oldLevels), parseLevel(p.bottom) ?? Math.max(...oldLevels))
    : levelRange(Math.min(top, ...oldLevels), Math.max(bottom, ...oldLevels));
  const compression = typeof p.compression === "string" ? p.compression.toUpperCase() : typeof previous.compression === "string" ? previous.compression : "RAW";
  const channels = summary?.channels ?? (typeof previous.channels_number === "number" ? previous.channels_number : 3);
  const format = summary?.format ?? (typeof previous.channels_format === "string" ? previous.channels_format : "UINT8");
  const info: JsonObject = {
    tms: tms.id,
    levels, channels_format: format, channels_number: channels, compression,
    nodata_value: summary ? nodataValue(summary) : typeof previous.nodata_value === "string" ? previous.nodata_value : "255,255,255",
  };
  const bytesPerPixel = channels * (format === "UINT8" ? 1 : format === "UINT16" ? 2 : 4);
  // ZIP (deflate) keeps the values exactly: about the ratio of PNG on smooth data.
  const ratio = compression === "JPG" || compression === "JPG90" ? 10 : compression === "PNG" || compression === "ZIP" ? 2 : 1;
  let size = 0;
  const [first, last] = [Number(levels[0]), Number(levels.at(-1))];
  if (bbox) for (let z = first; z <= last; z++) size += Math.round(((pm ? pmTileCount(bbox, z) : tileCount(tms, bbox, z)) * 256 * 256 * bytesPerPixel) / ratio);
  storedData.type_infos = info;
  storedData.files = keptSources(storedData, snapshot).map((file) => (asked && IMAGE.test(file.path) ? { ...file, clip: file.clip ? [Math.max(file.clip[0], asked[0]), Math.max(file.clip[1], asked[1]), Math.min(file.clip[2], asked[2]), Math.min(file.clip[3], asked[3])] : asked } : file));
  storedData.size = Math.max(size, storedData.size);
  storedData.srs = tms.srs;
  // Tiles are served as JPEG for JPG pyramids, as PNG (lossless) for PNG, RAW and ZIP ones.
  storedData.details = { format: compression.startsWith("JPG") ? "image/jpeg" : "image/png" };
  if (uses.length > 0) storedData.details.uses = uses;
  if (vectors.length > 0) storedData.details.harvestedVector = vectors;
  if (bbox) {
    storedData.details.bbox = bbox;
    storedData.extent = bboxPolygon(bbox);
  }
  const messages = [`Pyramide ${String(info.tms)} calculée du niveau ${first} au niveau ${last}, ${channels} canal(aux) ${format}, compression ${compression}`];
  if (summary?.resolution && parseLevel(p.bottom) === undefined) {
    const cell = pm ? `${Math.round(pmResolution(bottom) * 100) / 100} m à l'équateur` : `${tms.levels[bottom]!.resolution} m`;
    messages.unshift(`Résolution des images : ${Math.round(summary.resolution * 100) / 100} m ; niveau du bas le plus proche : ${bottom} (${cell})`);
  }
  return messages;
};
