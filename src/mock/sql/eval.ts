// Evaluation of expressions on one row, with PostgreSQL's three-valued logic (NULL propagates; WHERE keeps
// only true), numeric strings compared and computed as numbers, LIKE/ILIKE patterns, casts and a few functions.
import type { Expr, SqlValue } from "./ast.ts";
import { coerce, isInteger, isNumeric } from "./types.ts";

/** The columns an expression may read, and the row being evaluated. */
export interface Scope {
  /** Column name → value. */
  row: Record<string, SqlValue>;
  /** Names the columns may be qualified with (the table name and its alias). */
  qualifiers: string[];
  /** Column types, to divide integers as PostgreSQL does (truncating). */
  types?: Record<string, string>;
}

// Whether an expression has an integer type (integer / integer truncates in PostgreSQL).
function integerTyped(expr: Expr, scope: Scope): boolean {
  switch (expr.k) {
    case "lit": return typeof expr.v === "number" && !expr.decimal;
    case "col": return isInteger(scope.types?.[expr.name] ?? "");
    case "cast": return isInteger(expr.type);
    case "unary": return expr.op === "-" && integerTyped(expr.e, scope);
    case "bin": return ["+", "-", "*", "/", "%"].includes(expr.op) && integerTyped(expr.l, scope) && integerTyped(expr.r, scope);
    default: return false;
  }
}

// A number from a value (numeric strings included), else undefined.
function numeric(value: SqlValue): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  if (typeof value === "boolean") return undefined;
  return undefined;
}

/** Compares two non-null values (numbers as numbers when both are, texts otherwise): negative, 0 or positive. */
export function compare(a: Exclude<SqlValue, null>, b: Exclude<SqlValue, null>): number {
  if (typeof a === "object" || typeof b === "object") return JSON.stringify(a) === JSON.stringify(b) ? 0 : 1;
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined && y !== undefined && (typeof a === "number" || typeof b === "number")) return x - y;
  if (typeof a === "boolean" || typeof b === "boolean") return Number(a === true || a === "true") - Number(b === true || b === "true");
  return a < b ? -1 : a > b ? 1 : 0;
}

const text = (value: Exclude<SqlValue, null>): string => (typeof value === "object" ? JSON.stringify(value.geometry) : String(value));

