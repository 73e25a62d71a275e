// The FreeMarker subset of GeoServer's GetFeatureInfo templates (content.ftl) the simulation renders:
// comments <#-- -->, white-space stripping, <#list X as y>…</#list>, <#if X>…<#elseif X>…<#else>…</#if> (a value's truth, ==, !=,
// ?has_content), ${path} with built-ins ?html ?string ?upper_case ?lower_case ?c ?size and a default `!"text"`.
// The data model is GeoServer's: `features` (each with `fid`, `typeName`, `attributes` and each attribute by
// name as {name, value, rawValue, isGeometry}) and `type` ({name, title}). Values are written HTML-escaped.
import { FormatError } from "../../formats/errors.ts";
import { escapeXml } from "../../formats/xml.ts";

type Node =
  | { kind: "text"; text: string }
  | { kind: "value"; expression: string }
  | { kind: "list"; expression: string; name: string; body: Node[] }
  | { kind: "if"; branches: { condition: string; body: Node[] }[]; otherwise: Node[] };

const TOKEN = /<#--[\s\S]*?-->|<#(list|if|elseif|else)\b\s*([^>]*?)\s*\/?>|<\/#(list|if)\s*>|\$\{([^}]*)\}/g;

// FreeMarker's white-space stripping: a line holding only directives (and blanks) leaves no trace.
const stripped = (template: string): string =>
  template.split(/(?<=\n)/).map((line) => (/^[ \t]*(?:(?:<#[^>]*>|<\/#[^>]*>)[ \t]*)+\r?\n?$/.test(line) && !line.includes("${") ? line.trim() : line)).join("");

// The template as a tree of nodes.
function parse(source: string): Node[] {
  const template = stripped(source);
  const root: Node[] = [];
  const stack: { nodes: Node[]; node?: Extract<Node, { kind: "list" | "if" }> }[] = [{ nodes: root }];
  const top = () => stack[stack.length - 1]!;
  let last = 0;
  for (const match of template.matchAll(TOKEN)) {
    if (match.index > last) top().nodes.push({ kind: "text", text: template.slice(last, match.index) });
    last = match.index + match[0].length;
    const [, directive, args, closing, expression] = match;
    if (expression !== undefined) top().nodes.push({ kind: "value", expression: expression.trim() });
    else if (directive === "list") {
      const parts = /^(.+?)\s+as\s+([A-Za-z_]\w*)$/.exec(args ?? "");
      if (!parts) throw new FormatError(`directive <#list ${args}> mal formée (attendu <#list liste as élément>)`);
      const node: Node = { kind: "list", expression: parts[1]!.trim(), name: parts[2]!, body: [] };
      top().nodes.push(node);
      stack.push({ nodes: node.body, node });
    } else if (directive === "if") {
      const node: Node = { kind: "if", branches: [{ condition: args ?? "", body: [] }], otherwise: [] };
      top().nodes.push(node);
      stack.push({ nodes: node.branches[0]!.body, node });
    } else if (directive === "elseif" || directive === "else") {
      const node = top().node;
      if (node?.kind !== "if") throw new FormatError(`<#${directive}> en dehors d'un <#if>`);
      if (directive === "elseif") {
        node.branches.push({ condition: args ?? "", body: [] });
        top().nodes = node.branches[node.branches.length - 1]!.body;
      } else top().nodes = node.otherwise;
    } else if (closing) {
      if (top().node?.kind !== closing) throw new FormatError(`</#${closing}> sans <#${closing}> ouvrant`);
      stack.pop();
    }
  }
  if (stack.length > 1) throw new FormatError(`<#${top().node!.kind}> non fermé`);
  if (last < template.length) root.push({ kind: "text", text: template.slice(last) });
  return root;
}

type Scope = Record<string, unknown>;

// Evaluates a path with built-ins and a default value.
function evaluate(expression: string, scope: Scope): unknown {
  const literal = /^"((?:[^"\\]|\\.)*)"$|^'((?:[^'\\]|\\.)*)'$/.exec(expression.trim());
  if (literal) return literal[1] ?? literal[2];
  if (/^-?\d+(\.\d+)?$/.test(expression.trim())) return Number(expression);
  const bang = expression.indexOf("!");
  if (bang >= 0) {
    const value = evaluate(expression.slice(0, bang), scope);
    const fallback = expression.slice(bang + 1).trim();
    return value === undefined || value === null ? (fallback === "" ? "" : evaluate(fallback, scope)) : value;
  }
  const [path, ...builtIns] = expression.split("?").map((part) => part.trim());
  let value: unknown = scope;
  for (const segment of path!.split(".")) {
    if (value === null || value === undefined || typeof value !== "object") throw new FormatError(`« ${path} » ne désigne aucune valeur du gabarit`);
    value = (value as Scope)[segment];
  }
  for (const builtIn of builtIns) {
    if (builtIn === "has_content") value = value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);
    else if (builtIn === "size") value = Array.isArray(value) ? value.length : String(value ?? "").length;
    else if (builtIn === "upper_case") value = String(value ?? "").toUpperCase();
    else if (builtIn === "lower_case") value = String(value ?? "").toLowerCase();
    else if (!["html", "string", "c", "xhtml", "trim"].includes(builtIn)) throw new FormatError(`opérateur ?${builtIn} non pris en charge par la simulation`);
  }
  if (value === undefined) throw new FormatError(`« ${path} » ne désigne aucune valeur du gabarit`);
  return value;
}

