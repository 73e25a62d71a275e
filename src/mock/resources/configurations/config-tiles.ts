// type_infos of the configurations of pyramids, after their schemas: WMTS-TMS (raster or vector pyramids) and
// WMS-RASTER (raster pyramids).
import type { TypeInfosRule } from "./config-common.ts";
import { checkBboxOrder, checkLevels, repeated, typeInfosRule, usedStatic, usedStoredData } from "./config-common.ts";
import { WMS_RASTER_INFOS, WMTS_TMS_INFOS } from "./schemas.ts";
import type { Context } from "../../core/context.ts";
import type { Problems } from "../../core/errors.ts";
import type { StoredDataRecord, StoredDataType } from "../stored-data/records.ts";

type Pyramids = ({ bottom_level?: string; top_level?: string; stored_data?: string } | undefined)[] | undefined;

// used_data[{bottom_level, top_level, stored_data}] of pyramids of the given types; returns the pyramids.
function checkPyramids(ctx: Context, datastore: string, items: Pyramids, types: StoredDataType[], type: string, problems: Problems): StoredDataRecord[] {
  const pyramids: StoredDataRecord[] = [];
  items?.forEach((item, index) => {
    const path = `type_infos.used_data[${index}]`;
    if (!item) return;
    const pyramid = usedStoredData(ctx, datastore, item.stored_data, `${path}.stored_data`, types, type, problems);
    checkLevels(item, path, pyramid, problems);
    if (pyramid) pyramids.push(pyramid);
  });
  if (new Set(pyramids.map((pyramid) => pyramid.type)).size > 1) problems.add("type_infos.used_data : une configuration ne peut pas mélanger pyramides raster et vecteur.");
  return pyramids;
}

/** WMTS-TMS: pyramids with their levels; ROK4 styles that exist, for raster pyramids only. */
export const WMTS_TMS_RULE: TypeInfosRule = typeInfosRule(WMTS_TMS_INFOS, (ctx, datastore, typeInfos, problems) => {
  checkBboxOrder(typeInfos.bbox, "type_infos.bbox", problems);
  const pyramids = checkPyramids(ctx, datastore, typeInfos.used_data, ["ROK4-PYRAMID-RASTER", "ROK4-PYRAMID-VECTOR"], "WMTS-TMS", problems);
  typeInfos.styles?.forEach((id, i) => usedStatic(ctx, datastore, id, `type_infos.styles[${i}]`, "ROK4-STYLE", problems));
  if ("styles" in typeInfos && pyramids.some((pyramid) => pyramid.type === "ROK4-PYRAMID-VECTOR")) problems.add("type_infos.styles : les styles ROK4 ne s'appliquent qu'aux pyramides raster.");
});

/** WMS-RASTER: raster pyramids with their levels, ROK4 styles; interpolation BICUBIC unless given. */
export const WMS_RASTER_RULE: TypeInfosRule = typeInfosRule(
  WMS_RASTER_INFOS,
  (ctx, datastore, typeInfos, problems) => {
    checkBboxOrder(typeInfos.bbox, "type_infos.bbox", problems);
    checkPyramids(ctx, datastore, typeInfos.used_data, ["ROK4-PYRAMID-RASTER"], "WMS-RASTER", problems);
    // ROK4 styles: statics of the datastore, whose identifiers (the WMS STYLES names) differ.
    const identifiers = typeInfos.styles?.map((id, i) => usedStatic(ctx, datastore, id, `type_infos.styles[${i}]`, "ROK4-STYLE", problems)?.type_infos.identifier) ?? [];
    for (const name of repeated(identifiers)) problems.add(`type_infos.styles : plusieurs styles ont l'identifiant « ${name} » ; une couche ne peut porter qu'un style par identifiant.`);
  },
  (typeInfos) => ({ ...typeInfos, interpolation: typeInfos.interpolation ?? "BICUBIC" }),
);
