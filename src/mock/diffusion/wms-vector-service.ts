// The simulated WMS-Vecteur 1.3.0 service (GeoServer) over the PUBLISHED WMS-VECTOR offerings:
// GetCapabilities, GetMap (PNG or JPEG drawn from the tables with their SLD styles), GetFeatureInfo (JSON,
// HTML from the FTL templates, plain text) and GetLegendGraphic. Every refusal is a 400 ServiceExceptionReport.
import type { DiffusionHandler } from "./ogc.ts";
import { list, param, UNSUPPORTED, wmsError } from "./ogc.ts";
import type { WmsRequest } from "./wms-common.ts";
import { wmsRequest } from "./wms-common.ts";
import type { Store } from "../core/store.ts";
import { FormatError } from "../formats/errors.ts";
import { blankImage, encodeImage, imageResponse } from "./image.ts";
import type { DrawnRelation } from "./wms-vector-layers.ts";
import { drawnRelations, LayerProblem } from "./wms-vector-layers.ts";
import { imageFormat, invalid, mapParams, MAX_SIZE, missing, versionOf } from "./wms-vector-params.ts";
import { drawLayers } from "./render/draw.ts";
import { featureInfoHtml, featureInfoJson, featureInfoText, featuresAt } from "./render/feature-info.ts";
import { legendImage, legendRules } from "./render/legend.ts";

/** INFO_FORMAT values GetFeatureInfo answers. */
export const INFO_FORMATS = ["application/json", "text/html", "text/plain"] as const;

// The relations of the asked layers, topmost first (the last layer of LAYERS is drawn on top).
async function relationsOf(store: Store, checked: WmsRequest): Promise<DrawnRelation[] | Response> {
  try {
    const perLayer = await Promise.all(checked.layers.map((layer) => drawnRelations(store, layer)));
    return perLayer.reverse().flat();
  } catch (error) {
    if (error instanceof LayerProblem) return wmsError(400, "NoApplicableCode", `La couche ne peut pas être servie : ${error.message}.`);
    throw error;
  }
}

// GetMap: the image of the layers.
async function getMap(store: Store, url: URL, checked: WmsRequest): Promise<Response> {
  if (checked.layers.length === 0) return missing("LAYERS", checked.published[0]?.configuration.layer_name ?? "ma_couche");
  const params = mapParams(url, checked.layers.length);
  if (params instanceof Response) return params;
  const relations = await relationsOf(store, checked);
  if (relations instanceof Response) return relations;
  const image = blankImage(params.frame.width, params.frame.height, params.background);
  await drawLayers(image, params.frame, relations);
  return imageResponse(await encodeImage(image, params.format), params.format);
}

// A text answer of GetFeatureInfo.
const textResponse = (body: string, type: string): Response =>
  new Response(body, { headers: { "Content-Type": `${type}; charset=UTF-8`, "Access-Control-Allow-Origin": "*" } });

// GetFeatureInfo: the features under pixel I, J (X, Y in 1.1.1) of the map described by the GetMap parameters.
async function getFeatureInfo(store: Store, url: URL, checked: WmsRequest): Promise<Response> {
  if (checked.layers.length === 0) return missing("LAYERS", checked.published[0]?.configuration.layer_name ?? "ma_couche");
  const params = mapParams(url, checked.layers.length, false);
  if (params instanceof Response) return params;
  const queryNames = list(param(url, "query_layers"));
  if (queryNames.length === 0) return missing("QUERY_LAYERS", checked.layers[0]!.configuration.layer_name);
  const outside = queryNames.filter((name) => !checked.layers.some((layer) => layer.configuration.layer_name === name));
  if (outside.length > 0) return wmsError(400, "LayerNotDefined", `QUERY_LAYERS nomme ${outside.join(", ")}, absent(s) de LAYERS.`);
  const queried = checked.layers.filter((layer, index, all) => queryNames.includes(layer.configuration.layer_name) && all.indexOf(layer) === index);
  const silent = queried.filter((layer) => !JSON.stringify(layer.configuration.type_infos.used_data ?? []).includes('"ftl"'));
  if (silent.length > 0) return wmsError(400, "LayerNotQueryable", `La couche ${silent.map((l) => l.configuration.layer_name).join(", ")} n'est pas interrogeable : aucune de ses tables n'a de gabarit FTL.`);
  const infoFormat = (param(url, "info_format") ?? "text/html").trim().toLowerCase().split(";")[0]!;
  if (!(INFO_FORMATS as readonly string[]).includes(infoFormat)) return wmsError(400, "InvalidFormat", `INFO_FORMAT « ${param(url, "info_format")} » non pris en charge : ${INFO_FORMATS.join(", ")}.`);
  const [iName, jName] = params.version === "1.1.1" ? ["X", "Y"] : ["I", "J"];
  const [i, j] = [param(url, iName), param(url, jName)];
  if (i === null || j === null) return missing(i === null ? iName : jName, "128");
  const [x, y] = [Number(i), Number(j)];
  if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= params.frame.width || y >= params.frame.height) {
    return wmsError(400, "InvalidPoint", `Point ${iName}=${i}, ${jName}=${j} invalide : des pixels entiers dans l'image (0 à ${params.frame.width - 1}, 0 à ${params.frame.height - 1}) sont attendus.`);
  }
  const countValue = param(url, "feature_count") ?? "1";
  const count = Number(countValue);
  if (!Number.isInteger(count) || count < 1) return invalid(`FEATURE_COUNT « ${countValue} » invalide : un nombre entier positif est attendu.`);
  const relations = await relationsOf(store, { ...checked, layers: queried });
  if (relations instanceof Response) return relations;
  const found = featuresAt(params.frame, relations, x, y, count);
  if (infoFormat === "application/json") return textResponse(JSON.stringify(featureInfoJson(found, params.frame.crs, store.now())), "application/json");
  try {
    return infoFormat === "text/html" ? textResponse(featureInfoHtml(found), "text/html") : textResponse(featureInfoText(found), "text/plain");
  } catch (error) {
    if (error instanceof FormatError) return wmsError(400, "NoApplicableCode", `Le gabarit FTL ne peut pas être appliqué : ${error.message}.`);
    throw error;
  }
}

