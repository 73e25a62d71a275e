// type_infos of the configurations of pyramids: WMTS-TMS (raster or vector pyramids) and WMS-RASTER.
import type { TypeInfosValidator } from "./config-common.ts";
import { checkBbox, checkGetFeatureInfo, checkKeys, checkKeywords, checkLevels, checkText, usedDataItems, usedStatic, usedStoredData } from "./config-common.ts";
import type { Context } from "../../core/context.ts";
import type { Problems } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import { cloneJson, isObject } from "../../core/json.ts";
import type { StoredDataRecord, StoredDataType } from "../stored-data/records.ts";

/** Interpolations of WMS-RASTER (default BICUBIC). */
export const INTERPOLATIONS = ["NEAREST-NEIGHBOUR", "LINEAR", "BICUBIC", "LANCZOS2", "LANCZOS3", "LANCZOS4"];

// used_data[{bottom_level, top_level, stored_data}] of pyramids of the given types; returns the pyramids.
function checkPyramids(ctx: Context, datastore: string, typeInfos: Record<string, unknown>, types: StoredDataType[], type: string, problems: Problems): StoredDataRecord[] {
  const pyramids: StoredDataRecord[] = [];
  usedDataItems(typeInfos.used_data, problems).forEach((item, index) => {
    const path = `type_infos.used_data[${index}]`;
    if (!isObject(item)) return problems.add(`${path} : objet {"bottom_level", "top_level", "stored_data"} attendu.`);
    checkKeys(item, ["bottom_level", "top_level", "stored_data"], path, problems);
    const pyramid = usedStoredData(ctx, datastore, item.stored_data, `${path}.stored_data`, types, type, problems);
    checkLevels(item, path, pyramid, problems);
    if (pyramid) pyramids.push(pyramid);
  });
  if (new Set(pyramids.map((pyramid) => pyramid.type)).size > 1) problems.add("type_infos.used_data : une configuration ne peut pas mélanger pyramides raster et vecteur.");
  return pyramids;
}

// title, abstract, keywords and bbox, common to both types.
function checkDescription(typeInfos: Record<string, unknown>, problems: Problems): void {
  checkText(typeInfos, "title", "type_infos", problems);
  checkText(typeInfos, "abstract", "type_infos", problems);
  checkKeywords(typeInfos.keywords, "type_infos.keywords", problems);
  checkBbox(typeInfos.bbox, "type_infos.bbox", problems);
}

/** WMTS-TMS: title, abstract, keywords?, bbox?, used_data[{bottom_level, top_level, stored_data}], getfeatureinfo?, styles? */
export const wmtsTmsTypeInfos: TypeInfosValidator = (ctx, datastore, typeInfos, problems) => {
  checkKeys(typeInfos, ["title", "abstract", "keywords", "bbox", "used_data", "getfeatureinfo", "styles"], "type_infos", problems);
  checkDescription(typeInfos, problems);
  const pyramids = checkPyramids(ctx, datastore, typeInfos, ["ROK4-PYRAMID-RASTER", "ROK4-PYRAMID-VECTOR"], "WMTS-TMS", problems);
  checkGetFeatureInfo(typeInfos.getfeatureinfo, "type_infos.getfeatureinfo", problems);
  if (typeInfos.styles !== undefined) {
    if (!Array.isArray(typeInfos.styles)) problems.add("type_infos.styles : liste d'identifiants de fichiers statiques ROK4-STYLE attendue.");
    else typeInfos.styles.forEach((id, i) => usedStatic(ctx, datastore, id, `type_infos.styles[${i}]`, "ROK4-STYLE", problems));
    if (pyramids.some((pyramid) => pyramid.type === "ROK4-PYRAMID-VECTOR")) problems.add("type_infos.styles : les styles ROK4 ne s'appliquent qu'aux pyramides raster.");
  }
  return cloneJson(typeInfos as JsonObject);
};

/** WMS-RASTER: title, abstract, keywords?, bbox?, interpolation?, used_data[{bottom_level, top_level, stored_data (raster pyramid)}], getfeatureinfo? */
export const wmsRasterTypeInfos: TypeInfosValidator = (ctx, datastore, typeInfos, problems) => {
  checkKeys(typeInfos, ["title", "abstract", "keywords", "bbox", "used_data", "getfeatureinfo", "interpolation", "bottom_resolution", "top_resolution"], "type_infos", problems);
  checkDescription(typeInfos, problems);
  if (typeInfos.interpolation !== undefined && !INTERPOLATIONS.includes(typeInfos.interpolation as string)) {
    problems.add(`type_infos.interpolation : ${JSON.stringify(typeInfos.interpolation)} inconnue (valeurs possibles : ${INTERPOLATIONS.join(", ")}).`);
  }
  for (const key of ["bottom_resolution", "top_resolution"]) {
    const value = typeInfos[key];
    if (value !== undefined && !(typeof value === "number" && value > 0)) problems.add(`type_infos.${key} : nombre positif attendu (mètres par pixel).`);
  }
  checkPyramids(ctx, datastore, typeInfos, ["ROK4-PYRAMID-RASTER"], "WMS-RASTER", problems);
  checkGetFeatureInfo(typeInfos.getfeatureinfo, "type_infos.getfeatureinfo", problems);
  const result = cloneJson(typeInfos as JsonObject);
  result.interpolation ??= "BICUBIC";
  return result;
};
