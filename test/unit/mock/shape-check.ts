// Checks a JSON answer against a [ts] shape of the fixtures (required keys, JSON types, enums, nested objects,
// every list item) and finds which route of API_ROUTES a request went to.
import { API_ROUTES } from "../../../src/mock/app.ts";
import type { Field, JsonType } from "./fixtures/ts-fields.ts";

// The JSON type of a value, as the messages name it.
function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

// Whether a value has a JSON type.
function isType(value: unknown, type: JsonType): boolean {
  if (type === "integer") return Number.isInteger(value);
  if (type === "object") return typeOf(value) === "object";
  return typeOf(value) === type;
}

/** Problems of a value against a field, each as `path: what is wrong [innermost DTO]`. */
export function checkField(value: unknown, field: Field, path: string, dto = ""): string[] {
  const at = path || "(racine)";
  const of = dto ? ` [${dto}]` : "";
  if (typeof field === "string") return isType(value, field) ? [] : [`${at}: ${field} attendu, reçu ${typeOf(value)} ${JSON.stringify(value)}${of}`];
  if ("enum" in field) {
    return typeof value === "string" && field.enum.includes(value) ? [] : [`${at}: ${JSON.stringify(value)} hors de l'énumération [${field.enum.join(", ")}]${of}`];
  }
  if ("array" in field) {
    if (!Array.isArray(value)) return [`${at}: array attendu, reçu ${typeOf(value)}${of}`];
    return value.flatMap((item, index) => checkField(item, field.array, `${path}[${index}]`, dto));
  }
  if ("map" in field) {
    if (typeOf(value) !== "object") return [`${at}: object attendu, reçu ${typeOf(value)}${of}`];
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => checkField(item, field.map, `${path}.${key}`, dto));
  }
  const shape = field.object;
  if (typeOf(value) !== "object") return [`${at}: object attendu, reçu ${typeOf(value)} [${shape.dto}]`];
  const record = value as Record<string, unknown>;
  const prefix = path ? `${path}.` : "";
  const problems: string[] = [];
  for (const [key, sub] of Object.entries(shape.required)) {
    if (!(key in record)) problems.push(`${prefix}${key}: clé obligatoire absente [${shape.dto}]`);
    else problems.push(...checkField(record[key], sub, `${prefix}${key}`, shape.dto));
  }
  for (const [key, sub] of Object.entries(shape.optional ?? {})) {
    if (key in record) problems.push(...checkField(record[key], sub, `${prefix}${key}`, shape.dto));
  }
  return problems;
}

/** `"METHOD /pattern"` of every route of API_ROUTES. */
export const ROUTE_KEYS: readonly string[] = API_ROUTES.map((route) => `${route.method} ${route.path}`);

// Patterns compiled once: `:name` matches one path segment.
const MATCHERS = API_ROUTES.map((route) => ({
  key: `${route.method} ${route.path}`,
  method: route.method,
  pattern: new RegExp(`^${route.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/:[A-Za-z_]+/g, "[^/]+")}$`),
}));

/** The route a request goes to (first match in API_ROUTES order, as the dispatcher does), or undefined. */
export function routeOf(method: string, path: string): string | undefined {
  const pathname = path.split("?")[0] ?? path;
  return MATCHERS.find((matcher) => matcher.method === method && matcher.pattern.test(pathname))?.key;
}
