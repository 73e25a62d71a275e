// Request bodies checked by zod schemas (zod/mini: small in the browser bundle, no eval under the site's CSP).
// Every issue becomes one French message naming the field path (`output.stored_data.storage_tags`,
// `type_infos.used_data[0].relations[1].title`), what was expected and what was received; the messages go to a
// `Problems`, so that one 400 lists every problem of the body. The code that follows a parse (existence of records,
// statuses, rules between fields) gets the output, or when the body is invalid what is left of it once every
// invalid value is set aside, so that its problems are listed in the same 400.
import * as z from "zod/mini";
import { Problems } from "./errors.ts";
import { cloneJson, isNonEmptyString, isObject, jsonTypeOf } from "./json.ts";

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;
type Schema = z.core.$ZodType;

/** A noun for what a schema expects ("chaîne non vide"), with its gender for « attendu(e) ». */
interface Noun {
  noun: string;
  feminine?: boolean;
}

// Nouns given to schemas by `named`; other schemas are described from their definition.
const NOUNS = z.registry<Noun>();

/** A copy of the schema, described by `noun` in messages ("niveau", "objet de traductions"). */
export function named<S extends Schema>(schema: S, noun: string, feminine = false): S {
  const copy = z.clone(schema);
  NOUNS.add(copy, { noun, feminine });
  return copy;
}

const expectedText = ({ noun, feminine }: Noun): string => `${noun} attendu${feminine ? "e" : ""}`;

/** How body objects treat keys they do not declare: "reject" lists each as a problem, "ignore" drops them. */
export type UnknownKeys = "reject" | "ignore";

/** The default for body objects: "reject" (a misspelt key is a 400). The bodies the real API is known to accept with
 * extra keys (the official SDK sends a top-level `getfeatureinfo` on configurations, `visibility` on offerings) are
 * declared with "ignore". */
const UNKNOWN_KEYS: UnknownKeys = "reject";

/** An object of the API with the given fields; keys it does not declare are treated as `unknownKeys` decides. */
export function object<T extends z.core.$ZodLooseShape>(shape: T, params?: z.core.$ZodObjectParams, unknownKeys: UnknownKeys = UNKNOWN_KEYS): z.ZodMiniObject<T, z.core.$strict> {
  const make = unknownKeys === "reject" ? z.strictObject : z.object;
  return make(shape, params) as z.ZodMiniObject<T, z.core.$strict>;
}

/** A string that is not empty once trimmed (kept as given), described by `noun` in messages. */
export function text(noun = "chaîne non vide", feminine = true): z.ZodMiniString {
  const error = (issue: { input?: unknown }): string => `${expectedText({ noun, feminine })} (reçu : ${received(issue.input)})`;
  return named(z.string().check(z.refine(isNonEmptyString, { error })), noun, feminine);
}

/** A field that may not be given: any value is refused with `message`. */
export const refused = (message: string) => z.optional(z.never({ error: message }));

/** A rule on what an object was given, run even when some of its values are invalid ("give one of a and b"): it
 * sees the declared keys with their values as received, and returns `[key, message]` pairs ("" for the object). */
export function keysRule(rule: (given: Record<string, unknown>) => [string, string][]): z.core.$ZodCheck<object> {
  return z.check<object>(
    (payload) => {
      const value = payload.value as Record<string, unknown>;
      for (const [key, text] of rule(value)) payload.issues.push({ code: "custom", message: text, input: value, path: key ? [key] : [] });
    },
    { when: (payload) => isObject(payload.value) },
  );
}

/** A value as short JSON, for messages (60 characters at most). */
export function short(value: unknown): string {
  const json = JSON.stringify(value) ?? "rien";
  return json.length > 60 ? `${json.slice(0, 59)}…` : json;
}

/** What was received, for messages: `chaîne "abc"`, `nombre 3`, `rien`. */
export function received(value: unknown): string {
  if (value === undefined) return "rien";
  return value === null ? "null" : `${jsonTypeOf(value)} ${short(value)}`;
}

