// RowQuery conditions and sort orders as SQL for SqliteSource, with the semantics of core/row-query.ts: paths
// become json_extract / json_each over the row's `json` column. Only the shape of the SQL depends on the query
// (which paths, which kinds of condition: paths are declared by resources and checked against PATH_KEY); every
// value a client gave (filter values, tag keys, patterns) is a bound parameter.
import type Database from "better-sqlite3";
import { assertPath, likeMatches } from "../core/row-query.ts";
import type { JsonPath, RowCondition, RowQuery } from "../core/source.ts";

/** Name of the SQL function that evaluates a `like` as row-query.ts does (registered by registerFunctions). */
const LIKE_FUNCTION = "entrepot_like";

/** Registers the functions the compiled SQL calls. */
export function registerFunctions(db: Database.Database): void {
  db.function(LIKE_FUNCTION, { deterministic: true }, (value: unknown, pattern: unknown) => (typeof pattern === "string" && likeMatches(value, pattern) ? 1 : 0));
}

/** A compiled part of a statement: its SQL and its parameters, in order. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

const jsonPath = (keys: readonly string[]): string => (keys.length === 0 ? "$" : `$.${keys.join(".")}`);

/** Numbers the json_each aliases of one statement (so that equal queries give equal SQL). */
type Aliases = { count: number };

// A test on every value a path reaches from `source` (a JSON text expression): `test(valueSql, typeSql)` gives the
// condition on one value, "*" segments become EXISTS over json_each.
function reaching(aliases: Aliases, source: string, path: JsonPath, test: (value: string, type: string) => SqlPart): SqlPart {
  const star = path.indexOf("*");
  if (star < 0) {
    const at = jsonPath(path);
    return test(`json_extract(${source}, '${at}')`, `json_type(${source}, '${at}')`);
  }
  const alias = `e${++aliases.count}`;
  const prefix = jsonPath(path.slice(0, star));
  const rest = path.slice(star + 1);
  // json_each gives a scalar element as an SQL value and an object or array as its JSON text.
  // A path goes on only into objects and arrays (json_extract would fail on a scalar's text).
  const inner = rest.length === 0 ? test(`${alias}.value`, `${alias}.type`) : reaching(aliases, `${alias}.value`, rest, test);
  const where = rest.length === 0 ? inner.sql : `CASE WHEN ${alias}.type IN ('object', 'array') THEN ${inner.sql} END`;
  return { sql: `EXISTS (SELECT 1 FROM json_each(${source}, '${prefix}') AS ${alias} WHERE ${where})`, params: inner.params };
}

const typeOf = (value: unknown): string => (typeof value === "number" ? (Number.isInteger(value) ? "('integer', 'real')" : "('real')") : "('text')");

// One condition as a strict boolean (0 or 1, never NULL), on the row's json column.
function condition(cond: RowCondition, aliases: Aliases): SqlPart {
  if ("not" in cond) {
    const inner = condition(cond.not, aliases);
    return { sql: `NOT (${inner.sql})`, params: inner.params };
  }
  assertPath(cond.path);
  let part: SqlPart;
  if ("equals" in cond) {
    part = reaching(aliases, "rows.json", cond.path, (value, type) => ({ sql: `(${type} IN ${typeOf(cond.equals)} AND ${value} = ?)`, params: [cond.equals] }));
  } else if ("in" in cond) {
    const values = cond.in;
    part = reaching(aliases, "rows.json", cond.path, (value, type) => {
      if (values.length === 0) return { sql: "0", params: [] };
      const texts = values.filter((item) => typeof item === "string");
      const numbers = values.filter((item) => typeof item === "number");
      const tests = [];
      if (texts.length > 0) tests.push(`(${type} = 'text' AND ${value} IN (${texts.map(() => "?").join(", ")}))`);
      if (numbers.length > 0) tests.push(`(${type} IN ('integer', 'real') AND ${value} IN (${numbers.map(() => "?").join(", ")}))`);
      return { sql: `(${tests.join(" OR ")})`, params: [...texts, ...numbers] };
    });
  } else if ("like" in cond) {
    part = reaching(aliases, "rows.json", cond.path, (value, type) => ({ sql: `(${type} = 'text' AND ${LIKE_FUNCTION}(${value}, ?))`, params: [cond.like] }));
  } else {
    const { key, value: wanted } = cond.entry;
    part = reaching(aliases, "rows.json", cond.path, (value, type) => ({
      sql: `(${type} = 'object' AND EXISTS (SELECT 1 FROM json_each(${value}) AS t WHERE t.key = ? AND t.type = 'text' AND t.value = ?))`,
      params: [key, wanted],
    }));
  }
  return { sql: `coalesce(${part.sql}, 0)`, params: part.params };
}

/** The WHERE conditions on a row's JSON (none when `where` is empty); a row whose JSON is invalid matches (its
 * reader reports it). */
export function whereSql(where: RowQuery["where"]): SqlPart | undefined {
  if (!where || where.length === 0) return undefined;
  const aliases: Aliases = { count: 0 };
  const parts = where.map((cond) => condition(cond, aliases));
  return { sql: `CASE WHEN json_valid(rows.json) THEN (${parts.map((part) => part.sql).join(" AND ")}) ELSE 1 END`, params: parts.flatMap((part) => part.params) };
}

/** The ORDER BY of a query: by the sorted value (null first), then insertion order. */
export function orderSql(sort: RowQuery["sort"]): string {
  if (!sort) return "seq";
  assertPath(sort.path, false);
  const value = `CASE WHEN json_valid(rows.json) THEN json_extract(rows.json, '${jsonPath(sort.path)}') END`;
  return `${value} ${sort.direction === "desc" ? "DESC" : "ASC"}, seq`;
}
