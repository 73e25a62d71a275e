// What every exporter and the headless replay read from a block: its requests (one per file), where its URL points
// (the API, the diffusion services), its polling rule and its captures, and portable variable names. Pure.
import urls from "../../../_data/urls.json" with { type: "json" };
import { authorizationHeader, FILE_PLACEHOLDER, type BlockSpec, type BlockUser, type Capture, type SampleFile } from "../block-contract.ts";
import { pollSpecFor, type PollSpec } from "../poll.ts";
import type { Parcours, ParcoursPage } from "./parcours.ts";

/** The API base the pages are built with; exports replace it by a base-URL variable. */
export const BUILD_API_BASE: string = urls.api_entrepot;
/** The origin of the Géoplateforme's diffusion services in the pages (a local datastore serves them on its own origin). */
export const BUILD_SERVICES: string = new URL(urls.api_entrepot).origin;

/** The identity service's realm in the pages (a local datastore serves its token endpoint under the same path). */
export const BUILD_IAM: string = urls.iam;

/** A URL split into the variable part it starts with (the API base, the identity realm, the services' origin) and the rest. */
export interface SplitUrl {
  root: "api" | "iam" | "services" | "none";
  rest: string;
}

/** Splits a block URL into its root and the path after it. */
export function splitUrl(url: string): SplitUrl {
  if (url === BUILD_API_BASE || url.startsWith(`${BUILD_API_BASE}/`) || url.startsWith(`${BUILD_API_BASE}?`)) return { root: "api", rest: url.slice(BUILD_API_BASE.length) };
  if (url.startsWith(`${BUILD_IAM}/`)) return { root: "iam", rest: url.slice(BUILD_IAM.length) };
  if (url.startsWith(`${BUILD_SERVICES}/`)) return { root: "services", rest: url.slice(BUILD_SERVICES.length) };
  return { root: "none", rest: url };
}

/** A portable variable name (Bruno, Arazzo, shell): accents dropped, other characters than letters and digits as `_`. */
export function varName(name: string): string {
  const plain = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9_]+/g, "_");
  return /^[0-9]/.test(plain) ? `_${plain}` : plain;
}

/** Variables whose value is a credential (a token captured from the identity service, an API key, a password): an
 * export never writes their values, even with the reader's current values. */
export const isSecretVariable = (name: string): boolean => /token|jeton|password|mot de passe|apikey|identifiants|hash/i.test(name);

/** The reader's values an export may write: without the credentials. */
export function writableValues(values: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).filter(([name]) => !isSecretVariable(name)));
}

/** The environment variable holding a user's token: TOKEN for the reader, TOKEN_ANNE for `utilisateur=anne`. */
export const tokenVar = (user: BlockUser | undefined): string => (user && user !== "dave" ? `TOKEN_${user.toUpperCase()}` : "TOKEN");

/** The polling rule of a block (src/shared/poll.ts's data), or undefined when it reads no asynchronous status: only
 * the API's resources have one (the search service's `/offerings/{id}` is a list of documents, not an offering). */
export function pollSpecOf(block: Pick<BlockSpec, "method" | "url">): PollSpec | undefined {
  return splitUrl(block.url).root === "api" ? pollSpecFor(block.method, block.url) : undefined;
}

export type { PollSpec };

/** Whether a block shows a refusal: its example answer is an API error (`{"error": …}`), so a 4xx is what it expects. */
export function expectsError(block: Pick<BlockSpec, "example">): boolean {
  if (!block.example) return false;
  try {
    const example: unknown = JSON.parse(block.example);
    return example !== null && typeof example === "object" && !Array.isArray(example) && "error" in example;
  } catch {
    return false;
  }
}

/** Whether a block shows the API refusing an expired token (a refusal whose example says the token expired, sent
 * with its own Authorization header): a runner waits for the token's expiry before sending it. */
export function expectsExpiredToken(block: Pick<BlockSpec, "example" | "headers">): boolean {
  return expectsError(block) && /expir/i.test(block.example ?? "") && authorizationHeader(block) !== undefined;
}

/** For a block showing an expired token refused (expectsExpiredToken): the variable of the token its Authorization
 * header carries (`Bearer {access token}` → "access token"), which a runner waits to expire; undefined otherwise. */
export function expiredTokenVariable(block: Pick<BlockSpec, "example" | "headers">): string | undefined {
  if (!expectsExpiredToken(block)) return undefined;
  const header = authorizationHeader(block);
  return header ? /^Bearer\s+\{([^{}]+)\}\s*$/i.exec(header.value)?.[1] : undefined;
}

/** One request of a block: the block itself, or one of its files. */
export interface ExportRequest {
  page: ParcoursPage;
  block: BlockSpec;
  /** 1-based number of the block in its page. */
  number: number;
  /** The file sent by this request, for an upload block. */
  file?: SampleFile;
  /** URL with `{fichier}` replaced by the file's name (still with the other placeholders). */
  url: string;
  /** A short French label: page title, block number, method and path. */
  label: string;
}

