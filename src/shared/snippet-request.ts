// What a copied snippet (curl, Python) describes, and the helpers both languages share. Pure.
import type { BlockUser, HttpMethod } from "./block-contract.ts";
import { FILE_PLACEHOLDER } from "./block-contract.ts";
import { substituteUrl } from "./variables.ts";

/** A file sent by a block; `url` is its own request URL (default: the request URL with `{fichier}` = name). */
export interface SnippetFile {
  name: string;
  url?: string;
  /** "page": a file produced in the page (the snippet names the local file and says where it comes from). */
  source?: "page";
}

/** A name and a value (form field, header). */
export interface SnippetField {
  name: string;
  value: string;
}

/** Names the shell variable that holds a `{placeholder}` (a script's `datastore` for `{datastore}`), or undefined
 * to keep the placeholder as text; pseudo-placeholders such as `{$API}` name the script's own variables. */
export type ShellVariables = (name: string) => string | undefined;

/** What a snippet describes: one request, or one request per file for upload blocks. */
export interface SnippetRequest {
  method: HttpMethod;
  /** URL after substitution of the known variables. */
  url: string;
  /** JSON body text, if any (ignored when `files` or `urlencoded` is non-empty). */
  body?: string;
  /** Files to send, one request each. */
  files?: readonly SnippetFile[];
  /** Extra multipart fields sent as text with each file (ignored without files or with a raw file body). */
  fields?: readonly SnippetField[];
  /** How files are sent: multipart field `file` (default) or "raw", the file as the whole body. */
  fileBody?: "multipart" | "raw";
  /** Fields sent as an application/x-www-form-urlencoded body. */
  urlencoded?: readonly SnippetField[];
  /** Extra request headers; an Authorization header among them replaces the token's. */
  headers?: readonly SnippetField[];
  /** The seeded user the request is sent as (its token variable: TOKEN_ANNE); default the reader (TOKEN). */
  user?: BlockUser;
  /** The token of that user, written out only when `revealToken` is true. */
  token?: string;
  /** Write the token's value instead of its environment variable. */
  revealToken?: boolean;
  /** Send no token (the identity service, a server outside the Géoplateforme). */
  withoutToken?: boolean;
  /** In a script (the bash export): placeholders written as shell variables (curl only). */
  variables?: ShellVariables;
  /** The block waits for a final status: the snippet reads again until it is final (see pollSpecFor). */
  poll?: boolean;
}

/** The environment variable holding a user's token: TOKEN for the reader, TOKEN_ANNE for `utilisateur=anne`. */
export const tokenVariable = (user: BlockUser | undefined): string => (user && user !== "dave" ? `TOKEN_${user.toUpperCase()}` : "TOKEN");

/** The URL of each file's request: its own `url`, or the request URL with `{fichier}` = its name, encoded as it is sent. */
export function fileUrls(request: SnippetRequest): string[] {
  return (request.files ?? []).map((file) => file.url ?? substituteUrl(request.url, { [FILE_PLACEHOLDER]: file.name }).text);
}

/** The JSON body without surrounding blanks or trailing spaces on its lines (never inside a JSON string), or undefined. */
export function bodyText(request: SnippetRequest): string | undefined {
  const text = request.body?.split(/\r?\n/).map((line) => line.trimEnd()).join("\n").trim();
  return text ? text : undefined;
}

/** The revealed token, or undefined when it must stay masked. */
export const revealedToken = (request: SnippetRequest): string | undefined => (request.revealToken && request.token ? request.token : undefined);


/** Polling defaults of the copied loops: read every 5 s, give up after 10 minutes. */
export const POLL_DEFAULTS = { intervalSeconds: 5, timeoutSeconds: 600 } as const;