// A condition of <#if>: a comparison or a value's truth.
function condition(text: string, scope: Scope): boolean {
  const comparison = /^(.+?)\s*(==|!=|=)\s*(.+)$/.exec(text);
  if (comparison) {
    const equal = String(evaluate(comparison[1]!, scope)) === String(evaluate(comparison[3]!, scope));
    return comparison[2] === "!=" ? !equal : equal;
  }
  const negated = text.startsWith("!");
  const value = evaluate(negated ? text.slice(1) : text, scope);
  return negated ? !value : Boolean(value);
}

// Writes nodes in a scope.
function render(nodes: Node[], scope: Scope): string {
  let out = "";
  for (const node of nodes) {
    if (node.kind === "text") out += node.text;
    else if (node.kind === "value") {
      const value = evaluate(node.expression, scope);
      out += escapeXml(value === null ? "" : typeof value === "object" ? "" : String(value));
    } else if (node.kind === "list") {
      const items = evaluate(node.expression, scope);
      if (!Array.isArray(items)) throw new FormatError(`« ${node.expression} » n'est pas une liste`);
      for (const item of items) out += render(node.body, { ...scope, [node.name]: item });
    } else {
      const branch = node.branches.find((b) => condition(b.condition, scope));
      out += render(branch ? branch.body : node.otherwise, scope);
    }
  }
  return out;
}

/** One attribute as the template sees it. */
export interface TemplateAttribute {
  name: string;
  value: string;
  rawValue: unknown;
  isGeometry: boolean;
}

/** One feature as the template sees it: fid, typeName, attributes (list) and each attribute by name. */
export type TemplateFeature = { fid: string; typeName: string; attributes: TemplateAttribute[] } & Record<string, unknown>;

/** A feature wrapped for templates. */
export function templateFeature(fid: string, typeName: string, attributes: TemplateAttribute[]): TemplateFeature {
  const byName = Object.fromEntries(attributes.map((a) => [a.name, a]));
  return Object.assign(Object.create(null) as object, byName, { fid, typeName, attributes: Object.assign([...attributes], byName) });
}

/** Renders a template with GeoServer's model; FormatError when it uses what the simulation does not know. */
export function renderFtl(template: string, typeName: string, features: TemplateFeature[]): string {
  return render(parse(template), { features, type: { name: typeName, title: typeName } });
}