const TYPE_NOUNS: Record<string, Noun> = {
  string: { noun: "chaîne", feminine: true },
  number: { noun: "nombre" },
  int: { noun: "entier" },
  boolean: { noun: "booléen" },
  array: { noun: "liste", feminine: true },
  tuple: { noun: "liste", feminine: true },
  object: { noun: "objet" },
  record: { noun: "objet" },
};
const ELEMENTS: Record<string, string> = { string: " de chaînes", number: " de nombres", boolean: " de booléens", object: " d'objets", record: " d'objets", array: " de listes" };

// What a schema expects, as a noun: registered, or from its type ("liste non vide de chaînes").
function nounOf(schema: Schema | undefined, expected: string): Noun {
  const registered = schema ? NOUNS.get(schema) : undefined;
  if (registered) return registered;
  const def = schema?._zod.def;
  const base = TYPE_NOUNS[def?.type === "number" && expected === "int" ? "int" : (def?.type ?? expected)] ?? { noun: "valeur", feminine: true };
  const nonEmpty = def?.checks?.some((check) => check._zod.def.check === "min_length" && Number((check._zod.def as { minimum?: number }).minimum) >= 1) ? " non vide" : "";
  const element = def?.type === "array" ? (ELEMENTS[(def as z.core.$ZodArrayDef).element._zod.def.type] ?? "") : "";
  return { noun: `${base.noun}${nonEmpty}${element}`, feminine: base.feminine };
}

const values = (list: readonly unknown[]): string => list.map((value) => short(value)).join(", ");

// The keys an object schema accepts (fields that are refused left out).
function acceptedKeys(schema: Schema | undefined): string[] {
  const shape = (schema?._zod.def as { shape?: Record<string, Schema> } | undefined)?.shape ?? {};
  return Object.keys(shape).filter((key) => (shape[key]!._zod.def as { innerType?: Schema }).innerType?._zod.def.type !== "never");
}

// The French message of an issue (without its path), when the schema gives none.
function message(issue: RawIssue): string {
  const input = issue.input;
  switch (issue.code) {
    case "invalid_type": {
      const noun = nounOf(issue.inst as Schema | undefined, issue.expected);
      return input === undefined ? `${noun.noun} obligatoire` : `${expectedText(noun)} (reçu : ${received(input)})`;
    }
    case "invalid_value":
      return `${input === undefined ? "valeur obligatoire" : `valeur ${short(input)} inconnue`} (valeurs possibles : ${values(issue.values)})`;
    case "invalid_union":
      if (issue.discriminator !== undefined) {
        const given = isObject(input) ? input[issue.discriminator] : undefined;
        return `${given === undefined ? "valeur obligatoire" : `valeur ${short(given)} inconnue`} (valeurs possibles : ${values((issue.options ?? []) as unknown[])})`;
      }
      return `${received(input)} ne correspond à aucune des formes acceptées`;
    case "too_small":
      return sizeMessage(issue.origin, input, Number(issue.minimum), issue.inclusive !== false, "small");
    case "too_big":
      return sizeMessage(issue.origin, input, Number(issue.maximum), issue.inclusive !== false, "big");
    case "invalid_format":
      return issue.format === "regex" ? `${short(input)} ne respecte pas le motif ${String(issue.pattern).replace(/^\/(.*)\/[a-z]*$/, "$1")}` : `${short(input)} n'est pas au format ${issue.format}`;
    case "unrecognized_keys": {
      const accepted = acceptedKeys(issue.inst as Schema | undefined);
      return `clé inconnue (${accepted.length > 0 ? `clés acceptées : ${accepted.join(", ")}` : "aucune clé acceptée"})`;
    }
    case "invalid_key":
      return `clé invalide : ${issue.issues.map((inner) => inner.message).join(" ; ")}`;
    case "not_multiple_of":
      return `${short(input)} n'est pas un multiple de ${issue.divisor}`;
    default:
      return `valeur ${short(input)} invalide`;
  }
}

// Messages of too_small / too_big, by what was measured.
function sizeMessage(origin: string, input: unknown, limit: number, inclusive: boolean, side: "small" | "big"): string {
  const small = side === "small";
  if (origin === "number" || origin === "int") {
    if (inclusive) return `${short(input)} est ${small ? "inférieur au minimum" : "supérieur au maximum"} ${limit}`;
    return `${short(input)} doit être ${small ? "supérieur" : "inférieur"} à ${limit}`;
  }
  const size = Array.isArray(input) || typeof input === "string" ? input.length : 0;
  if (origin === "string") {
    if (small && limit === 1) return `chaîne non vide attendue (reçu : chaîne "")`;
    return `${small ? "au moins" : "au plus"} ${limit} caractères attendus (reçu ${size})`;
  }
  if (small && limit === 1) return "liste non vide attendue (reçu : liste vide)";
  return `${small ? "au moins" : "au plus"} ${limit} éléments attendus (reçu ${size})`;
}

