// Parses the inside of a request block (`??? METHOD "url"` … `???`) into a BlockSpec, validating author input.
// The markup written from the spec is in api-block-html.ts; the browser reads it in src/runtime/components/api-block.ts.
import { z } from "zod";
import { BLOCK_USERS, BODY_METHODS, FILE_PLACEHOLDER, HTTP_METHODS, type BlockSpec, type BlockUser, type FormField, type HeaderField, type HttpMethod, type SampleFile } from "../../shared/block-contract.ts";
import { capturesFromExample, findPlaceholders } from "../../shared/variables.ts";

/** Matches a block's opening line; group 1 = method, group 2 = URL, group 3 = options (`utilisateur=anne`). */
export const BLOCK_OPEN = /^\?\?\?\s+(\S+)\s+"([^"]*)"((?:\s+\S+)*)\s*$/;
/** Matches any line that starts a block, well-formed or not (used to report malformed headers). */
export const BLOCK_OPEN_LOOSE = /^\?\?\?\s+\S/;
/** Matches a block's closing line. */
export const BLOCK_CLOSE = /^\?\?\?\s*$/;

/** An author error, located by a line offset from the block's opening line (0 = the opening line). */
export class BlockSyntaxError extends Error {
  constructor(message: string, readonly lineOffset: number) {
    super(message);
  }
}

/** A fenced code block found inside a request block (by markdown-it, see api-block.ts). */
export interface Fence {
  info: string;
  content: string;
  /** Offset of the opening fence line from the block's opening line. */
  offset: number;
}

/** What the build needs besides the spec: the example's language (for highlighting). */
export interface ParsedBlock {
  spec: BlockSpec;
  exampleLang?: string;
}

/** Resolves a sample file's site path (e.g. /samples/x.csv) to its size; throws when the file is missing. */
export type FileResolver = (sitePath: string) => number;

