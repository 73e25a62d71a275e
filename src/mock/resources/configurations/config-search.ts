// type_infos of SEARCH configurations (a custom search index), after their schema: each used_data names a
// GENERATED INDEX stored data (index2index's output), all with the same fields.
import type { TypeInfosRule } from "./config-common.ts";
import { checkBboxOrder, typeInfosRule, usedStoredData } from "./config-common.ts";
import { SEARCH_INFOS } from "./schemas.ts";

/** SEARCH: INDEX stored data sharing their fields. */
export const SEARCH_RULE: TypeInfosRule = typeInfosRule(SEARCH_INFOS, (ctx, datastore, typeInfos, problems) => {
  checkBboxOrder(typeInfos.bbox, "type_infos.bbox", problems);
  let fields: string | undefined;
  typeInfos.used_data?.forEach((item, index) => {
    const index_ = usedStoredData(ctx, datastore, item?.stored_data, `type_infos.used_data[${index}].stored_data`, ["INDEX"], "SEARCH", problems);
    if (!index_) return;
    const these = JSON.stringify(index_.index?.fields ?? {});
    if (fields !== undefined && these !== fields) problems.add(`type_infos.used_data[${index}].stored_data : l'index « ${index_.name} » n'a pas les mêmes champs que le premier.`);
    fields ??= these;
  });
});
