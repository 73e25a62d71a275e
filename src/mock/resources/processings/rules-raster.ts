// Rules of the raster pyramid processings checked at execution creation (on what the parameters' schemas found
// valid): raster_to_pyramid's grid, compression and channels against the pyramid it updates (injection: the
// output; step by step: the input pyramid), pyramids_to_pyramid's compatible inputs and levels, wms_to_pyramid's
// source URL, layers, levels, area and sample layout.
import { TILE_MATRIX_SETS, TMS_IDS } from "../common/tms.ts";
import { STORED_DATA } from "../stored-data/records.ts";
import type { StoredDataRecord } from "../stored-data/records.ts";
import { UPLOADS } from "../uploads/records.ts";
import type { Context } from "../../core/context.ts";
import type { Problems } from "../../core/errors.ts";
import { channelsFormat, rasterImages } from "../uploads/file-analysis.ts";
import { parseLevel } from "../common/geo.ts";
import { parseWkt } from "../../formats/wkt.ts";
import type { RuleInput } from "./rules.ts";

type Rule = (ctx: Context, input: RuleInput, problems: Problems) => void;

// bottom ≥ top (both valid levels) — levels grow downwards, from 0 (whole world) to 21.
function checkOrder(top: unknown, bottom: unknown, problems: Problems): void {
  const t = parseLevel(top);
  const b = parseLevel(bottom);
  if (t !== undefined && b !== undefined && b < t) problems.add(`parameters : le niveau du bas (${b}) doit être supérieur ou égal au niveau du haut (${t}).`);
}

const pyramids = (ctx: Context, ids: string[]): StoredDataRecord[] =>
  ids.map((id) => ctx.records.get(STORED_DATA, id)).filter((s): s is StoredDataRecord => s?.type === "ROK4-PYRAMID-RASTER");
const infos = (pyramid: StoredDataRecord): { tms: string; channels: number; format: string; compression: string } => ({
  tms: String(pyramid.type_infos.tms ?? "PM"), channels: Number(pyramid.type_infos.channels_number ?? 3),
  format: String(pyramid.type_infos.channels_format ?? "UINT8"), compression: String(pyramid.type_infos.compression ?? "RAW").toUpperCase(),
});
const levelsOf = (pyramid: StoredDataRecord): number[] => (Array.isArray(pyramid.type_infos.levels) ? pyramid.type_infos.levels : []).map(Number).filter(Number.isFinite);

