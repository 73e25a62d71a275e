// A filter on a table's attributes written in CQL (`royaume='Paléarctique' AND population > 100000`): the VECTOR-TMS
// service's `?filter=` and the `filter` of a db_to_pyramid composition. Parsed by the WFS's CQL reader (wfs-cql.ts).
import { parseCql } from "./wfs-cql.ts";
import { parseCrs, WfsError } from "./wfs-crs.ts";
import type { Filter } from "./wfs-filter.ts";
import { filterProperties } from "./wfs-filter.ts";

/** The parsed filter, or what is wrong with it: a syntax error (French message) or attributes the table lacks. */
export type AttributeFilter = { filter: Filter } | { syntax: string } | { unknown: string[] };

/** The attributes a CQL filter reads (none when it does not parse). */
export function filterAttributes(text: string): string[] {
  const parsed = attributeFilter(text, []);
  return "unknown" in parsed ? parsed.unknown : [];
}

/** Parses a CQL filter against a table's column names. */
export function attributeFilter(text: string, columns: readonly string[]): AttributeFilter {
  let filter: Filter;
  try {
    filter = parseCql(text, parseCrs("CRS:84", "2.0.0")!, "2.0.0", "filter");
  } catch (error) {
    if (error instanceof WfsError) return { syntax: error.message };
    throw error;
  }
  const unknown = [...new Set(filterProperties(filter))].filter((name) => !columns.includes(name));
  return unknown.length > 0 ? { unknown } : { filter };
}