// GetLegendGraphic: a swatch per rule of the layer's styles (one layer: LAYER).
async function getLegendGraphic(store: Store, url: URL, checked: WmsRequest): Promise<Response> {
  const [layer, ...others] = checked.layers;
  if (!layer) return missing("LAYER", checked.published[0]?.configuration.layer_name ?? "ma_couche");
  if (others.length > 0) return invalid("GetLegendGraphic dessine la légende d'une seule couche (paramètre LAYER).");
  const format = imageFormat(url);
  if (format instanceof Response) return format;
  const style = param(url, "style");
  if (style !== null && style.trim() !== "" && style.trim().toLowerCase() !== "default") {
    return wmsError(400, "StyleNotDefined", `Style « ${style} » inconnu : la couche n'a que son style « default », celui de sa configuration.`);
  }
  const sizes: number[] = [];
  for (const name of ["width", "height"]) {
    const value = param(url, name) ?? "20";
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > MAX_SIZE) return invalid(`${name.toUpperCase()} « ${value} » invalide : un nombre entier de pixels entre 1 et ${MAX_SIZE} est attendu.`);
    sizes.push(n);
  }
  const relations = await relationsOf(store, { ...checked, layers: [layer] });
  if (relations instanceof Response) return relations;
  const ruleName = param(url, "rule") ?? undefined;
  const rules = legendRules(relations.map((r) => r.style), ruleName);
  if (ruleName !== undefined && rules.length === 0) return invalid(`Aucune règle « ${ruleName} » dans les styles de la couche ${layer.configuration.layer_name}.`);
  if (sizes[1]! * Math.max(1, rules.length) > MAX_SIZE) return invalid(`Légende trop haute : ${rules.length} règles de ${sizes[1]} pixels dépassent ${MAX_SIZE} pixels.`);
  const transparent = (param(url, "transparent") ?? "").toLowerCase() === "true" && format === "image/png";
  const image = legendImage(rules, sizes[0]!, sizes[1]!, transparent ? [255, 255, 255, 0] : [255, 255, 255, 255]);
  return imageResponse(await encodeImage(image, format), format);
}

/** Handler of the WMS-Vecteur root of one visibility. */
export function wmsVectorService(open: boolean, root: string): DiffusionHandler {
  return async (input) => {
    const checked = wmsRequest(input, open, root, "WMS-VECTOR", "Service WMS vecteur de la Géoplateforme (simulation)");
    if (checked instanceof Response) return checked;
    const version = versionOf(input.url);
    const given = param(input.url, "version");
    if (given && !["1.3.0", "1.1.1", "1.1.0"].includes(given)) return invalid(`Version ${given} non prise en charge : 1.3.0 (ou 1.1.1).`);
    const request = checked.request.toLowerCase();
    if (request === "getmap") return getMap(input.store, input.url, checked);
    if (request === "getfeatureinfo") return getFeatureInfo(input.store, input.url, checked);
    if (request === "getlegendgraphic") return getLegendGraphic(input.store, input.url, checked);
    return wmsError(501, "OperationNotSupported", `Opération ${checked.request} (WMS ${version}) : ${UNSUPPORTED}.`);
  };
}