/** raster_to_pyramid: a new pyramid needs its grid; an update keeps the grid, compression and channels of the pyramid it extends. */
export const rasterToPyramid: Rule = (ctx, { inputs, parameters, newOutput, outputId }, problems) => {
  const inputPyramids = pyramids(ctx, inputs.stored_data);
  const updated = !newOutput && outputId ? ctx.records.get(STORED_DATA, outputId) : undefined;
  if (inputPyramids.length > 1) problems.add("inputs.stored_data : une seule pyramide en entrée peut être complétée (mise à jour au fur et à mesure).");
  if (updated && inputPyramids.length > 0) problems.add("inputs.stored_data : une mise à jour par injection (output.stored_data.id) ne prend pas de pyramide en entrée ; pour une nouvelle pyramide qui référence l'ancienne, donnez output.stored_data.name.");
  const base = updated?.type === "ROK4-PYRAMID-RASTER" ? updated : inputPyramids[0];
  if (newOutput && !base && !("tms" in parameters)) problems.add(`parameters.tms : obligatoire pour une première génération de pyramide (valeurs possibles : ${TMS_IDS.map((id) => `"${id}"`).join(", ")}).`);
  // Levels beyond the grid's last one (LAMB93_50cm stops at 18).
  const grid = TILE_MATRIX_SETS[String(parameters.tms ?? base?.type_infos.tms ?? "PM")];
  for (const key of ["bottom", "top"] as const) {
    const level = Number(parameters[key]);
    if (grid && typeof parameters[key] === "string" && level >= grid.levels.length) problems.add(`parameters.${key} : la grille ${grid.id} a les niveaux 0 à ${grid.levels.length - 1} (reçu : « ${String(parameters[key])} »).`);
  }
  checkOrder(parameters.top, parameters.bottom, problems);
  const images = inputs.upload.flatMap((id) => rasterImages(ctx.records.get(UPLOADS, id)?.files ?? []));
  if (parameters.compression === "jpg" || parameters.compression === "jpg90") {
    const unfit = images.find(({ raster }) => channelsFormat(raster) !== "UINT8" || ![1, 3].includes(raster.samplesPerPixel));
    if (unfit) {
      problems.add(`parameters.compression : « ${parameters.compression} » demande des images à 1 ou 3 canaux UINT8 ; ${unfit.path} a ${unfit.raster.samplesPerPixel} canal(aux) ${channelsFormat(unfit.raster) ?? unfit.raster.sampleFormat} (utilisez « png » ou « zip »).`);
    }
  }
  if (!base) return;
  const known = infos(base);
  const which = updated ? "la pyramide mise à jour" : "la pyramide en entrée";
  if (typeof parameters.tms === "string" && parameters.tms !== known.tms) problems.add(`parameters.tms : ${which} « ${base.name} » utilise la grille ${known.tms}, pas ${parameters.tms}.`);
  if (typeof parameters.compression === "string" && parameters.compression.toUpperCase() !== known.compression) {
    problems.add(`parameters.compression : ${which} « ${base.name} » est compressée en ${known.compression.toLowerCase()}, pas en ${parameters.compression}.`);
  }
  for (const { path, raster } of images) {
    const format = channelsFormat(raster) ?? raster.sampleFormat;
    if (raster.samplesPerPixel !== known.channels || format !== known.format) {
      problems.add(`inputs.upload : ${path} a ${raster.samplesPerPixel} canal(aux) ${format}, ${which} « ${base.name} » en a ${known.channels} ${known.format}.`);
    }
  }
};

/** pyramids_to_pyramid: two pyramids or more, of one grid and one channel layout, merged over levels they have. */
export const pyramidsToPyramid: Rule = (ctx, { inputs, parameters, newOutput }, problems) => {
  const sources = pyramids(ctx, inputs.stored_data);
  if (inputs.stored_data.length === 1) problems.add("inputs.stored_data : une fusion demande au moins deux pyramides en entrée.");
  if (!newOutput) problems.add("output.stored_data : la fusion produit une nouvelle pyramide (donnez output.stored_data.name, pas un identifiant).");
  checkOrder(parameters.top, parameters.bottom, problems);
  if (sources.length < 2) return;
  const first = infos(sources[0]!);
  for (const source of sources.slice(1)) {
    const other = infos(source);
    if (other.tms !== first.tms) problems.add(`inputs.stored_data : les pyramides n'ont pas la même grille (« ${sources[0]!.name} » : ${first.tms}, « ${source.name} » : ${other.tms}).`);
    if (other.channels !== first.channels || other.format !== first.format) {
      problems.add(`inputs.stored_data : les pyramides n'ont pas les mêmes canaux (« ${sources[0]!.name} » : ${first.channels} ${first.format}, « ${source.name} » : ${other.channels} ${other.format}).`);
    }
  }
  const deepest = Math.max(...sources.flatMap(levelsOf));
  const bottom = parseLevel(parameters.bottom);
  if (bottom !== undefined && bottom > deepest) problems.add(`parameters.bottom : le niveau ${bottom} est plus détaillé que ceux des pyramides en entrée (niveau du bas le plus détaillé : ${deepest}).`);
};

