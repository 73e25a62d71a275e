// wms_to_pyramid: harvesting a WMS into a ROK4-PYRAMID-RASTER. When the execution starts, the harvest asks the
// source service: only data.geopf.fr is reachable from the compute nodes, and the simulated datastore answers for
// its own WMS-Raster and WMS-Vecteur roots (open and private). Each harvested layer must be published there. A
// WMS-Raster draws its GetMap images from the source images of the layer's pyramids at the harvest's bottom level,
// so the harvest keeps those images (the same bytes, by reference) as the new pyramid's sources, clipped to the
// slabs that cover the area at the bottom level; of a WMS-Vecteur it keeps the drawn tables and styles
// (harvest-vector.ts). The pyramid's tiles show what the WMS drew when the harvest ran, whatever the source becomes.
// Any answer of the WMS that is not an image (unknown layer, format it does not serve…) fails the execution, the
// WMS's message in the logs.
import ids from "../../../../_data/ids.json" with { type: "json" };
import type { Context } from "../../core/context.ts";
import type { JsonObject } from "../../core/json.ts";
import { mercatorToWgs84, PM_HALF_SIDE, pmResolution, pmTileRange } from "../../formats/crs.ts";
import { parseWkt } from "../../formats/wkt.ts";
import { IMAGE_FORMATS } from "../../diffusion/image.ts";
import { publishedOn, usedLevels } from "../../diffusion/published.ts";
import { pyramidsAt } from "../../diffusion/raster-tiles.ts";
import { SERVICE_ROOTS } from "../../seed.ts";
import type { Bbox } from "../common/geo.ts";
import { bboxPolygon, levelRange, parseLevel, unionBbox, wktBbox } from "../common/geo.ts";
import type { StoredDataRecord } from "../stored-data/records.ts";
import type { ExecutionRecord, InputSnapshot, OutputBuilder } from "./records.ts";
import { captureVectorLayers } from "./harvest-vector.ts";

type KeptFile = StoredDataRecord["files"][number];
const pathOf = (url: string): string => new URL(url).pathname.replace(/\/+$/, "");
const RASTER_ROOTS = [SERVICE_ROOTS.open.wmsr, SERVICE_ROOTS.private.wmsr].flatMap((root) => [pathOf(root), `${pathOf(root)}/wms`]);
const VECTOR_ROOTS = [SERVICE_ROOTS.open.wmsv, SERVICE_ROOTS.private.wmsv].flatMap((root) => [pathOf(root), `${pathOf(root)}/ows`, `${pathOf(root)}/geoserver/ows`]);

/** Whether the execution is a WMS harvest. */
export const isHarvest = (execution: ExecutionRecord): boolean => execution.processing === ids.processings.wms_to_pyramid;

/** WGS 84 box of the slabs (width × height tiles of level z) that cover a box. */
export function slabBox(bbox: Bbox, z: number, width: number, height: number): Bbox {
  const range = pmTileRange(bbox, z);
  const side = pmResolution(z) * 256;
  const [minCol, maxCol] = [Math.floor(range.minCol / width) * width, (Math.floor(range.maxCol / width) + 1) * width];
  const [minRow, maxRow] = [Math.floor(range.minRow / height) * height, (Math.floor(range.maxRow / height) + 1) * height];
  const [west, north] = mercatorToWgs84(-PM_HALF_SIDE + minCol * side, PM_HALF_SIDE - minRow * side);
  const [east, south] = mercatorToWgs84(-PM_HALF_SIDE + Math.min(maxCol, 2 ** z) * side, PM_HALF_SIDE - Math.min(maxRow, 2 ** z) * side);
  return [west, south, east, north];
}

const intersect = (a: Bbox, b: Bbox | undefined): Bbox => (b ? [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])] : a);

// The box of the harvest area (a valid WKT polygon: the rules checked it at creation).
function areaBox(parameters: JsonObject): Bbox | undefined {
  const text = String(parameters.harvest_area ?? "");
  try {
    return parseWkt(text) ? wktBbox(text) : undefined;
  } catch {
    return undefined;
  }
}

