// OGC Filter Encoding 1.0 (the ogc:Filter of SLD 1.0.0 rules) evaluated on a feature's attributes:
// comparisons (EqualTo, NotEqualTo, LessThan[OrEqualTo], GreaterThan[OrEqualTo], Like, Null, Between),
// logical And/Or/Not, and expressions PropertyName, Literal, Add/Sub/Mul/Div.
import { FormatError } from "../../formats/errors.ts";
import type { XmlElement } from "../../formats/xml.ts";
import { localName, textContent } from "../../formats/xml.ts";

/** An attribute value. */
export type Value = string | number | boolean | null;
/** A compiled filter: true when the feature's properties match. */
export type Filter = (properties: Record<string, Value>) => boolean;
type Expression = (properties: Record<string, Value>) => Value;

const elements = (element: XmlElement): XmlElement[] => element.children.filter((c): c is XmlElement => typeof c !== "string");

// A value as a number when it reads as one.
function numeric(value: Value): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

// Compares two values as GeoTools does: numerically when both read as numbers, else as text.
function compare(a: Value, b: Value, matchCase: boolean): number | undefined {
  if (a === null || b === null) return undefined;
  const [x, y] = [numeric(a), numeric(b)];
  if (x !== undefined && y !== undefined) return x - y;
  const [s, t] = matchCase ? [String(a), String(b)] : [String(a).toLowerCase(), String(b).toLowerCase()];
  return s < t ? -1 : s > t ? 1 : 0;
}

// One expression element.
function expression(element: XmlElement): Expression {
  const name = localName(element.name);
  if (name === "PropertyName") {
    const property = textContent(element).trim();
    return (properties) => properties[property] ?? null;
  }
  if (name === "Literal") {
    const literal = textContent(element);
    return () => literal;
  }
  const ops: Record<string, (a: number, b: number) => number> = { Add: (a, b) => a + b, Sub: (a, b) => a - b, Mul: (a, b) => a * b, Div: (a, b) => a / b };
  const op = ops[name];
  if (op) {
    const [left, right] = elements(element).map(expression);
    if (!left || !right) throw new FormatError(`<${element.name}> attend deux expressions`);
    return (properties) => {
      const [a, b] = [numeric(left(properties)), numeric(right(properties))];
      return a === undefined || b === undefined ? null : op(a, b);
    };
  }
  throw new FormatError(`expression <${element.name}> non prise en charge dans un filtre`);
}

// A PropertyIsLike pattern as a regular expression.
function likePattern(element: XmlElement, pattern: string): RegExp {
  const wild = element.attributes.wildCard ?? "*";
  const single = element.attributes.singleChar ?? ".";
  const escape = element.attributes.escapeChar ?? element.attributes.escape ?? "\\";
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === escape && i + 1 < pattern.length) source += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (c === wild) source += ".*";
    else if (c === single) source += ".";
    else source += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, element.attributes.matchCase === "false" ? "is" : "s");
}

const COMPARISONS: Record<string, (order: number) => boolean> = {
  PropertyIsEqualTo: (o) => o === 0, PropertyIsNotEqualTo: (o) => o !== 0, PropertyIsLessThan: (o) => o < 0,
  PropertyIsGreaterThan: (o) => o > 0, PropertyIsLessThanOrEqualTo: (o) => o <= 0, PropertyIsGreaterThanOrEqualTo: (o) => o >= 0,
};

// One filter operator element.
function operator(element: XmlElement): Filter {
  const name = localName(element.name);
  const operands = elements(element);
  if (name === "And" || name === "Or") {
    const parts = operands.map(operator);
    if (parts.length < 2) throw new FormatError(`<${element.name}> attend au moins deux opérandes`);
    return name === "And" ? (p) => parts.every((f) => f(p)) : (p) => parts.some((f) => f(p));
  }
  if (name === "Not") {
    const inner = operands[0] ? operator(operands[0]) : undefined;
    if (!inner) throw new FormatError("<Not> attend un opérande");
    return (p) => !inner(p);
  }
  const test = COMPARISONS[name];
  if (test) {
    const [left, right] = operands.map(expression);
    if (!left || !right) throw new FormatError(`<${element.name}> attend deux expressions`);
    const matchCase = element.attributes.matchCase !== "false";
    return (p) => {
      const order = compare(left(p), right(p), matchCase);
      // A missing value matches no comparison, except NotEqualTo.
      return order === undefined ? name === "PropertyIsNotEqualTo" : test(order);
    };
  }
  if (name === "PropertyIsLike") {
    const [property, literal] = operands;
    if (!property || !literal) throw new FormatError("<PropertyIsLike> attend une propriété et un motif");
    const read = expression(property);
    const pattern = likePattern(element, textContent(literal));
    return (p) => {
      const value = read(p);
      return value !== null && pattern.test(String(value));
    };
  }
  if (name === "PropertyIsNull") {
    const read = operands[0] ? expression(operands[0]) : undefined;
    if (!read) throw new FormatError("<PropertyIsNull> attend une propriété");
    return (p) => read(p) === null;
  }
  if (name === "PropertyIsBetween") {
    const read = operands[0] ? expression(operands[0]) : undefined;
    const bound = (which: string): Expression | undefined => {
      const found = operands.find((o) => localName(o.name) === which);
      const inner = found ? elements(found)[0] : undefined;
      return inner ? expression(inner) : undefined;
    };
    const [lower, upper] = [bound("LowerBoundary"), bound("UpperBoundary")];
    if (!read || !lower || !upper) throw new FormatError("<PropertyIsBetween> attend une propriété et deux bornes");
    return (p) => {
      const [a, b] = [compare(read(p), lower(p), true), compare(read(p), upper(p), true)];
      return a !== undefined && b !== undefined && a >= 0 && b <= 0;
    };
  }
  throw new FormatError(`opérateur de filtre <${element.name}> non pris en charge`);
}

/** Compiles an ogc:Filter element; FormatError names an operator the simulation does not evaluate. */
export function parseFilter(filter: XmlElement): Filter {
  const [first] = elements(filter);
  if (!first) return () => true;
  return operator(first);
}
