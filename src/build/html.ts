// A tiny escaping HTML builder for markup written at build time: text and attribute values are always escaped;
// only values wrapped by raw() (already-safe HTML such as Shiki's output) are inserted as they are.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

const SPECIAL = /[&<>"']/;

/** Escapes text for use in HTML content or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (char) => ESCAPES[char]!) : text;
}

/** HTML that must not be escaped again. */
export class RawHtml {
  constructor(readonly html: string) {}
}

/** Marks trusted HTML (produced by Shiki or by h()). */
export function raw(html: string): RawHtml {
  return new RawHtml(html);
}

/** A child of h(): text (escaped), trusted HTML, or nothing. */
export type Child = string | RawHtml | null | undefined | false | Child[];

/** Attribute values: true renders a bare attribute, false/undefined omits it. */
export type Attrs = Record<string, string | number | boolean | undefined>;

const render = (child: Child): string => {
  if (child === null || child === undefined || child === false) return "";
  if (child instanceof RawHtml) return child.html;
  if (typeof child === "string") return escapeHtml(child);
  let html = "";
  for (const item of child) html += render(item);
  return html;
};

/** Builds an element; returns it as trusted HTML so it can be nested. */
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): RawHtml {
  let html = `<${tag}`;
  for (const name in attrs) {
    const value = attrs[name];
    if (value === undefined || value === false) continue;
    html += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  html += ">";
  for (const child of children) html += render(child);
  return raw(`${html}</${tag}>`);
}

/** Serialises a value as JSON that is safe inside a <script type="application/json"> element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
