// Rules of a processing's parameters that depend on each other or on the inputs (checked at execution
// creation, on what the parameters' schemas (schemas.ts) found valid): composition of db_to_pyramid against the
// relations of the input VECTOR-DB, levels and compression of raster_to_pyramid.
import type * as z from "zod/mini";
import { STORED_DATA } from "../stored-data/records.ts";
import { UPLOADS } from "../uploads/records.ts";
import ids from "../../../../_data/ids.json" with { type: "json" };
import type { ProcessingDef } from "./catalog.ts";
import type { Context } from "../../core/context.ts";
import type { Problems } from "../../core/errors.ts";
import { channelsFormat, rasterImages } from "../uploads/file-analysis.ts";
import { parseLevel } from "../common/geo.ts";
import type { JsonObject } from "../../core/json.ts";
import type { Salvaged } from "../../core/schema.ts";
import { relationsOf } from "../executions/vector-outputs.ts";
import type { COMPOSITION } from "./schemas.ts";

/** What the rules need to know about the execution being created. */
export interface RuleInput {
  inputs: { upload: string[]; stored_data: string[] };
  /** The valid parameters (an invalid one is undefined, its key kept), completed with default values. */
  parameters: Salvaged<JsonObject>;
  /** Whether the output is a new stored data (false for an update). */
  newOutput: boolean;
}

type Rule = (ctx: Context, input: RuleInput, problems: Problems) => void;

// bottom ≥ top (both valid levels) — levels grow downwards, from 0 (whole world) to 21.
function checkOrder(top: unknown, bottom: unknown, path: string, problems: Problems): void {
  const t = parseLevel(top);
  const b = parseLevel(bottom);
  if (t !== undefined && b !== undefined && b < t) problems.add(`${path} : le niveau du bas (${b}) doit être supérieur ou égal au niveau du haut (${t}).`);
}

const dbToPyramid: Rule = (ctx, { inputs, parameters }, problems) => {
  const sources = inputs.stored_data.map((id) => ctx.records.get(STORED_DATA, id)).filter((s) => s?.type === "VECTOR-DB");
  const relations = sources.flatMap((source) => relationsOf(source!.type_infos));
  const names = relations.map((relation) => relation.name);
  const composition = parameters.composition as Salvaged<z.output<typeof COMPOSITION>> | undefined;
  if (Array.isArray(composition)) {
    composition.forEach((item, index) => {
      const path = `parameters.composition[${index}]`;
      if (!item) return;
      checkOrder(item.top_level, item.bottom_level, path, problems);
      const relation = relations.find((candidate) => candidate.name === item.table);
      if (item.table !== undefined && sources.length > 0 && !relation) {
        problems.add(`${path}.table : la table « ${item.table} » n'existe pas dans la donnée stockée en entrée (tables : ${names.join(", ") || "aucune"}).`);
      }
      const missing = relation && item.attributes && !item.attributes.includes("*") ? item.attributes.filter((name) => name !== undefined && !relation.attributes.includes(name)) : [];
      if (missing.length > 0) problems.add(`${path}.attributes : ${missing.map((m) => `« ${m} »`).join(", ")} absent(s) de la table « ${relation!.name} » (attributs : ${relation!.attributes.join(", ")}).`);
    });
  } else checkOrder(parameters.top_level, parameters.bottom_level, "parameters", problems);
  const withoutExtent = sources.filter((source) => !source!.details?.bbox);
  if (!("area" in parameters) && withoutExtent.length > 0) {
    problems.add(`parameters.area : obligatoire, la donnée stockée « ${withoutExtent[0]!.name} » n'a pas d'étendue connue.`);
  }
};

const rasterToPyramid: Rule = (ctx, { inputs, parameters, newOutput }, problems) => {
  if (newOutput && !("tms" in parameters)) problems.add("parameters.tms : obligatoire pour une première génération de pyramide (valeur possible : \"PM\").");
  checkOrder(parameters.top, parameters.bottom, "parameters", problems);
  const images = inputs.upload.flatMap((id) => rasterImages(ctx.records.get(UPLOADS, id)?.files ?? []));
  if (parameters.compression === "jpg") {
    const unfit = images.find(({ raster }) => channelsFormat(raster) !== "UINT8" || ![1, 3].includes(raster.samplesPerPixel));
    if (unfit) {
      problems.add(`parameters.compression : « jpg » demande des images à 1 ou 3 canaux UINT8 ; ${unfit.path} a ${unfit.raster.samplesPerPixel} canal(aux) ${channelsFormat(unfit.raster) ?? unfit.raster.sampleFormat} (utilisez « png »).`);
    }
  }
  const existing = inputs.stored_data.map((id) => ctx.records.get(STORED_DATA, id)).find((s) => s?.type === "ROK4-PYRAMID-RASTER");
  if (existing && typeof parameters.tms === "string" && existing.type_infos.tms !== undefined && existing.type_infos.tms !== parameters.tms) {
    problems.add(`parameters.tms : la pyramide en entrée utilise la grille ${String(existing.type_infos.tms)}, pas ${parameters.tms}.`);
  }
};

const RULES: Record<string, Rule> = {
  [ids.processings.db_to_pyramid]: dbToPyramid,
  [ids.processings.raster_to_pyramid]: rasterToPyramid,
};

/** Applies the rules of the processing, if it has any. */
export function checkProcessingRules(ctx: Context, processing: ProcessingDef, input: RuleInput, problems: Problems): void {
  RULES[processing._id]?.(ctx, input, problems);
}
