// Filters of WFS GetFeature: the expression tree both CQL_FILTER (GeoServer's ECQL, a simple subset) and
// FES 2.0 FILTER (wfs-fes.ts) are read into, and its evaluation on a feature of a table (WGS 84 geometry).
import { geometryEnvelope } from "../formats/geometry.ts";
import type { Envelope } from "../formats/wkb.ts";
import type { Feature } from "./vector-data.ts";
import { WfsError } from "./wfs-crs.ts";

/** A literal of a filter. */
export type Literal = string | number | boolean;

/** A filter expression. */
export type Filter =
  | { op: "and" | "or"; items: Filter[] }
  | { op: "not"; item: Filter }
  | { op: "compare"; property: string; operator: "=" | "<>" | "<" | ">" | "<=" | ">="; value: Literal; matchCase?: boolean }
  | { op: "like"; property: string; pattern: RegExp }
  | { op: "in"; property: string; values: Literal[] }
  | { op: "null"; property: string }
  | { op: "between"; property: string; low: Literal; high: Literal }
  | { op: "bbox"; box: Envelope }
  | { op: "ids"; ids: string[] }
  | { op: "include" | "exclude" };

/** A filter error: an InvalidParameterValue on `filter` (or `cql_filter`) with a French message. */
export const filterError = (locator: string, message: string): WfsError => new WfsError("InvalidParameterValue", locator, `Filtre invalide : ${message}`);

/** A LIKE pattern (wildcard, single character and escape characters) as a regular expression. */
export function likePattern(pattern: string, wild = "%", single = "_", escape = "\\", matchCase = true): RegExp {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === escape && i + 1 < pattern.length) out += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (c === wild) out += ".*";
    else if (c === single) out += ".";
    else out += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`, matchCase ? "s" : "is");
}

/** Every property name a filter reads. */
export function filterProperties(filter: Filter): string[] {
  if (filter.op === "and" || filter.op === "or") return filter.items.flatMap(filterProperties);
  if (filter.op === "not") return filterProperties(filter.item);
  return "property" in filter ? [filter.property] : [];
}

// Compares a value with a literal: numerically when both read as numbers, else as text.
function compare(value: unknown, literal: Literal, matchCase = true): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "boolean" || typeof literal === "boolean") return String(value) === String(literal) ? 0 : 1;
  const [a, b] = [Number(value), Number(literal)];
  if (typeof value === "number" || typeof literal === "number") {
    if (Number.isFinite(a) && Number.isFinite(b) && String(literal).trim() !== "") return a - b;
  }
  const [x, y] = matchCase ? [String(value), String(literal)] : [String(value).toLowerCase(), String(literal).toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
}

const overlaps = (a: Envelope, b: Envelope): boolean => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];

/** Whether a feature of table `table` passes the filter (its envelope for BBOX, as GeoServer's index does). */
export function matches(filter: Filter, feature: Feature, table: string): boolean {
  const value = (property: string): unknown => feature.properties[property];
  switch (filter.op) {
    case "and": return filter.items.every((item) => matches(item, feature, table));
    case "or": return filter.items.some((item) => matches(item, feature, table));
    case "not": return !matches(filter.item, feature, table);
    case "include": return true;
    case "exclude": return false;
    case "null": return value(filter.property) === null || value(filter.property) === undefined;
    case "ids": return filter.ids.includes(`${table}.${feature.id}`);
    case "like": {
      const v = value(filter.property);
      return v !== null && v !== undefined && filter.pattern.test(String(v));
    }
    case "in": return filter.values.some((literal) => compare(value(filter.property), literal) === 0);
    case "between": {
      const [low, high] = [compare(value(filter.property), filter.low), compare(value(filter.property), filter.high)];
      return low !== undefined && high !== undefined && low >= 0 && high <= 0;
    }
    case "bbox": {
      const envelope = feature.geometry ? geometryEnvelope(feature.geometry) : undefined;
      return envelope !== undefined && overlaps(envelope, filter.box);
    }
    case "compare": {
      const result = compare(value(filter.property), filter.value, filter.matchCase ?? true);
      if (result === undefined) return false;
      return { "=": result === 0, "<>": result !== 0, "<": result < 0, ">": result > 0, "<=": result <= 0, ">=": result >= 0 }[filter.operator];
    }
  }
}
