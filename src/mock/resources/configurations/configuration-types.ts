// type_infos per configuration type: DOWNLOAD here, WFS, WMS-VECTOR and VECTOR-TMS in config-vector.ts, WMTS-TMS
// and WMS-RASTER in config-tiles.ts, ALTIMETRY in config-altimetry.ts (schemas in schemas.ts); the other types answer a clear 400 (not simulated).
import type { TypeInfosRule } from "./config-common.ts";
import { repeated, typeInfosRule, usedStoredData } from "./config-common.ts";
import { WMS_RASTER_RULE, WMTS_TMS_RULE } from "./config-tiles.ts";
import { ALTIMETRY_RULE } from "./config-altimetry.ts";
import { SEARCH_RULE } from "./config-search.ts";
import { VECTOR_TMS_RULE, WFS_RULE, WMS_VECTOR_RULE } from "./config-vector.ts";
import { DOWNLOAD_INFOS } from "./schemas.ts";
import type { ConfigurationType } from "./records.ts";

/** DOWNLOAD: ARCHIVE stored data, each under a sub-name used once. */
const DOWNLOAD_RULE: TypeInfosRule = typeInfosRule(DOWNLOAD_INFOS, (ctx, datastore, typeInfos, problems) => {
  typeInfos.used_data?.forEach((item, index) => {
    if (item) usedStoredData(ctx, datastore, item.stored_data, `type_infos.used_data[${index}].stored_data`, ["ARCHIVE"], "DOWNLOAD", problems);
  });
  for (const name of repeated(typeInfos.used_data?.map((item) => item?.sub_name) ?? [])) {
    problems.add(`type_infos.used_data : le sous-nom « ${name} » est utilisé plusieurs fois ; chaque sub_name doit être unique dans la configuration.`);
  }
});

/** The rule of each configuration type; undefined for the types the simulation does not handle. */
export const TYPE_INFOS_RULES: Record<ConfigurationType, TypeInfosRule | undefined> = {
  DOWNLOAD: DOWNLOAD_RULE,
  WFS: WFS_RULE,
  "WMS-VECTOR": WMS_VECTOR_RULE,
  "WMTS-TMS": WMTS_TMS_RULE,
  "WMS-RASTER": WMS_RASTER_RULE,
  "VECTOR-TMS": VECTOR_TMS_RULE,
  "ITINERARY-ISOCURVE": undefined,
  ALTIMETRY: ALTIMETRY_RULE,
  SEARCH: SEARCH_RULE,
};