// The polygon rings of a WKT text, or a French reason why it is not a usable area.
function areaRings(text: string): number[][][] | string {
  let geometry;
  try {
    geometry = parseWkt(text);
  } catch (error) {
    return (error as Error).message;
  }
  if (!geometry || (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon")) return "POLYGON ou MULTIPOLYGON non vide attendu";
  const rings = (geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat()) as number[][][];
  const outside = rings.flat().find(([lon, lat]) => !(Math.abs(lon!) <= 180 && Math.abs(lat!) <= 90));
  return outside ? `coordonnée (${outside[0]} ${outside[1]}) hors de l'EPSG:4326 : longitude puis latitude, en degrés` : rings;
}

/** wms_to_pyramid: the WMS root, layers, levels listed bottom first, area, samples and request sizes. */
export const wmsToPyramid: Rule = (ctx, { inputs, parameters }, problems) => {
  const p = parameters;
  if (typeof p.harvest_url === "string") {
    if (!/^https?:\/\/[^\s/?#]+/i.test(p.harvest_url)) problems.add(`parameters.harvest_url : URL http(s) attendue (reçu : « ${p.harvest_url} »).`);
    else if (/[?&](request|service)=/i.test(p.harvest_url)) problems.add(`parameters.harvest_url : donnez la racine du service seulement, sans requête GetCapabilities ni GetMap (reçu : « ${p.harvest_url} »).`);
  }
  if (typeof p.harvest_layers === "string" && p.harvest_layers.split(",").some((name) => name.trim() === "")) {
    problems.add(`parameters.harvest_layers : noms de couches séparés par des virgules attendus, sans nom vide (reçu : « ${p.harvest_layers} »).`);
  }
  const harvested = Array.isArray(p.harvest_levels) ? p.harvest_levels.map(parseLevel) : [];
  if (Array.isArray(p.harvest_levels) && harvested.every((level) => level !== undefined)) {
    const levels = harvested as number[];
    if (levels.length === 0) problems.add("parameters.harvest_levels : au moins un niveau à moissonner attendu.");
    else {
      if (levels.some((level, i) => i > 0 && level >= levels[i - 1]!)) problems.add(`parameters.harvest_levels : niveaux à lister du bas vers le haut, du plus détaillé au moins détaillé, sans doublon (reçu : ${levels.join(", ")}).`);
      const bottom = parseLevel(p.bottom);
      if (bottom !== undefined && bottom !== levels[0]) problems.add(`parameters.harvest_levels : le premier niveau moissonné (${levels[0]}) doit être le niveau du bas (bottom : ${bottom}).`);
      const top = parseLevel(p.top);
      if (top !== undefined && top > Math.min(...levels)) problems.add(`parameters.top : le niveau du haut (${top}) ne peut pas être sous le dernier niveau moissonné (${Math.min(...levels)}).`);
    }
  }
  if (typeof p.harvest_area === "string") {
    const rings = areaRings(p.harvest_area);
    if (typeof rings === "string") problems.add(`parameters.harvest_area : ${rings}.`);
  }
  const channels = typeof p.samplesperpixel === "number" ? p.samplesperpixel : 3;
  const jpeg = p.compression === "jpg" || p.compression === "jpg90";
  if (jpeg && channels > 3) problems.add(`parameters.samplesperpixel : 3 canaux au plus avec la compression ${String(p.compression)} (reçu : ${channels}).`);
  if (jpeg && p.sampleformat === "FLOAT32") problems.add(`parameters.sampleformat : FLOAT32 ne se compresse pas en ${String(p.compression)} (utilisez « zip » ou « raw »).`);
  if (Array.isArray(p.nodata) && p.nodata.length !== channels) problems.add(`parameters.nodata : une valeur par canal attendue (${channels}), reçu ${p.nodata.length}.`);
  if (Array.isArray(p.harvest_dimensions) && p.harvest_dimensions.length === 2) {
    const slab = [Number(p.width ?? 16) * 256, Number(p.height ?? 16) * 256];
    p.harvest_dimensions.forEach((size, i) => {
      if (typeof size === "number" && slab[i]! % size !== 0) problems.add(`parameters.harvest_dimensions : ${size} ne divise pas la ${i === 0 ? "largeur" : "hauteur"} d'une dalle (${slab[i]} pixels).`);
    });
  }
  const sources = pyramids(ctx, inputs.stored_data);
  if (inputs.stored_data.length > 1) problems.add("inputs.stored_data : une seule pyramide en entrée peut être référencée.");
  const base = sources[0] && infos(sources[0]);
  if (base && (base.channels !== channels || base.format !== (typeof p.sampleformat === "string" ? p.sampleformat : "UINT8"))) {
    problems.add(`inputs.stored_data : la pyramide « ${sources[0]!.name} » a ${base.channels} canal(aux) ${base.format}, le moissonnage en produit ${channels} ${String(p.sampleformat ?? "UINT8")}.`);
  }
};
