// Rules of a processing's parameters that depend on each other or on the inputs (checked at execution
// creation, on what the parameters' schemas (schemas.ts) found valid): composition of db_to_pyramid against the
// relations of the input VECTOR-DB; the raster pyramid processings' rules are in rules-raster.ts.
import type * as z from "zod/mini";
import { STORED_DATA } from "../stored-data/records.ts";
import ids from "../../../../_data/ids.json" with { type: "json" };
import type { ProcessingDef } from "./catalog.ts";
import type { Context } from "../../core/context.ts";
import type { Problems } from "../../core/errors.ts";
import { parseLevel } from "../common/geo.ts";
import type { JsonObject } from "../../core/json.ts";
import type { Salvaged } from "../../core/schema.ts";
import { relationsOf } from "../executions/vector-outputs.ts";
import { attributeFilter } from "../../diffusion/attribute-filter.ts";
import type { COMPOSITION } from "./schemas.ts";
import { derivationRule } from "./derivation.ts";
import { pyramidsToPyramid, rasterToPyramid, wmsToPyramid } from "./rules-raster.ts";

/** What the rules need to know about the execution being created. */
export interface RuleInput {
  inputs: { upload: string[]; stored_data: string[] };
  /** The valid parameters (an invalid one is undefined, its key kept), completed with default values. */
  parameters: Salvaged<JsonObject>;
  /** Whether the output is a new stored data (false for an update). */
  newOutput: boolean;
  /** The stored data an update writes into, if any. */
  outputId?: string;
}

type Rule = (ctx: Context, input: RuleInput, problems: Problems) => void;

// bottom ≥ top (both valid levels) — levels grow downwards, from 0 (whole world) to 21.
function checkOrder(top: unknown, bottom: unknown, path: string, problems: Problems): void {
  const t = parseLevel(top);
  const b = parseLevel(bottom);
  if (t !== undefined && b !== undefined && b < t) problems.add(`${path} : le niveau du bas (${b}) doit être supérieur ou égal au niveau du haut (${t}).`);
}

type CompositionItem = NonNullable<Salvaged<z.output<typeof COMPOSITION>>[number]>;

// The MVT layer name (letters, digits, _ and -) and the CQL filter of a composition item, against its table.
function compositionExtras(item: CompositionItem, relation: { name: string; attributes: string[] } | undefined, path: string, problems: Problems): void {
  if (typeof item.layer === "string" && !/^[A-Za-z0-9_-]{1,64}$/.test(item.layer.trim())) {
    problems.add(`${path}.layer : « ${item.layer} » n'est pas un nom de couche valide (lettres sans accent, chiffres, _ et -, 64 caractères au plus).`);
  }
  if (typeof item.filter !== "string" || item.filter.trim() === "") return;
  const columns = (relation?.attributes ?? []).filter((name) => name !== "geom" && name !== "ogc_fid");
  const parsed = attributeFilter(item.filter, columns);
  if ("syntax" in parsed) problems.add(`${path}.filter : filtre invalide (${parsed.syntax}) ; exemple : population > 1000000.`);
  else if ("unknown" in parsed && relation) {
    problems.add(`${path}.filter : ${parsed.unknown.map((name) => `« ${name} »`).join(", ")} absent(s) de la table « ${relation.name} » (attributs : ${columns.join(", ")}).`);
  }
}

// Two items filling the same MVT layer at a same level: the tiles could not say which one a feature comes from.
function overlappingLayers(composition: Salvaged<z.output<typeof COMPOSITION>>, problems: Problems): void {
  const items = composition.flatMap((item, index) => {
    const top = parseLevel(item?.top_level);
    const bottom = parseLevel(item?.bottom_level);
    const layer = (typeof item?.layer === "string" && item.layer.trim()) || item?.table;
    return item && top !== undefined && bottom !== undefined && typeof layer === "string" ? [{ index, layer, top, bottom }] : [];
  });
  for (const [n, item] of items.entries()) {
    const other = items.slice(0, n).find((earlier) => earlier.layer === item.layer && earlier.top <= item.bottom && item.top <= earlier.bottom);
    if (other) problems.add(`parameters.composition[${item.index}] : la couche « ${item.layer} » est déjà remplie aux mêmes niveaux par parameters.composition[${other.index}] ; donnez-lui un autre « layer » ou des niveaux distincts.`);
  }
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
      compositionExtras(item, relation, path, problems);
    });
    overlappingLayers(composition, problems);
  } else checkOrder(parameters.top_level, parameters.bottom_level, "parameters", problems);
  const withoutExtent = sources.filter((source) => !source!.details?.bbox);
  if (!("area" in parameters) && withoutExtent.length > 0) {
    problems.add(`parameters.area : obligatoire, la donnée stockée « ${withoutExtent[0]!.name} » n'a pas d'étendue connue.`);
  }
};

const RULES: Record<string, Rule> = {
  [ids.processings.db_to_db]: derivationRule,
  [ids.processings.db_to_pyramid]: dbToPyramid,
  [ids.processings.raster_to_pyramid]: rasterToPyramid,
  [ids.processings.pyramids_to_pyramid]: pyramidsToPyramid,
  [ids.processings.wms_to_pyramid]: wmsToPyramid,
};

/** Applies the rules of the processing, if it has any. */
export function checkProcessingRules(ctx: Context, processing: ProcessingDef, input: RuleInput, problems: Problems): void {
  RULES[processing._id]?.(ctx, input, problems);
}
