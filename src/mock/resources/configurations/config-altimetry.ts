// type_infos of ALTIMETRY configurations (the altimetry service's resources), after their schema: each used_data
// names a GENERATED one-channel ROK4-PYRAMID-RASTER (the elevations); a source or accuracy given by `mapping`
// names a one-channel integer pyramid whose pixel values are the mapping's keys.
import type { TypeInfosRule } from "./config-common.ts";
import { checkBboxOrder, typeInfosRule, usedStoredData } from "./config-common.ts";
import { ALTIMETRY_INFOS } from "./schemas.ts";
import type { Context } from "../../core/context.ts";
import type { Problems } from "../../core/errors.ts";

type Info = { value?: string; mapping?: Record<string, string | undefined>; stored_data?: string } | undefined;

// A mapping pyramid: one integer channel, keys that are integers.
function checkMapping(ctx: Context, datastore: string, info: Info, path: string, problems: Problems): void {
  if (!info?.mapping) return;
  const pyramid = usedStoredData(ctx, datastore, info.stored_data, `${path}.stored_data`, ["ROK4-PYRAMID-RASTER"], "ALTIMETRY", problems);
  if (pyramid && (pyramid.type_infos.channels_number !== 1 || !String(pyramid.type_infos.channels_format ?? "").startsWith("UINT"))) {
    problems.add(`${path}.stored_data : la pyramide « ${pyramid.name} » doit avoir un seul canal entier (UINT8 ou UINT16) dont les valeurs sont les clés de « mapping » (elle a ${String(pyramid.type_infos.channels_number)} canal(aux) ${String(pyramid.type_infos.channels_format)}).`);
  }
  const bad = Object.keys(info.mapping).filter((key) => !/^\d+$/.test(key));
  if (bad.length > 0) problems.add(`${path}.mapping : les clés sont des valeurs de pixel entières (reçu : ${bad.map((key) => `« ${key} »`).join(", ")}).`);
}

/** ALTIMETRY: one-channel raster pyramids; mapping pyramids for sources and accuracies given per pixel. */
export const ALTIMETRY_RULE: TypeInfosRule = typeInfosRule(ALTIMETRY_INFOS, (ctx, datastore, typeInfos, problems) => {
  checkBboxOrder(typeInfos.bbox, "type_infos.bbox", problems);
  typeInfos.used_data?.forEach((item, index) => {
    const path = `type_infos.used_data[${index}]`;
    if (!item) return;
    checkBboxOrder(item.bbox, `${path}.bbox`, problems);
    const pyramid = usedStoredData(ctx, datastore, item.stored_data, `${path}.stored_data`, ["ROK4-PYRAMID-RASTER"], "ALTIMETRY", problems);
    if (pyramid && pyramid.type_infos.channels_number !== 1) {
      problems.add(`${path}.stored_data : une ressource altimétrique lit des altitudes sur un seul canal ; la pyramide « ${pyramid.name} » en a ${String(pyramid.type_infos.channels_number)}.`);
    }
    checkMapping(ctx, datastore, item.source as Info, `${path}.source`, problems);
    checkMapping(ctx, datastore, item.accuracy as Info, `${path}.accuracy`, problems);
  });
});