/** Every request of a tutorial in order (one per file for upload blocks). */
export function requestsOf(parcours: Parcours): ExportRequest[] {
  const out: ExportRequest[] = [];
  for (const page of parcours.pages) {
    page.blocks.forEach((block, index) => {
      const path = splitUrl(block.url).rest.split("?", 1)[0];
      const base = { page, block, number: index + 1 };
      if (block.files && block.files.length > 0) {
        for (const file of block.files) {
          const url = block.url.split(`{${FILE_PLACEHOLDER}}`).join(file.name);
          out.push({ ...base, file, url, label: `${page.title} · bloc ${index + 1} · ${block.method} ${path} · ${file.name}` });
        }
      } else out.push({ ...base, url: block.url, label: `${page.title} · bloc ${index + 1} · ${block.method} ${path}` });
    });
  }
  return out;
}

/** A capture path segment: a key, an index, or a matcher of an array item's identifying fields (CaptureMatch). */
export type PathStep = Capture["path"][number];

type Match = Extract<PathStep, object>["match"];
const isMatcher = (step: PathStep): step is Extract<PathStep, object> => typeof step === "object" && step !== null;
const jqKey = (key: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `.${JSON.stringify(key)}`);
const jqDotted = (path: string) => path.split(".").map(jqKey).join("");

// jq: the item with the most equal identifying fields (at least one, no tie), as src/shared/variables.ts matchItem.
const jqMatch = (match: Match) =>
  `(map([., ([${Object.entries(match).map(([path, value]) => `${jqDotted(path)} == ${JSON.stringify(value)}`).join(", ")}] | map(select(.)) | length)])` +
  ` | (map(.[1]) | max // 0) as $best | map(select(.[1] == $best and $best > 0)) | if length == 1 then .[0][0] else null end)`;

/** A jq filter reading a capture path, e.g. `.communities_member[0].community.datastore`; a matcher picks the best item. */
export function jqPath(path: readonly PathStep[]): string {
  let out = ".";
  for (const step of path) {
    const tail = out === "." ? "" : out;
    if (typeof step === "number") out = `${tail || "."}[${step}]`;
    else if (typeof step === "string") out = `${tail}${jqKey(step)}`;
    else out = `${tail ? `${tail} | ` : ""}${jqMatch(step.match)}`;
  }
  return out;
}

/** A JavaScript function (source) picking an array item as matchItem does; jsPath's matchers call it as `pick`. */
export const JS_PICK = "function pick(items, match) { if (!Array.isArray(items)) return undefined; let best, top = 0, tie = false; for (const item of items) { const score = Object.entries(match).filter(([p, v]) => p.split('.').reduce((n, k) => (n && typeof n === 'object' ? n[k] : undefined), item) === v).length; if (score > top) { best = item; top = score; tie = false; } else if (score === top && score > 0) tie = true; } return top > 0 && !tie ? best : undefined; }";

/** A JavaScript expression reading a capture path from `root` (optional chaining; matchers through `pick`, JS_PICK). */
export function jsPath(root: string, path: readonly PathStep[]): string {
  let out = root;
  for (const step of path) {
    if (typeof step === "number") out += `?.[${step}]`;
    else if (typeof step === "string") out += /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(step) ? `?.${step}` : `?.[${JSON.stringify(step)}]`;
    else out = `pick(${out}, ${JSON.stringify(step.match)})`;
  }
  return out;
}

/** Whether a capture path holds a matcher. */
export const hasMatcher = (path: readonly PathStep[]): boolean => path.some(isMatcher);

/**
 * An RFC 6901 JSON pointer of a capture path (Arazzo's `$response.body#/…`); a matcher, which a pointer cannot
 * express, becomes the index of the item it designates in the block's example response (undefined if none).
 */
export function jsonPointer(path: readonly PathStep[], example?: unknown): string | undefined {
  let node = example;
  const parts: string[] = [];
  for (const step of path) {
    let key: string | number = step as string | number;
    if (isMatcher(step)) {
      const index = Array.isArray(node) ? node.findIndex((item) => Object.entries(step.match).every(([p, v]) => p.split(".").reduce<unknown>((n, k) => (n && typeof n === "object" ? (n as Record<string, unknown>)[k] : undefined), item) === v)) : -1;
      if (index < 0) return undefined;
      key = index;
    }
    node = node && typeof node === "object" ? (node as Record<string | number, unknown>)[key] : undefined;
    parts.push(`/${String(key).replace(/~/g, "~0").replace(/\//g, "~1")}`);
  }
  return parts.join("");
}

/** Variables a tutorial needs before its first request provides them (the datastore, ids from another tutorial…). */
export function inputsOf(parcours: Parcours): string[] {
  const known = new Set<string>();
  const inputs: string[] = [];
  for (const page of parcours.pages) {
    for (const block of page.blocks) {
      for (const name of block.placeholders) if (name !== FILE_PLACEHOLDER && !known.has(name) && !inputs.includes(name)) inputs.push(name);
      for (const capture of block.captures) known.add(capture.variable);
    }
  }
  return inputs;
}

/** The seeded users other than the reader that a tutorial's blocks run as. */
export function usersOf(parcours: Parcours): BlockUser[] {
  const users = new Set<BlockUser>();
  for (const page of parcours.pages) for (const block of page.blocks) if (block.user && block.user !== "dave") users.add(block.user);
  return [...users];
}