const header = z.object({
  method: z.enum(HTTP_METHODS, { error: (issue) => `méthode HTTP inconnue « ${String(issue.input)} » (attendu : ${HTTP_METHODS.join(", ")})` }),
  url: z.string().trim().min(1, "URL vide").regex(/^https?:\/\//, "l'URL doit commencer par http:// ou https://"),
});

const sitePath = z.string().regex(/^\/[^\s]+$/, "chemin de fichier attendu, commençant par / (relatif à public/)");

const fenceLang = (info: string) => info.split(/\s+/, 1)[0]!.toLowerCase();
const fenceRole = (info: string): "corps" | "reponse" | undefined => {
  const words = info.split(/\s+/).slice(1).map((word) => word.toLowerCase());
  if (words.includes("corps")) return "corps";
  if (words.includes("reponse") || words.includes("réponse")) return "reponse";
  return undefined;
};

const parseJson = (fence: Fence, what: string): unknown => {
  try {
    return JSON.parse(fence.content);
  } catch (error) {
    throw new BlockSyntaxError(`${what} : JSON invalide (${(error as Error).message})`, fence.offset);
  }
};

/** Builds and validates the spec of one block from its opening line and its fences (found by api-block.ts). */
export function parseBlock(headerLine: string, inner: readonly Fence[], id: string, resolveFile: FileResolver): ParsedBlock {
  const open = BLOCK_OPEN.exec(headerLine.trim());
  if (!open) throw new BlockSyntaxError(`en-tête de bloc mal formé : « ${headerLine.trim()} » (attendu : ??? MÉTHODE "URL")`, 0);
  const checked = header.safeParse({ method: open[1], url: open[2] });
  if (!checked.success) throw new BlockSyntaxError(checked.error.issues.map((issue) => issue.message).join(" ; "), 0);
  const method: HttpMethod = checked.data.method;
  const url = checked.data.url;
  const user = parseOptions(open[3] ?? "");

  // Fences with a title (the official pages' "Contenu" fence) only display the URL: not part of the request.
  const fences = inner.filter((fence) => !/\btitle=/.test(fence.info));
  let bodyFence: Fence | undefined;
  let exampleFence: Fence | undefined;
  let filesFence: Fence | undefined;
  let formFence: Fence | undefined;
  let headersFence: Fence | undefined;
  const positional: Fence[] = [];
  for (const fence of fences) {
    if (fenceLang(fence.info) === "files") {
      if (filesFence) throw new BlockSyntaxError("un seul bloc ```files par requête", fence.offset);
      filesFence = fence;
    } else if (fenceLang(fence.info) === "form") {
      if (formFence) throw new BlockSyntaxError("un seul bloc ```form par requête", fence.offset);
      formFence = fence;
    } else if (fenceLang(fence.info) === "headers") {
      if (headersFence) throw new BlockSyntaxError("un seul bloc ```headers par requête", fence.offset);
      headersFence = fence;
    } else if (fenceRole(fence.info) === "corps") bodyFence = fence;
    else if (fenceRole(fence.info) === "reponse") exampleFence = fence;
    else positional.push(fence);
  }
  const takesBody = BODY_METHODS.includes(method);
  for (const fence of positional) {
    if (takesBody && !bodyFence && !filesFence && !formFence) bodyFence = fence;
    else if (!exampleFence) exampleFence = fence;
    else throw new BlockSyntaxError("bloc de code en trop (un corps et un exemple de réponse au plus)", fence.offset);
  }
  if (bodyFence && !takesBody) throw new BlockSyntaxError(`une requête ${method} n'a pas de corps`, bodyFence.offset);
  if (filesFence && method !== "POST" && method !== "PUT") throw new BlockSyntaxError("l'envoi de fichiers (```files) demande la méthode POST (multipart) ou PUT (fichier comme corps)", filesFence.offset);
  if (filesFence && bodyFence) throw new BlockSyntaxError("un bloc ne peut avoir à la fois un corps JSON et des fichiers", bodyFence.offset);
  if (formFence && !filesFence && !takesBody) throw new BlockSyntaxError(`une requête ${method} n'a pas de corps : pas de champs de formulaire (\`\`\`form)`, formFence.offset);
  if (formFence && bodyFence) throw new BlockSyntaxError("un bloc ne peut avoir à la fois un corps JSON et des champs de formulaire (```form)", bodyFence.offset);
  if (formFence && filesFence && method === "PUT") throw new BlockSyntaxError("un PUT envoie le fichier comme corps entier : pas de champs de formulaire (```form)", formFence.offset);

  const spec: BlockSpec = { id, method, url, captures: [], placeholders: [] };
  if (user) spec.user = user;
  if (bodyFence) {
    if (fenceLang(bodyFence.info) === "json") parseJson(bodyFence, "corps de la requête");
    spec.body = bodyFence.content;
  }
  if (filesFence) {
    spec.files = parseFiles(filesFence, resolveFile);
    if (method === "PUT") spec.fileBody = "raw";
  }
  if (formFence && filesFence) spec.form = parseForm(formFence, true);
  else if (formFence) spec.urlencoded = parseForm(formFence, false);
  if (headersFence) spec.headers = parseHeaders(headersFence);
  let exampleLang: string | undefined;
  if (exampleFence) {
    exampleLang = fenceLang(exampleFence.info) || "text";
    spec.example = exampleFence.content;
    if (exampleLang === "json") spec.captures = capturesFromExample(parseJson(exampleFence, "exemple de réponse"));
  }
  const fieldText = [...(spec.form ?? []), ...(spec.urlencoded ?? []), ...(spec.headers ?? [])].map((field) => field.value).join("\n");
  spec.placeholders = findPlaceholders(`${url}\n${spec.body ?? ""}\n${fieldText}`).filter((name) => name !== FILE_PLACEHOLDER);
  return { spec, exampleLang };
}

function parseFiles(fence: Fence, resolveFile: FileResolver): SampleFile[] {
  const files: SampleFile[] = [];
  fence.content.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line === "") return;
    const offset = fence.offset + 1 + index;
    if (line.startsWith("@")) {
      const name = line.slice(1);
      if (!/^[^\s/]+$/.test(name)) throw new BlockSyntaxError(`nom de fichier produit dans la page attendu après @ (sans espace ni /) : « ${line} »`, offset);
      files.push({ name, href: "", size: 0, source: "page" });
      return;
    }
    const checked = sitePath.safeParse(line);
    if (!checked.success) throw new BlockSyntaxError(`${checked.error.issues[0]!.message} : « ${line} »`, offset);
    let size: number;
    try {
      size = resolveFile(line);
    } catch {
      throw new BlockSyntaxError(`fichier d'exemple introuvable : public${line}`, offset);
    }
    files.push({ name: line.slice(line.lastIndexOf("/") + 1), href: line, size });
  });
  if (files.length === 0) throw new BlockSyntaxError("bloc ```files vide", fence.offset);
  return files;
}

