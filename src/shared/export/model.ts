// What every exporter and the headless replay read from a block: its requests (one per file), where its URL points
// (the API, the diffusion services), its polling rule and its captures, and portable variable names. Pure.
import urls from "../../../_data/urls.json" with { type: "json" };
import { FILE_PLACEHOLDER, type BlockSpec, type BlockUser, type Capture, type SampleFile } from "../block-contract.ts";
import { pollRuleFor } from "../poll.ts";
import type { Parcours, ParcoursPage } from "./parcours.ts";

/** The API base the pages are built with; exports replace it by a base-URL variable. */
export const BUILD_API_BASE: string = urls.api_entrepot;
/** The origin of the Géoplateforme's diffusion services in the pages (a local datastore serves them on its own origin). */
export const BUILD_SERVICES: string = new URL(urls.api_entrepot).origin;

/** A URL split into the variable part it starts with ("api": the API base, "services": the services' origin) and the rest. */
export interface SplitUrl {
  root: "api" | "services" | "none";
  rest: string;
}

/** Splits a block URL into its root and the path after it. */
export function splitUrl(url: string): SplitUrl {
  if (url === BUILD_API_BASE || url.startsWith(`${BUILD_API_BASE}/`) || url.startsWith(`${BUILD_API_BASE}?`)) return { root: "api", rest: url.slice(BUILD_API_BASE.length) };
  if (url.startsWith(`${BUILD_SERVICES}/`)) return { root: "services", rest: url.slice(BUILD_SERVICES.length) };
  return { root: "none", rest: url };
}

/** A portable variable name (Bruno, Arazzo, shell): accents dropped, other characters than letters and digits as `_`. */
export function varName(name: string): string {
  const plain = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9_]+/g, "_");
  return /^[0-9]/.test(plain) ? `_${plain}` : plain;
}

/** The environment variable holding a user's token: TOKEN for the reader, TOKEN_ANNE for `utilisateur=anne`. */
export const tokenVar = (user: BlockUser | undefined): string => (user && user !== "dave" ? `TOKEN_${user.toUpperCase()}` : "TOKEN");

/** How a polling block ends: the statuses that mean "not yet", and those that are a failed end. */
export interface PollSpec {
  /** "status": the body's `status` field; "checks": the upload's checks lists (asked, in_progress empty). */
  kind: "status" | "checks";
  pending: string[];
  failed: string[];
}

const FAILED = ["UNSTABLE", "FAILURE", "ABORTED"];
const PENDING: [RegExp, string[]][] = [
  [/\/processings\/executions\/[^/]+$/, ["CREATED", "WAITING", "PROGRESS"]],
  [/\/checks\/executions\/[^/]+$/, ["WAITING", "PROGRESS"]],
  [/\/uploads\/[^/]+$/, ["CHECKING", "GENERATING", "MODIFYING"]],
  [/\/stored_data\/[^/]+$/, ["CREATED", "GENERATING", "MODIFYING"]],
  [/\/offerings\/[^/]+$/, ["PUBLISHING", "MODIFYING", "UNPUBLISHING"]],
];

/** The polling rule of a block (same URLs as src/shared/poll.ts), or undefined when it reads no asynchronous status. */
export function pollSpecOf(block: Pick<BlockSpec, "method" | "url">): PollSpec | undefined {
  if (!pollRuleFor(block.method, block.url)) return undefined;
  const path = block.url.split(/[?#]/, 1)[0]!;
  if (/\/uploads\/[^/]+\/checks$/.test(path)) return { kind: "checks", pending: ["asked", "in_progress"], failed: [] };
  const pending = PENDING.find(([pattern]) => pattern.test(path))?.[1] ?? [];
  return { kind: "status", pending, failed: FAILED };
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

/** A capture path segment: a key, an index, or (matchers) an object whose listed keys identify an array item. */
export type PathStep = Capture["path"][number] | Readonly<Record<string, unknown>>;

const isMatcher = (step: PathStep): step is Readonly<Record<string, unknown>> => typeof step === "object" && step !== null;
const matcherEntries = (step: PathStep): [string, unknown][] =>
  isMatcher(step) ? Object.entries((step as { match?: Record<string, unknown> }).match ?? step) : [];

/** A jq filter reading a capture path, e.g. `.communities_member[0].community.datastore`; matchers as `select(…)`. */
export function jqPath(path: readonly PathStep[]): string {
  let out = "";
  for (const step of path) {
    if (typeof step === "number") out += `[${step}]`;
    else if (typeof step === "string") out += /^[A-Za-z_][A-Za-z0-9_]*$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
    else out += `[] | select(${matcherEntries(step).map(([key, value]) => `.${key} == ${JSON.stringify(value)}`).join(" and ")})`;
  }
  return out === "" ? "." : out;
}

/** A JavaScript expression reading a capture path from `root` (optional chaining; matchers as `find`). */
export function jsPath(root: string, path: readonly PathStep[]): string {
  let out = root;
  for (const step of path) {
    if (typeof step === "number") out += `?.[${step}]`;
    else if (typeof step === "string") out += /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(step) ? `?.${step}` : `?.[${JSON.stringify(step)}]`;
    else out += `?.find?.((item) => ${matcherEntries(step).map(([key, value]) => `item?.${key} === ${JSON.stringify(value)}`).join(" && ")})`;
  }
  return out;
}

/** An RFC 6901 JSON pointer for a path without matchers, or a JSONPath for one with (`$.list[?(@.key == 'v')].x`). */
export function pointerOrJsonPath(path: readonly PathStep[]): { pointer: string } | { jsonPath: string } {
  if (!path.some(isMatcher)) return { pointer: path.map((step) => `/${String(step).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("") };
  let out = "$";
  for (const step of path) {
    if (typeof step === "number") out += `[${step}]`;
    else if (typeof step === "string") out += `[${JSON.stringify(step).replace(/^"|"$/g, "'")}]`;
    else out += `[?(${matcherEntries(step).map(([key, value]) => `@.${key} == ${JSON.stringify(value)}`).join(" && ")})]`;
  }
  return { jsonPath: out };
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
