// Tiny XML toolkit: an escaping builder for the documents the simulated services answer, and a small
// non-validating parser (elements, attributes, text, comments, CDATA, processing instructions, DOCTYPE,
// predefined and numeric entities) used to analyse SLD styles and to check well-formedness in tests.
import { FormatError } from "./errors.ts";

/** A fragment of already-escaped XML. */
export interface Xml {
  readonly xml: string;
}

/** Attribute values (undefined ones are left out). */
export type XmlAttributes = Record<string, string | number | boolean | undefined>;
/** A child: a fragment, or text (escaped), or nothing. */
export type XmlChild = Xml | string | number | null | undefined | false;

/** Escapes text for element content and double-quoted attribute values; characters not allowed in XML 1.0 are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// The XML of one child.
const childXml = (child: XmlChild): string =>
  child === null || child === undefined || child === false ? "" : typeof child === "object" ? child.xml : escapeXml(String(child));

/** An element with attributes and children (strings and numbers become escaped text). */
export function el(name: string, attributes: XmlAttributes = {}, ...children: XmlChild[]): Xml {
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join("");
  const content = children.map(childXml).join("");
  return { xml: content === "" ? `<${name}${attrs}/>` : `<${name}${attrs}>${content}</${name}>` };
}

/** Several fragments as one. */
export function fragment(...children: XmlChild[]): Xml {
  return { xml: children.map(childXml).join("") };
}

/** A whole document: XML declaration and the root element, indented two spaces per level. */
export function xmlDocument(root: Xml): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serializeXml(parseXml(root.xml))}\n`;
}

/** Serialises a parsed element, indented; elements holding only text stay on one line. */
export function serializeXml(element: XmlElement, depth = 0): string {
  const pad = "  ".repeat(depth);
  const attrs = Object.entries(element.attributes).map(([key, value]) => ` ${key}="${escapeXml(value)}"`).join("");
  const children = element.children.filter((child) => typeof child !== "string" || child.trim() !== "");
  if (children.length === 0) return `${pad}<${element.name}${attrs}/>`;
  if (children.every((child) => typeof child === "string")) return `${pad}<${element.name}${attrs}>${escapeXml(children.join(""))}</${element.name}>`;
  const inner = children.map((child) => (typeof child === "string" ? `${pad}  ${escapeXml(child.trim())}` : serializeXml(child, depth + 1))).join("\n");
  return `${pad}<${element.name}${attrs}>\n${inner}\n${pad}</${element.name}>`;
}

/** A parsed element. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const NAME = /^[A-Za-z_:\u00c0-\uffff][\w.:\-\u00b7\u00c0-\uffff]*/;

// Replaces entity references; an unknown one is an error.
function decode(text: string, at: () => string): string {
  return text.replace(/&([^;&\s]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(";")) throw new FormatError(`XML mal formé : « & » non échappé ${at()}`);
    if (ENTITIES[name]) return ENTITIES[name]!;
    const code = /^#x([0-9a-f]+)$/i.exec(name)?.[1] ?? /^#(\d+)$/.exec(name)?.[1];
    if (code !== undefined) return String.fromCodePoint(Number.parseInt(code, name.startsWith("#x") || name.startsWith("#X") ? 16 : 10));
    throw new FormatError(`XML mal formé : entité inconnue « &${name}; » ${at()}`);
  });
}

/** Parses a document and returns its root element; throws FormatError (with line and column) when malformed. */
export function parseXml(text: string): XmlElement {
  let i = 0;
  const where = (): string => {
    const before = text.slice(0, i);
    return `(ligne ${before.split("\n").length}, colonne ${i - before.lastIndexOf("\n")})`;
  };
  const fail = (message: string): never => {
    throw new FormatError(`XML mal formé : ${message} ${where()}`);
  };
  const skip = (end: string): void => {
    const next = text.indexOf(end, i);
    if (next < 0) fail(`« ${end} » attendu`);
    i = next + end.length;
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < text.length) {
    if (text[i] !== "<") {
      const next = text.indexOf("<", i);
      const chunk = text.slice(i, next < 0 ? text.length : next);
      if (stack.length > 0) stack[stack.length - 1]!.children.push(decode(chunk, where));
      else if (chunk.trim() !== "") fail("texte en dehors de l'élément racine");
      i = next < 0 ? text.length : next;
    } else if (text.startsWith("<!--", i)) skip("-->");
    else if (text.startsWith("<![CDATA[", i)) {
      const start = i + 9;
      skip("]]>");
      if (stack.length === 0) fail("section CDATA en dehors de l'élément racine");
      stack[stack.length - 1]!.children.push(text.slice(start, i - 3));
    } else if (text.startsWith("<?", i)) skip("?>");
    else if (text.startsWith("<!DOCTYPE", i)) {
      const bracket = text.indexOf("[", i);
      const close = text.indexOf(">", i);
      if (bracket >= 0 && bracket < close) skip("]>");
      else skip(">");
    } else if (text.startsWith("</", i)) {
      i += 2;
      const name = NAME.exec(text.slice(i))?.[0] ?? fail("nom de balise fermante attendu");
      i += name.length;
      while (/\s/.test(text[i] ?? "")) i++;
      if (text[i] !== ">") fail("« > » attendu");
      i++;
      const open = stack.pop();
      if (!open || open.name !== name) fail(`balise fermante </${name}> sans balise ouvrante correspondante${open ? ` (<${open.name}> ouverte)` : ""}`);
    } else {
      i++;
      const name = NAME.exec(text.slice(i))?.[0] ?? fail("nom d'élément attendu");
      i += name.length;
      const element: XmlElement = { name, attributes: {}, children: [] };
      for (;;) {
        const space = /^\s*/.exec(text.slice(i))![0].length;
        i += space;
        if (text.startsWith("/>", i) || text[i] === ">") break;
        if (space === 0) fail("espace attendu entre les attributs");
        const attr = NAME.exec(text.slice(i))?.[0] ?? fail("nom d'attribut attendu");
        i += attr.length;
        const eq = /^\s*=\s*(["'])/.exec(text.slice(i)) ?? fail(`valeur entre guillemets attendue pour l'attribut ${attr}`);
        i += eq[0].length;
        const end = text.indexOf(eq[1]!, i);
        if (end < 0) fail(`valeur de l'attribut ${attr} non terminée`);
        const value = text.slice(i, end);
        if (value.includes("<")) fail(`« < » dans la valeur de l'attribut ${attr}`);
        if (Object.hasOwn(element.attributes, attr)) fail(`attribut ${attr} répété`);
        element.attributes[attr] = decode(value, where);
        i = end + 1;
      }
      if (stack.length === 0 && root) fail("plusieurs éléments racines");
      if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
      else root = element;
      if (text[i] === "/") i += 2;
      else {
        i++;
        stack.push(element);
      }
    }
  }
  if (stack.length > 0) fail(`élément <${stack[stack.length - 1]!.name}> non fermé`);
  if (!root) fail("document vide");
  return root!;
}

/** Name without its namespace prefix. */
export const localName = (name: string): string => name.slice(name.indexOf(":") + 1);

/** Every descendant element with this local name, in document order. */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of element.children) {
    if (typeof child === "string") continue;
    if (localName(child.name) === name) out.push(child);
    out.push(...descendants(child, name));
  }
  return out;
}

/** The concatenated text of an element and its descendants. */
export function textContent(element: XmlElement): string {
  return element.children.map((child) => (typeof child === "string" ? child : textContent(child))).join("");
}