/** The options after the URL on the opening line: only `utilisateur=<login>` (one of BLOCK_USERS) for now. */
function parseOptions(text: string): BlockUser | undefined {
  let user: BlockUser | undefined;
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const match = /^([^=]+)=(.*)$/.exec(word);
    if (!match || match[1] !== "utilisateur") throw new BlockSyntaxError(`option inconnue « ${word} » après l'URL (attendu : utilisateur=${BLOCK_USERS.join(" ou utilisateur=")})`, 0);
    if (!(BLOCK_USERS as readonly string[]).includes(match[2]!)) throw new BlockSyntaxError(`utilisateur inconnu « ${match[2]} » (attendu : ${BLOCK_USERS.join(", ")})`, 0);
    user = match[2] as BlockUser;
  }
  return user;
}

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** `Name: value` lines of a ```headers fence: request headers (values may hold placeholders). */
function parseHeaders(fence: Fence): HeaderField[] {
  const headers: HeaderField[] = [];
  fence.content.split("\n").forEach((raw, index) => {
    if (raw.trim() === "") return;
    const offset = fence.offset + 1 + index;
    const colon = raw.indexOf(":");
    if (colon < 0) throw new BlockSyntaxError(`en-tête attendu sous la forme Nom: valeur : « ${raw.trim()} »`, offset);
    const name = raw.slice(0, colon).trim();
    const value = raw.slice(colon + 1).trim();
    if (!HEADER_NAME.test(name)) throw new BlockSyntaxError(`nom d'en-tête invalide « ${name} » (lettres, chiffres et - seulement)`, offset);
    if (value === "") throw new BlockSyntaxError(`valeur vide pour l'en-tête « ${name} »`, offset);
    if (headers.some((header) => header.name.toLowerCase() === name.toLowerCase())) throw new BlockSyntaxError(`en-tête « ${name} » donné deux fois`, offset);
    headers.push({ name, value });
  });
  if (headers.length === 0) throw new BlockSyntaxError("bloc ```headers vide", fence.offset);
  return headers;
}

/**
 * `name=value` lines of a ```form fence: multipart fields sent with each file (e.g. type, name of a static), or, without
 * files, the fields of an application/x-www-form-urlencoded body (e.g. a token request).
 */
function parseForm(fence: Fence, multipart: boolean): FormField[] {
  const fields: FormField[] = [];
  fence.content.split("\n").forEach((raw, index) => {
    if (raw.trim() === "") return;
    const match = /^\s*([A-Za-z_][\w.-]*)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!match) throw new BlockSyntaxError(`champ de formulaire attendu sous la forme nom=valeur : « ${raw.trim()} »`, fence.offset + 1 + index);
    if (multipart && match[1] === "file") throw new BlockSyntaxError("le champ « file » est réservé aux fichiers", fence.offset + 1 + index);
    fields.push({ name: match[1]!, value: match[2]! });
  });
  if (fields.length === 0) throw new BlockSyntaxError("bloc ```form vide", fence.offset);
  return fields;
}
