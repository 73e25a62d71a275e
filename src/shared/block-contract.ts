// The contract between the build (src/build/markdown/api-block*.ts), which writes a request block's markup,
// and the browser (src/runtime/components/api-block.ts), which reads it. Changing a name here changes both.

/** HTTP methods a request block may use. */
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** One of HTTP_METHODS. */
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Methods whose block carries an editable request body. */
export const BODY_METHODS: readonly HttpMethod[] = ["POST", "PUT", "PATCH"];

/** A sample file shipped with the site (under public/) that an upload block sends. */
export interface SampleFile {
  /** File name as sent in the multipart part and in `{fichier}`. */
  name: string;
  /** Site-absolute URL of the file, e.g. /samples/archive/departements.csv; "" for a file produced in the page. */
  href: string;
  /** Size in bytes, computed at build time (0 for a file produced in the page). */
  size: number;
  /**
   * "page": a file produced in the page by a component (```files line `@name`, e.g. `@observations.geojson`), read at
   * run time from src/runtime/generated-files.ts; absent: a site file.
   */
  source?: "page";
}

/** A request header of a block (```headers fence, one `Name: value` per line); the value may hold placeholders. */
export interface HeaderField {
  name: string;
  value: string;
}

/** The Authorization header among a block's (or a request's) own headers, which replaces the reader's token; if any. */
export const authorizationHeader = (item: { headers?: readonly HeaderField[] | undefined }): HeaderField | undefined =>
  item.headers?.find((header) => header.name.toLowerCase() === "authorization");

/** Seeded users a block may run as (`??? GET "url" utilisateur=anne`); the default user is the first. */
export const BLOCK_USERS = ["dave", "anne"] as const;

/** One of BLOCK_USERS. */
export type BlockUser = (typeof BLOCK_USERS)[number];

/** A multipart field sent with each file of an upload block (```form fence), e.g. `type=GEOSERVER-STYLE`. */
export interface FormField {
  name: string;
  /** Value; may hold runtime placeholders. */
  value: string;
}

/**
 * Identifies an array item by its identifying fields (dotted paths inside the item, e.g. "check.name", with the
 * example's literal values): the live item with the most equal fields (at least one, no tie) is the one captured.
 */
export interface CaptureMatch {
  match: Record<string, string | number | boolean>;
}

/**
 * A variable filled from a response: the JSON path where the example response holds `{variable}`. A step is an object
 * key, an array index (items without identifying fields, or an example array of one item), or a CaptureMatch.
 */
export interface Capture {
  path: (string | number | CaptureMatch)[];
  variable: string;
}

/** Everything the browser needs to run one block; serialised as JSON inside the block's markup. */
export interface BlockSpec {
  /** Stable id within the site: `<page url>#<index>`; keys the stored result. */
  id: string;
  method: HttpMethod;
  /** URL after build-time substitution; runtime placeholders such as `{upload}` still in braces. */
  url: string;
  /** Request body text (JSON), if any. */
  body?: string;
  /** Sample files sent as multipart `file`, one request per file, if this is an upload block. */
  files?: SampleFile[];
  /** Extra multipart fields sent with each file. */
  form?: FormField[];
  /** How files are sent: "multipart" (default, field `file`) or "raw" (the file is the whole body: a PUT with ```files). */
  fileBody?: "multipart" | "raw";
  /** Fields sent as an application/x-www-form-urlencoded body (a ```form fence without ```files, e.g. a token request). */
  urlencoded?: FormField[];
  /** Extra request headers (```headers fence); an Authorization header here replaces the reader's token. */
  headers?: HeaderField[];
  /**
   * The user the request is sent as, when not the reader's own account (`utilisateur=anne` on the opening line): in
   * simulated mode that seeded user's token, in real mode the token the reader gave for them in the settings.
   */
  user?: BlockUser;
  /** Example response text, if any. */
  example?: string;
  /** Where variables come from in the response. */
  captures: Capture[];
  /** Runtime placeholders used by the URL, body, form fields and headers, in order of appearance. */
  placeholders: string[];
}

/** The per-file placeholder of upload blocks: replaced by each file's name, never stored as a variable. */
export const FILE_PLACEHOLDER = "fichier";

/** Attribute names and selectors of the block markup (test contract: data-api-block, data-method, data-url, data-response-status). */
export const BLOCK_ATTR = {
  root: "data-api-block",
  method: "data-method",
  url: "data-url",
  status: "data-response-status",
  spec: "data-api-spec",
} as const;

/** A block whose response fills a variable (build: src/build/markdown/variable-sources.ts; browser: src/runtime/providers.ts). */
export interface VariableSource {
  /** Page URL and block anchor, e.g. /tutoriels/x/livraison/#bloc-3. */
  href: string;
  pageTitle: string;
  /** True when the variable is the resource's own `_id` in the response (the block creates or reads it). */
  own: boolean;
}

/** Variable name → the blocks that provide it; served as /assets/variable-sources.json. */
export type VariableSources = Record<string, VariableSource[]>;