/** What the source WMS gives the harvest when it starts: the images it draws, or the problems (for the logs). */
export function harvestSource(ctx: Context, execution: ExecutionRecord): { problems: string[]; harvest?: NonNullable<InputSnapshot["harvest"]> } {
  const p = execution.parameters;
  const url = new URL(String(p.harvest_url));
  const layers = String(p.harvest_layers).split(",").map((name) => name.trim());
  const format = String(p.harvest_format);
  const bottom = parseLevel(p.bottom) ?? 0;
  const area = areaBox(p);
  if (url.hostname !== "data.geopf.fr") {
    return { problems: [`Téléchargement refusé depuis ${url.hostname} : les nœuds de calcul ne peuvent moissonner que les services de data.geopf.fr (sauf ouverture par la plateforme)`] };
  }
  const path = url.pathname.replace(/\/+$/, "");
  const vector = VECTOR_ROOTS.includes(path);
  if (!vector && !RASTER_ROOTS.includes(path)) return { problems: [`GetCapabilities sur ${url.origin}${path} : réponse HTTP 404, ce n'est pas un service WMS`] };
  const open = vector ? VECTOR_ROOTS.slice(0, 3).includes(path) : RASTER_ROOTS.slice(0, 2).includes(path);
  const published = publishedOn(ctx, vector ? "WMS-VECTOR" : "WMS-RASTER", open);
  const unknown = layers.filter((name) => !published.some((item) => item.configuration.layer_name === name));
  // Both WMS answer an unknown layer with LayerNotDefined (texts of wms-common.ts).
  if (unknown.length > 0) {
    return { problems: [`Le service WMS a répondu 400 (LayerNotDefined) : Couche(s) inconnue(s) : ${unknown.join(", ")}. Couches publiées : ${published.map((item) => item.configuration.layer_name).join(", ") || "aucune"} (une offre doit être PUBLISHED).`] };
  }
  if (!(IMAGE_FORMATS as readonly string[]).includes(format)) {
    return { problems: [`Le service WMS a répondu 400 (InvalidFormat) : Format ${format} non servi : ${IMAGE_FORMATS.join(" ou ")}.`] };
  }
  const [width, height] = [Number(p.width ?? 16), Number(p.height ?? 16)];
  const clip = area ? slabBox(area, bottom, width, height) : undefined;
  const extras = typeof p.harvest_extras === "string" && p.harvest_extras !== "" ? `&${p.harvest_extras.replace(/^&/, "")}` : "";
  const request = `${url.origin}${path}?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=${layers.join(",")}&STYLES=&FORMAT=${format}&CRS=EPSG:3857&WIDTH=${width * 256}&HEIGHT=${height * 256}&BBOX=<dalle>${extras}`;
  if (vector) {
    const captured = captureVectorLayers(ctx, layers.map((name) => published.find((item) => item.configuration.layer_name === name)!));
    if (typeof captured === "string") return { problems: [`Le service WMS a répondu 400 (NoApplicableCode) : La couche ne peut pas être servie : ${captured}.`] };
    return { problems: [], harvest: { layers, files: captured.files, request, vector: { relations: captured.capture, ...(clip ? { clip } : {}) } } };
  }
  const files: KeptFile[] = [];
  // One capture per harvest level (bottom first), drawn down to the next harvest level (the last one up to `top`):
  // what the WMS draws at that level's resolution, inside that level's slabs.
  const levels = (p.harvest_levels as string[]).map(Number);
  levels.forEach((level, index) => {
    const range: [number, number] = [index + 1 < levels.length ? levels[index + 1]! + 1 : 0, level];
    const slabs = area ? slabBox(area, level, width, height) : undefined;
    for (const name of layers) {
      const layer = published.find((item) => item.configuration.layer_name === name)!;
      const { top, bottom: deepest } = usedLevels(layer.configuration);
      const drawn = Math.max(top, Math.min(deepest, level));
      for (const pyramid of pyramidsAt(layer, drawn)) {
        // The images the WMS draws at that level (a harvested source's own images have their levels too).
        for (const file of pyramid.files.filter((candidate) => !candidate.levels || (drawn >= candidate.levels[0] && drawn <= candidate.levels[1]))) {
          const kept: KeptFile = { ...file, levels: range };
          if (slabs) kept.clip = intersect(slabs, file.clip);
          files.push(kept);
        }
      }
    }
  });
  return { problems: [], harvest: { layers, files, request } };
}

