// The query of a WFS GetFeature (KVP, 2.0.0 names and the 1.x ones GeoServer also reads): feature types,
// paging (COUNT / MAXFEATURES, STARTINDEX), BBOX, SRSNAME, PROPERTYNAME, RESULTTYPE, SORTBY, RESOURCEID,
// CQL_FILTER and FILTER, OUTPUTFORMAT; every invalid value is a WfsError naming the parameter.
import type { Envelope } from "../formats/wkb.ts";
import type { StoredDataRecord } from "../resources/stored-data/records.ts";
import { list, param } from "./ogc.ts";
import type { Crs } from "./wfs-crs.ts";
import { boxToWgs84, parseCrs, requireCrs, WfsError } from "./wfs-crs.ts";
import { parseCql } from "./wfs-cql.ts";
import { parseFes } from "./wfs-fes.ts";
import type { Filter } from "./wfs-filter.ts";
import { filterError, filterProperties } from "./wfs-filter.ts";

/** A published feature type with what serves it. */
export interface ServedType {
  /** `<layer_name>:<public name>`. */
  name: string;
  prefix: string;
  /** Public name (local part of the type name). */
  local: string;
  /** Relation of the stored data. */
  native: string;
  storedData: StoredDataRecord;
  /** The type's native CRS (its stored data's srs when the service converts it, else WGS 84). */
  crs: Crs;
}

/** What a GetFeature asks for. */
export interface FeatureQuery {
  version: string;
  types: ServedType[];
  format: "json" | "gml";
  hits: boolean;
  startIndex: number;
  count: number;
  /** Output CRS (the first type's native CRS when SRSNAME is absent). */
  crs: Crs;
  /** WGS 84 box of BBOX. */
  bbox?: Envelope;
  /** Per type: the properties asked for (undefined = all). */
  properties: (string[] | undefined)[];
  /** Per type: the filter (CQL_FILTER, FILTER or RESOURCEID). */
  filters: (Filter | undefined)[];
  sortBy: { property: string; descending: boolean }[];
}

/** Most features one GetFeature returns (the tutorial's "1 000"; beyond, clients page with COUNT and STARTINDEX). */
export const MAX_FEATURES = 1000;

// Accepted spellings, compared without case nor spaces.
const JSON_FORMATS = ["application/json", "json", "application/geo+json", "geojson", "application/json;subtype=geojson"];
const GML_FORMATS = ["application/gml+xml;version=3.2", "text/xml;subtype=gml/3.2", "gml32", "text/xml", "application/xml"];

/** The output format of a request (GML 3.2 by default, as GeoServer in WFS 2.0), or an InvalidParameterValue. */
export function outputFormat(url: URL): "json" | "gml" {
  const value = param(url, "outputFormat")?.trim();
  if (!value) return "gml";
  const compact = value.toLowerCase().replace(/\s+/g, "");
  if (JSON_FORMATS.includes(compact)) return "json";
  if (GML_FORMATS.includes(compact)) return "gml";
  throw new WfsError("InvalidParameterValue", "outputFormat", `Format de sortie « ${value} » non pris en charge par la simulation : utilisez application/json (GeoJSON) ou application/gml+xml; version=3.2.`);
}

// A non-negative integer parameter.
function integer(url: URL, name: string): number | undefined {
  const value = param(url, name);
  if (value === null || value.trim() === "") return undefined;
  if (!/^\d+$/.test(value.trim())) throw new WfsError("InvalidParameterValue", name, `${name.toUpperCase()} doit être un entier positif ou nul (reçu « ${value} »).`);
  return Number(value);
}

/** One value per type of a parameter that may be given per query as (…)(…): the same value for all otherwise. */
export function perType(value: string | null, count: number, locator: string, separator?: string): (string | undefined)[] {
  if (value === null || value.trim() === "") return Array.from({ length: count }, () => undefined);
  const text = value.trim();
  let parts: string[] = [text];
  if (text.startsWith("(") && text.endsWith(")") && /^\((?:[^()]|\([^()]*\))*\)(\((?:[^()]|\([^()]*\))*\))*$/.test(text)) parts = text.slice(1, -1).split(")(");
  else if (separator && count > 1 && text.includes(separator)) parts = text.split(separator);
  if (parts.length === 1) return Array.from({ length: count }, () => parts[0]);
  if (parts.length !== count) throw new WfsError("InvalidParameterValue", locator, `${locator.toUpperCase()} donne ${parts.length} valeurs pour ${count} type(s) d'objets demandés.`);
  return parts;
}