const IDENTIFIER = /^[A-Za-z_][\w-]*$/;

/** A path as the messages name it: `type_infos.used_data[0].relations`. */
function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === "number") return `${text}[${key}]`;
    const name = String(key);
    if (!IDENTIFIER.test(name)) return `${text}[${short(name)}]`;
    return text === "" ? name : `${text}.${name}`;
  }, "");
}

const sentence = (text: string): string => (text.endsWith(".") ? text : `${text}.`);

/** The messages of one issue: `<path> : <message>.`, one per unknown key. */
function issueMessages(issue: Issue): string[] {
  if (issue.code === "unrecognized_keys") return issue.keys.map((key) => sentence(`${pathText([...issue.path, key])} : ${issue.message}`));
  if (issue.path.length > 0) return [sentence(`${pathText(issue.path)} : ${issue.message}`)];
  if (issue.code === "invalid_type") return [`Le corps de la requête doit être un objet JSON (reçu : ${received(issue.input)}).`];
  return [sentence(issue.message)];
}

/** A value of T of which any field or item may be undefined: what is left of an input once its invalid values are set aside. */
export type Salvaged<T> = T extends readonly (infer U)[] ? (Salvaged<U> | undefined)[] : T extends object ? { [K in keyof T]?: Salvaged<T[K]> } : T;

// A copy of the input in which every value an issue is about is replaced by undefined (its key stays, so that
// `key in value` still tells what was given) and unknown keys are removed; arrays of the wrong length stay.
function salvage(input: unknown, issues: readonly Issue[]): unknown {
  if (input === undefined) return undefined;
  const root: Record<string, unknown> = { value: cloneJson(input) };
  for (const issue of issues) {
    const path: PropertyKey[] = ["value", ...issue.path];
    let parent: unknown = root;
    for (const key of path.slice(0, -1)) parent = isObject(parent) || Array.isArray(parent) ? (parent as Record<PropertyKey, unknown>)[key] : undefined;
    if (!isObject(parent) && !Array.isArray(parent)) continue;
    const container = parent as Record<PropertyKey, unknown>;
    const last = path[path.length - 1]!;
    if (issue.code === "unrecognized_keys") {
      const target = container[last];
      if (isObject(target)) for (const key of issue.keys) delete target[key];
    } else if (!((issue.code === "too_small" || issue.code === "too_big") && issue.origin === "array")) container[last] = undefined;
  }
  return root.value;
}

/** A parsed body: the output, or what the code after parsing may still check. */
export interface Parsed<T> {
  /** The output when valid, else the input with every invalid value replaced by undefined (undefined if nothing is left). */
  readonly partial: Salvaged<T> | undefined;
  /** The output; throws the 400 listing every problem recorded so far (these and the code's) when there is any. */
  valid(): T;
}

/** Parses `value`, recording each problem in `problems` (with `prefix` before the paths). The schemas check and
 * never transform, so a valid value is its own output: it is returned as received, keys in the client's order. */
export function parseInto<S extends Schema>(schema: S, value: unknown, problems: Problems, prefix: readonly PropertyKey[] = []): Parsed<z.output<S>> {
  const result = z.safeParse(schema, value, { error: message, reportInput: true });
  const issues = result.error?.issues ?? [];
  for (const issue of issues) for (const text of issueMessages({ ...issue, path: [...prefix, ...issue.path] })) problems.add(text);
  const partial = (result.success ? value : salvage(value, issues)) as Salvaged<z.output<S>> | undefined;
  return {
    partial,
    valid: () => {
      problems.throwIfAny();
      return value as z.output<S>;
    },
  };
}

/** Parses `value`; 400 listing every problem when it is invalid. */
export function parseBody<S extends Schema>(schema: S, value: unknown): z.output<S> {
  return parseInto(schema, value, new Problems()).valid();
}