/** The pyramid of a WMS harvest: levels top..bottom, the area as extent, the harvested images (over an input pyramid's). */
export const harvestPyramidOutput: OutputBuilder = (storedData, snapshot, execution) => {
  const p = execution.parameters;
  const harvest = snapshot.harvest ?? { layers: [], files: [] };
  const base = (snapshot.sources ?? []).find((source) => source.type === "ROK4-PYRAMID-RASTER");
  const bottom = parseLevel(p.bottom) ?? 0;
  const top = Math.min(parseLevel(p.top) ?? 0, bottom);
  const baseLevels = (Array.isArray(base?.type_infos.levels) ? base.type_infos.levels : []).map(Number).filter(Number.isFinite);
  const area = areaBox(p);
  const bbox = unionBbox([area, base?.details?.bbox]);
  const channels = typeof p.samplesperpixel === "number" ? p.samplesperpixel : 3;
  const format = typeof p.sampleformat === "string" ? p.sampleformat : "UINT8";
  const compression = typeof p.compression === "string" ? p.compression.toUpperCase() : "RAW";
  const nodata = Array.isArray(p.nodata) ? p.nodata.join(",") : Array(channels).fill(format === "FLOAT32" ? "-99999" : "255").join(",");
  storedData.type_infos = {
    tms: "PM", levels: levelRange(Math.min(top, ...baseLevels), Math.max(bottom, ...baseLevels)),
    channels_format: format, channels_number: channels, compression, nodata_value: nodata,
  };
  storedData.files = [...(base?.files ?? []), ...harvest.files];
  storedData.srs = "EPSG:3857";
  storedData.details = { format: compression.startsWith("JPG") ? "image/jpeg" : "image/png" };
  if (base) storedData.details.uses = [base._id];
  const vectors = [...(base?.details?.harvestedVector ?? []), ...(harvest.vector ? [harvest.vector] : [])];
  if (vectors.length > 0) storedData.details.harvestedVector = vectors;
  const slabs = area ? slabBox(area, bottom, Number(p.width ?? 16), Number(p.height ?? 16)) : undefined;
  let size = base?.size ?? 0;
  const bytes = channels * (format === "FLOAT32" ? 4 : 1);
  const ratio = compression.startsWith("JPG") ? 10 : compression === "PNG" || compression === "ZIP" ? 2 : 1;
  if (slabs) for (let z = top; z <= bottom; z++) size += Math.round((pmTileRangeCount(slabs, z) * 256 * 256 * bytes) / ratio);
  storedData.size = size;
  if (bbox) {
    storedData.details.bbox = bbox;
    storedData.extent = bboxPolygon(bbox);
  }
  return [
    `Moissonnage de ${harvest.layers.join(", ")} (${String(p.harvest_url)}) en ${String(p.harvest_format)}, niveaux moissonnés ${(p.harvest_levels as string[]).join(", ")} ; ${harvest.files.filter((file) => /\.tiff?$/i.test(file.path)).length} image(s) source dessinée(s) par le service`,
    `Pyramide PM calculée du niveau ${top} au niveau ${bottom}, ${channels} canal(aux) ${format}, compression ${compression}`,
  ];
};

// PM tiles of level z inside a box (whole tiles; the slab box's edges fall on tile edges).
function pmTileRangeCount(bbox: Bbox, z: number): number {
  const shrink = 1e-9;
  const r = pmTileRange([bbox[0] + shrink, bbox[1] + shrink, bbox[2] - shrink, bbox[3] - shrink], z);
  return (r.maxCol - r.minCol + 1) * (r.maxRow - r.minRow + 1);
}