/** Reads the GetFeature parameters for the resolved types (`columns(i)` = attribute names of type i). */
export function featureQuery(url: URL, version: string, types: ServedType[], columns: (index: number) => string[]): FeatureQuery {
  const format = outputFormat(url);
  const resultType = (param(url, "resultType") ?? "results").toLowerCase();
  if (resultType !== "results" && resultType !== "hits") throw new WfsError("InvalidParameterValue", "resultType", `RESULTTYPE vaut « results » ou « hits » (reçu « ${param(url, "resultType")} »).`);
  const count = integer(url, "count") ?? integer(url, "maxFeatures");
  const srsName = param(url, "srsName");
  const crs = srsName ? requireCrs(srsName, version, "srsName") : types[0]!.crs;

  const valid = (index: number): string[] => [...columns(index), "geom"];
  const checkNames = (names: string[], index: number, locator: string, message: (unknown: string[]) => string): void => {
    const unknown = names.filter((name) => !valid(index).includes(name));
    if (unknown.length > 0) throw locator === "filter" || locator === "cql_filter" ? filterError(locator, message(unknown)) : new WfsError("InvalidParameterValue", locator, message(unknown));
  };
  const attributes = (index: number): string => `attributs de ${types[index]!.name} : ${valid(index).join(", ")}`;

  const properties = perType(param(url, "propertyName"), types.length, "propertyName").map((value, index) => {
    if (value === undefined || value.trim() === "*") return undefined;
    const names = list(value).map((name) => name.slice(name.indexOf(":") + 1));
    checkNames(names, index, "propertyName", (unknown) => `Attribut(s) inconnu(s) dans PROPERTYNAME : ${unknown.join(", ")} (${attributes(index)}).`);
    return names;
  });

  const bboxText = param(url, "bbox");
  const cql = param(url, "cql_filter");
  const fes = param(url, "filter");
  const resourceId = param(url, "resourceId") ?? param(url, "featureId");
  const given = [["BBOX", bboxText], ["CQL_FILTER", cql], ["FILTER", fes], ["RESOURCEID", resourceId]].filter(([, value]) => typeof value === "string" && value.trim() !== "").map(([name]) => name!);
  if (given.length > 1) throw new WfsError("InvalidParameterValue", given[1]!.toLowerCase(), `Les paramètres ${given.join(" et ")} s'excluent mutuellement : n'en donnez qu'un (un BBOX se combine à un filtre avec BBOX(geom, …) dans CQL_FILTER).`);

  let bbox: Envelope | undefined;
  if (bboxText) {
    const parts = bboxText.split(",").map((part) => part.trim());
    const numbers = parts.slice(0, 4).map(Number);
    if (parts.length < 4 || parts.length > 5 || numbers.some((n) => !Number.isFinite(n))) throw new WfsError("InvalidParameterValue", "bbox", `BBOX attend minx,miny,maxx,maxy[,crs] (reçu « ${bboxText} »).`);
    const boxCrs = parts[4] ? requireCrs(parts[4], version, "bbox") : crs;
    bbox = boxToWgs84(boxCrs, numbers as Envelope);
    if (bbox[0] > bbox[2] || bbox[1] > bbox[3]) throw new WfsError("InvalidParameterValue", "bbox", `BBOX « ${bboxText} » : le coin minimal dépasse le coin maximal${boxCrs.latFirst ? " (en EPSG:4326 et WFS 2.0, l'ordre est latitude, longitude)" : ""}.`);
  }

  const filters = types.map((): Filter | undefined => undefined);
  if (cql) perType(cql, types.length, "cql_filter", ";").forEach((text, index) => (filters[index] = text ? parseCql(text, types[index]!.crs, version) : undefined));
  if (fes) perType(fes, types.length, "filter").forEach((text, index) => (filters[index] = text ? parseFes(text, types[index]!.crs, version) : undefined));
  if (resourceId) filters.fill({ op: "ids", ids: list(resourceId) });
  filters.forEach((filter, index) => {
    if (!filter) return;
    const locator = cql ? "cql_filter" : "filter";
    checkNames(filterProperties(filter), index, locator, (unknown) => `attribut(s) inconnu(s) : ${unknown.join(", ")} (${attributes(index)}).`);
  });

  const sortBy = list(param(url, "sortBy")).map((item) => {
    const [name = "", direction = "ASC"] = item.split(/\s+|\+/).filter(Boolean);
    const property = name.slice(name.indexOf(":") + 1);
    if (!["ASC", "DESC", "A", "D"].includes(direction.toUpperCase())) throw new WfsError("InvalidParameterValue", "sortBy", `SORTBY : sens « ${direction} » inconnu (ASC ou DESC).`);
    types.forEach((_, index) => checkNames([property], index, "sortBy", (unknown) => `SORTBY : attribut inconnu ${unknown.join(", ")} (${attributes(index)}).`));
    return { property, descending: direction.toUpperCase().startsWith("D") };
  });

  return {
    version, types, format, hits: resultType === "hits", startIndex: integer(url, "startIndex") ?? 0,
    count: Math.min(count ?? MAX_FEATURES, MAX_FEATURES), crs, properties, filters, sortBy, ...(bbox ? { bbox } : {}),
  };
}

/** The native CRS of a stored data (WGS 84 when the service cannot convert its srs). */
export const nativeCrs = (srs: string | undefined, version: string): Crs => parseCrs(srs ?? "EPSG:4326", version) ?? parseCrs("EPSG:4326", version)!;
