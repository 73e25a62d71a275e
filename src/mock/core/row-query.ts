// Conditions and sort orders on the JSON of stored rows, known to no resource: what a list may ask a source for
// (RowQuery.where / RowQuery.sort), and their evaluation on a parsed record (the memory source's, and the
// reference the SQLite source's SQL must agree with).
//
// Semantics, shared by every source:
// - a path is a list of object keys; "*" stands for every element of an array (every value of an object, the
//   value itself for a scalar: json_each's rule), and the condition holds when it holds for one of them;
// - `equals` and `in` compare strings and numbers, of the same JSON type only;
// - `like` matches a whole string, `%` standing for any run of characters, case-insensitive (no other wildcard);
// - `entry` holds when the object at the path has the key with that string value (tags[key]=value: the key comes
//   from the client and never becomes a path);
// - a missing value satisfies no condition (so `not` of one holds);
// - a row whose JSON cannot be parsed satisfies every query (and sorts first), so that its reader reports it.
// - sort: by the value at the path, null and missing first, then numbers, then strings (code point order); ties
//   keep the insertion order; `desc` reverses the values' order, not the ties'.

/** A path into a record's JSON: object keys, and "*" for every element. */
export type JsonPath = readonly string[];

/** A value conditions compare with. */
export type RowValue = string | number;

/** A condition on a record's JSON. */
export type RowCondition =
  | { path: JsonPath; equals: RowValue }
  | { path: JsonPath; in: readonly RowValue[] }
  | { path: JsonPath; like: string }
  | { path: JsonPath; entry: { key: string; value: string } }
  | { not: RowCondition };

/** A sort order of a list. */
export interface RowSort {
  path: JsonPath;
  direction: "asc" | "desc";
}

/** The keys a path segment may be made of (paths are declared by resources, never taken from a request). */
export const PATH_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Throws unless every segment of the path is a plain key or "*" (`sort` paths: no "*"). */
export function assertPath(path: JsonPath, allowEvery = true): void {
  if (path.length === 0 || !path.every((key) => PATH_KEY.test(key) || (allowEvery && key === "*"))) throw new Error(`Chemin JSON invalide : ${JSON.stringify(path)}`);
}

// Folding applied to both sides of a `like`.
const fold = (text: string): string => text.normalize("NFC").toLowerCase();

const PATTERNS = new Map<string, RegExp>();

/** Whether `value` is a string matching the `like` pattern (`%` any run of characters, case-insensitive). */
export function likeMatches(value: unknown, pattern: string): boolean {
  if (typeof value !== "string") return false;
  let regex = PATTERNS.get(pattern);
  if (!regex) {
    const source = fold(pattern).split("%").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[\\s\\S]*");
    regex = new RegExp(`^${source}$`, "u");
    if (PATTERNS.size >= 256) PATTERNS.clear();
    PATTERNS.set(pattern, regex);
  }
  return regex.test(fold(value));
}

// The values a path reaches (json_each's rule for "*"); none when it leads nowhere.
function reach(value: unknown, path: JsonPath, from = 0): unknown[] {
  if (from === path.length) return value === undefined ? [] : [value];
  const key = path[from]!;
  if (key === "*") {
    const items = Array.isArray(value) ? value : typeof value === "object" && value !== null ? Object.values(value) : value === undefined ? [] : [value];
    return items.flatMap((item) => reach(item, path, from + 1));
  }
  if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return [];
  return reach((value as Record<string, unknown>)[key], path, from + 1);
}

const same = (a: unknown, b: RowValue): boolean => a === b && (typeof a === "string" || typeof a === "number");

/** Whether a parsed record satisfies the condition. */
export function satisfies(record: unknown, condition: RowCondition): boolean {
  if ("not" in condition) return !satisfies(record, condition.not);
  const values = reach(record, condition.path);
  if ("equals" in condition) return values.some((value) => same(value, condition.equals));
  if ("in" in condition) return values.some((value) => condition.in.some((wanted) => same(value, wanted)));
  if ("like" in condition) return values.some((value) => likeMatches(value, condition.like));
  const { key, value: wanted } = condition.entry;
  return values.some((value) => typeof value === "object" && value !== null && !Array.isArray(value) && Object.hasOwn(value, key) && (value as Record<string, unknown>)[key] === wanted);
}

/** Whether a parsed record satisfies every condition (undefined, a row that could not be parsed: always). */
export function matchesAll(record: unknown, where: readonly RowCondition[] | undefined): boolean {
  if (!where || where.length === 0 || record === undefined) return true;
  return where.every((condition) => satisfies(record, condition));
}

/** The value a record is sorted by: null, a number or a string (objects and arrays as their JSON text). */
export function sortValue(record: unknown, path: JsonPath): null | number | string {
  const [value] = reach(record, path);
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number" || typeof value === "string") return value;
  return JSON.stringify(value);
}

// Strings in code point order (SQLite's BINARY collation on UTF-8), not UTF-16 unit order.
function compareText(a: string, b: string): number {
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(j)!;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return Math.sign([...a].length - [...b].length);
}

/** Compares two sort values: null first, then numbers, then strings. */
export function compareSortValues(a: null | number | string, b: null | number | string): number {
  const rank = (value: null | number | string): number => (value === null ? 0 : typeof value === "number" ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === "number" && typeof b === "number") return a === b ? 0 : a < b ? -1 : 1;
  if (typeof a === "string" && typeof b === "string") return compareText(a, b);
  return 0;
}
