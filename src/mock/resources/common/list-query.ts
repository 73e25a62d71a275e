// What a list route accepts besides page/limit (../shared/reference/entrepot-api-more.md §9): each resource
// declares its filters (query parameter → path of its records, exact, `%` pattern or enum), its sort keys, the
// fields `fields=` may ask for and what is hidden unless asked for (DELETED records); listQuery() turns a
// request's query string into conditions the source evaluates, or a 400 listing every invalid parameter.
import * as z from "zod/mini";
import type { Context } from "../../core/context.ts";
import { Problems } from "../../core/errors.ts";
import { parseInto } from "../../core/schema.ts";
import type { JsonPath, RowCondition, RowSort } from "../../core/source.ts";

/** One filter of a list: how the value of its query parameter becomes a condition. */
export type ListFilter =
  /** The value at `path` equals the parameter. */
  | { path: JsonPath; match: "exact" }
  /** The value at `path` matches the parameter, `%` for any run of characters, case-insensitive. */
  | { path: JsonPath; match: "like" }
  /** The parameter is one of `values` (400 otherwise) and equals the value at `path`. */
  | { path: JsonPath; values: readonly string[] }
  /** A condition computed from other records (e.g. offerings whose configuration uses a stored data). */
  | { resolve: (ctx: Context, datastore: string, value: string) => RowCondition; values?: readonly string[] };

/** What a list route accepts. */
export interface ListSpec {
  /** Filters by query parameter name. */
  filters?: Readonly<Record<string, ListFilter>>;
  /** Path of the records' tags: `tags[<key>]=<value>` keeps the records having that tag. */
  tags?: JsonPath;
  /** Sort keys (`sort=<key>,<asc|desc>`) and the paths they sort by. */
  sort?: Readonly<Record<string, JsonPath>>;
  /** Keys `fields=` may ask for (`_id` is always returned); others are ignored (the SDK asks stored data for
   * `visibility`, which the API renamed `open`, and gets its answer). */
  fields?: readonly string[];
  /** The collection's hidden records (its `hidden`: e.g. DELETED) are left out unless this query parameter is given. */
  hidden?: { unless: string };
}

/** A request's list query: conditions (some computed in the operation), sort order and asked fields. */
export interface ParsedListQuery {
  /** Conditions given by the request. */
  where: RowCondition[];
  /** Conditions computed from other records, inside the operation. */
  computed: (ctx: Context, datastore: string) => RowCondition[];
  sort?: RowSort;
  /** Keys to return (with `_id`), when `fields=` was given. */
  fields?: string[];
  /** Only the records lists show by default (the hidden ones were not asked for). */
  visible: boolean;
}

// Problems of query parameters: each message names the parameter.
class QueryProblems extends Problems {
  override add(message: string): void {
    super.add(message.replace(/^(\S+) : /, "Paramètre de requête « $1 » : "));
  }
}

// The zod schema of the parameters a spec accepts (any other parameter is ignored, as the API does).
function schemaOf(spec: ListSpec) {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const [name, filter] of Object.entries(spec.filters ?? {})) {
    const values = "values" in filter ? filter.values : undefined;
    shape[name] = z.optional(values ? z.enum(values as [string, ...string[]]) : z.string());
  }
  const sortKeys = Object.keys(spec.sort ?? {});
  if (sortKeys.length > 0) shape["sort"] = z.optional(z.enum(sortKeys.flatMap((key) => [key, `${key},asc`, `${key},desc`]) as [string, ...string[]]));
  return z.object(shape);
}

const SCHEMAS = new WeakMap<ListSpec, ReturnType<typeof schemaOf>>();

/** The list query of a request (400 listing every invalid filter or sort order). */
export function listQuery(spec: ListSpec, url: URL): ParsedListQuery {
  let schema = SCHEMAS.get(spec);
  if (!schema) SCHEMAS.set(spec, (schema = schemaOf(spec)));
  const params = url.searchParams;
  const given: Record<string, unknown> = {};
  for (const name of Object.keys(spec.filters ?? {})) {
    const value = params.get(name);
    if (value !== null && value !== "") given[name] = value;
  }
  const sort = params.get("sort");
  if (sort !== null && sort !== "" && spec.sort) given["sort"] = sort.replace(/\s+/g, "");
  const problems = new QueryProblems();
  parseInto(schema, given, problems).valid();

  const fixed: RowCondition[] = [];
  const computed: ((ctx: Context, datastore: string) => RowCondition)[] = [];
  for (const [name, filter] of Object.entries(spec.filters ?? {})) {
    const value = given[name];
    if (typeof value !== "string") continue;
    if ("resolve" in filter) computed.push((ctx, datastore) => filter.resolve(ctx, datastore, value));
    else if ("match" in filter && filter.match === "like") fixed.push({ path: filter.path, like: value });
    else fixed.push({ path: filter.path, equals: value });
  }
  if (spec.tags) {
    for (const [name, value] of params) {
      const key = /^tags\[(.+)\]$/.exec(name)?.[1];
      if (key !== undefined) fixed.push({ path: spec.tags, entry: { key, value } });
    }
  }
  const visible = spec.hidden !== undefined && given[spec.hidden.unless] === undefined;
  const parsed: ParsedListQuery = { where: fixed, computed: (ctx, datastore) => computed.map((resolve) => resolve(ctx, datastore)), visible };
  if (typeof given["sort"] === "string") {
    const [key = "", direction] = given["sort"].split(",");
    parsed.sort = { path: spec.sort![key]!, direction: direction === "desc" ? "desc" : "asc" };
  }
  // `fields=a,b` and `fields=a&fields=b` (QGIS, the SDK) alike.
  const fields = params.getAll("fields").flatMap((value) => value.split(",")).map((value) => value.trim());
  if (fields.some((value) => value !== "")) parsed.fields = fields.filter((value) => spec.fields?.includes(value));
  return parsed;
}

/** The item with only `_id` and the asked fields (all of it when none were asked). */
export function pickFields<T extends Record<string, unknown>>(item: T, fields: readonly string[] | undefined): Partial<T> {
  if (!fields) return item;
  const out: Record<string, unknown> = {};
  for (const key of ["_id", ...fields]) if (Object.hasOwn(item, key)) out[key] = item[key];
  return out as Partial<T>;
}

/** Hidden (DELETED) records left out unless `status` is given. */
export const HIDE_DELETED: ListSpec["hidden"] = { unless: "status" };

/** Sort keys of every record with creation, update and last event dates. */
export const DATED_SORT: Readonly<Record<string, JsonPath>> = { creation: ["creation"], update: ["update"], last_event: ["lastEvent", "date"] };
