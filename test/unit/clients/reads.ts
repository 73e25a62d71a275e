// Assertions on what a client reads from an answer: each dotted path must exist with the expected JSON type,
// so that a replay fails where the client would have failed (KeyError, TypeError, wrong branch).
import assert from "node:assert/strict";

/** The JSON type a client relies on; `any` only requires the key. */
export type Expected = "string" | "number" | "boolean" | "object" | "array" | "any";

const typeOf = (value: unknown): string => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/** The value at a dotted path (`output.stored_data._id`, `0.name`), undefined when a step is missing. */
export function at(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Asserts that every path of `fields` is present in `value` with its type; `context` names the request. */
export function reads(value: unknown, fields: Record<string, Expected>, context: string): void {
  for (const [path, expected] of Object.entries(fields)) {
    const found = at(value, path);
    assert.ok(found !== undefined, `${context} : le client lit « ${path} », absent de la réponse ${JSON.stringify(value)?.slice(0, 400)}`);
    if (expected !== "any") assert.equal(typeOf(found), expected, `${context} : « ${path} » devrait être de type ${expected} (reçu ${JSON.stringify(found)?.slice(0, 200)})`);
  }
}

/** Asserts that an answer is a list whose every item has `fields`. */
export function readsEach(value: unknown, fields: Record<string, Expected>, context: string): unknown[] {
  assert.ok(Array.isArray(value), `${context} : le client attend une liste, reçu ${JSON.stringify(value)?.slice(0, 300)}`);
  value.forEach((item, index) => reads(item, fields, `${context} [${index}]`));
  return value;
}