function like(value: string, pattern: string, insensitive: boolean): boolean {
  const source = [...pattern].map((c) => (c === "%" ? ".*" : c === "_" ? "." : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("");
  return new RegExp(`^${source}$`, insensitive ? "is" : "s").test(value);
}

function arithmetic(op: string, l: SqlValue, r: SqlValue, integers = false): SqlValue {
  if (l === null || r === null) return null;
  if (op === "||") return text(l) + text(r);
  const x = numeric(l);
  const y = numeric(r);
  if (x === undefined || y === undefined) throw new Error(`opérateur ${op} impossible entre ${JSON.stringify(typeof l === "object" ? "géométrie" : l)} et ${JSON.stringify(typeof r === "object" ? "géométrie" : r)} (nombres attendus)`);
  if ((op === "/" || op === "%") && y === 0) throw new Error("division par zéro");
  switch (op) {
    case "+": return x + y;
    case "-": return x - y;
    case "*": return x * y;
    case "/": return integers ? Math.trunc(x / y) : x / y;
    default: return x % y;
  }
}

const FUNCTIONS: Record<string, (args: SqlValue[]) => SqlValue> = {
  upper: ([v]) => (v == null ? null : text(v).toUpperCase()),
  lower: ([v]) => (v == null ? null : text(v).toLowerCase()),
  length: ([v]) => (v == null ? null : [...text(v)].length),
  trim: ([v]) => (v == null ? null : text(v).trim()),
  coalesce: (args) => args.find((v) => v !== null) ?? null,
  nullif: ([a, b]) => (a != null && b != null && compare(a, b) === 0 ? null : a ?? null),
  abs: ([v]) => (v == null ? null : Math.abs(arithmetic("+", v, 0) as number)),
  floor: ([v]) => (v == null ? null : Math.floor(arithmetic("+", v, 0) as number)),
  ceil: ([v]) => (v == null ? null : Math.ceil(arithmetic("+", v, 0) as number)),
  round: ([v, digits]) => {
    if (v == null) return null;
    const scale = 10 ** (digits == null ? 0 : Number(digits));
    return Math.round((arithmetic("+", v, 0) as number) * scale) / scale;
  },
  concat: (args) => args.filter((v) => v !== null).map((v) => text(v!)).join(""),
  replace: ([v, from, to]) => (v == null || from == null || to == null ? null : text(v).replaceAll(text(from), text(to))),
  substr: ([v, from, count]) => (v == null || from == null ? null : [...text(v)].slice(Number(from) - 1, count == null ? undefined : Number(from) - 1 + Number(count)).join("")),
  greatest: (args) => args.filter((v) => v !== null).reduce<SqlValue>((a, b) => (a === null || compare(b!, a) > 0 ? b : a), null),
  least: (args) => args.filter((v) => v !== null).reduce<SqlValue>((a, b) => (a === null || compare(b!, a) < 0 ? b : a), null),
  st_x: ([v]) => (v !== null && typeof v === "object" && v.geometry.type === "Point" ? v.geometry.coordinates[0]! : null),
  st_y: ([v]) => (v !== null && typeof v === "object" && v.geometry.type === "Point" ? v.geometry.coordinates[1]! : null),
};
FUNCTIONS.substring = FUNCTIONS.substr!;

/** The names of the functions expressions may call. */
export const FUNCTION_NAMES = Object.keys(FUNCTIONS);

/** The value of an expression on a row; throws (French message) on a type error. */
export function evaluate(expr: Expr, scope: Scope): SqlValue {
  switch (expr.k) {
    case "lit": return expr.v;
    case "star": return 1;
    case "col": return scope.row[expr.name] ?? null;
    case "unary": {
      const v = evaluate(expr.e, scope);
      if (v === null) return null;
      return expr.op === "not" ? !truthy(v) : arithmetic("-", 0, v);
    }
    case "bin": {
      if (expr.op === "and" || expr.op === "or") {
        const l = evaluate(expr.l, scope);
        const r = evaluate(expr.r, scope);
        const a = l === null ? null : truthy(l);
        const b = r === null ? null : truthy(r);
        if (expr.op === "and") return a === false || b === false ? false : a === null || b === null ? null : true;
        return a === true || b === true ? true : a === null || b === null ? null : false;
      }
      const l = evaluate(expr.l, scope);
      const r = evaluate(expr.r, scope);
      if (["+", "-", "*", "/", "%", "||"].includes(expr.op)) return arithmetic(expr.op, l, r, expr.op === "/" && integerTyped(expr.l, scope) && integerTyped(expr.r, scope));
      if (l === null || r === null) return null;
      if (expr.op === "like" || expr.op === "ilike") return like(text(l), text(r), expr.op === "ilike");
      const order = compare(l, r);
      switch (expr.op) {
        case "=": return order === 0;
        case "<>": return order !== 0;
        case "<": return order < 0;
        case ">": return order > 0;
        case "<=": return order <= 0;
        default: return order >= 0;
      }
    }
    case "in": {
      const v = evaluate(expr.e, scope);
      if (v === null) return null;
      const values = expr.list.map((item) => evaluate(item, scope));
      const found = values.some((candidate) => candidate !== null && compare(v, candidate) === 0);
      if (!found && values.includes(null)) return null;
      return expr.not ? !found : found;
    }
    case "isnull": {
      const isNull = evaluate(expr.e, scope) === null;
      return expr.not ? !isNull : isNull;
    }
    case "between": {
      const v = evaluate(expr.e, scope);
      const lo = evaluate(expr.lo, scope);
      const hi = evaluate(expr.hi, scope);
      if (v === null || lo === null || hi === null) return null;
      const inside = compare(v, lo) >= 0 && compare(v, hi) <= 0;
      return expr.not ? !inside : inside;
    }
    case "cast": {
      const v = evaluate(expr.e, scope);
      if (v === null) return null;
      if (isNumeric(expr.type) && typeof v === "string") return coerce(v.trim(), expr.type);
      return coerce(typeof v === "number" && !isNumeric(expr.type) && expr.type !== "boolean" ? String(v) : v, expr.type);
    }
    case "call": {
      const fn = FUNCTIONS[expr.name];
      if (!fn) throw new Error(`la fonction ${expr.name}() n'existe pas`);
      return fn(expr.args.map((arg) => evaluate(arg, scope)));
    }
    case "case": {
      for (const [when, then] of expr.whens) {
        const v = evaluate(when, scope);
        if (v !== null && truthy(v)) return evaluate(then, scope);
      }
      return expr.otherwise ? evaluate(expr.otherwise, scope) : null;
    }
  }
}

/** Whether a non-null value counts as true in WHERE / AND / OR / NOT. */
export function truthy(value: Exclude<SqlValue, null>): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") return ["t", "true", "1", "y", "yes", "on"].includes(value.trim().toLowerCase());
  if (typeof value === "number") return value !== 0;
  throw new Error("une géométrie n'est pas une condition");
}

/** Every column an expression reads (to check they exist before running on any row). */
export function columnRefs(expr: Expr | undefined, found: { table?: string; name: string; line: number }[] = []): { table?: string; name: string; line: number }[] {
  if (!expr) return found;
  switch (expr.k) {
    case "col": found.push(expr); break;
    case "unary": case "isnull": case "cast": columnRefs(expr.e, found); break;
    case "bin": columnRefs(expr.l, found); columnRefs(expr.r, found); break;
    case "in": columnRefs(expr.e, found); expr.list.forEach((e) => columnRefs(e, found)); break;
    case "between": [expr.e, expr.lo, expr.hi].forEach((e) => columnRefs(e, found)); break;
    case "call": expr.args.forEach((e) => columnRefs(e, found)); break;
    case "case": expr.whens.forEach(([w, t]) => { columnRefs(w, found); columnRefs(t, found); }); columnRefs(expr.otherwise, found); break;
    default: break;
  }
  return found;
}

/** The type of an expression's values, as far as it can be told from its form (for a view's attributes). */
export function expressionType(expr: Expr, columnType: (name: string) => string | undefined): string {
  switch (expr.k) {
    case "col": return columnType(expr.name) ?? "text";
    case "cast": return expr.type;
    case "lit": return typeof expr.v === "number" ? (Number.isInteger(expr.v) ? "integer" : "numeric") : typeof expr.v === "boolean" ? "boolean" : "text";
    case "bin":
      if (expr.op === "||") return "text";
      if (["+", "-", "*", "/", "%"].includes(expr.op)) {
        const l = expressionType(expr.l, columnType);
        const r = expressionType(expr.r, columnType);
        return l === r ? l : l.startsWith("double") || r.startsWith("double") ? "double precision" : "numeric";
      }
      return "boolean";
    case "unary": return expr.op === "not" ? "boolean" : expressionType(expr.e, columnType);
    case "in": case "isnull": case "between": return "boolean";
    case "call": return ["length", "st_x", "st_y"].includes(expr.name) ? (expr.name === "length" ? "integer" : "double precision") : ["upper", "lower", "trim", "concat", "replace", "substr", "substring"].includes(expr.name) ? "text" : expr.args[0] ? expressionType(expr.args[0], columnType) : "text";
    case "case": return expressionType(expr.whens[0]![1], columnType);
    default: return "text";
  }
}
