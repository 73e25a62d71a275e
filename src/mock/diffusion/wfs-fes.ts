// FILTER of WFS GetFeature: an FES 2.0 (or Filter Encoding 1.1) XML filter read with formats/xml.ts —
// And, Or, Not, PropertyIsEqualTo / NotEqualTo / LessThan / GreaterThan / …OrEqualTo, PropertyIsLike,
// PropertyIsNull, PropertyIsBetween, ResourceId / FeatureId and BBOX with a gml:Envelope.
import { FormatError } from "../formats/errors.ts";
import type { XmlElement } from "../formats/xml.ts";
import { localName, parseXml, textContent } from "../formats/xml.ts";
import type { Crs } from "./wfs-crs.ts";
import { boxToWgs84, requireCrs } from "./wfs-crs.ts";
import type { Filter, Literal } from "./wfs-filter.ts";
import { filterError, likePattern } from "./wfs-filter.ts";

const COMPARISONS: Record<string, "=" | "<>" | "<" | ">" | "<=" | ">="> = {
  PropertyIsEqualTo: "=", PropertyIsNotEqualTo: "<>", PropertyIsLessThan: "<", PropertyIsGreaterThan: ">",
  PropertyIsLessThanOrEqualTo: "<=", PropertyIsGreaterThanOrEqualTo: ">=",
};

const elements = (element: XmlElement): XmlElement[] => element.children.filter((child): child is XmlElement => typeof child !== "string");
const child = (element: XmlElement, ...names: string[]): XmlElement | undefined => elements(element).find((item) => names.includes(localName(item.name)));

/** Parses an FES filter document; `crs` is the CRS of an envelope without srsName (the type's). */
export function parseFes(text: string, crs: Crs, version: string, locator = "filter"): Filter {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    throw filterError(locator, error instanceof FormatError ? error.message : String(error));
  }
  if (localName(root.name) !== "Filter") throw filterError(locator, `élément racine <${root.name}> au lieu de <fes:Filter>`);
  const operands = elements(root);
  if (operands.length === 0) throw filterError(locator, "<fes:Filter> vide");
  if (operands.every((item) => ["ResourceId", "FeatureId", "GmlObjectId"].includes(localName(item.name)))) {
    return { op: "ids", ids: operands.map((item) => item.attributes.rid ?? item.attributes.fid ?? item.attributes["gml:id"] ?? "") };
  }
  if (operands.length > 1) throw filterError(locator, "<fes:Filter> doit contenir une seule condition (regroupez-les dans <fes:And> ou <fes:Or>)");

  const propertyOf = (element: XmlElement): string => {
    const reference = child(element, "ValueReference", "PropertyName");
    const name = reference ? textContent(reference).trim() : "";
    if (!name) throw filterError(locator, `<${element.name}> sans <fes:ValueReference>`);
    return name.slice(name.indexOf(":") + 1);
  };
  const literalOf = (element: XmlElement | undefined, what: string): Literal => {
    if (!element) throw filterError(locator, `${what} sans <fes:Literal>`);
    const value = textContent(element).trim();
    return value !== "" && Number.isFinite(Number(value)) ? Number(value) : value;
  };
  const read = (element: XmlElement): Filter => {
    const name = localName(element.name);
    if (name === "And" || name === "Or") {
      const items = elements(element).map(read);
      if (items.length < 2) throw filterError(locator, `<fes:${name}> demande au moins deux conditions`);
      return { op: name === "And" ? "and" : "or", items };
    }
    if (name === "Not") {
      const [item] = elements(element);
      if (!item) throw filterError(locator, "<fes:Not> vide");
      return { op: "not", item: read(item) };
    }
    const operator = COMPARISONS[name];
    if (operator) {
      const value = literalOf(child(element, "Literal"), `<fes:${name}>`);
      return { op: "compare", property: propertyOf(element), operator, value, matchCase: element.attributes.matchCase !== "false" };
    }
    if (name === "PropertyIsLike") {
      const { wildCard = "*", singleChar = ".", escapeChar = "!" } = element.attributes;
      const pattern = String(literalOf(child(element, "Literal"), "<fes:PropertyIsLike>"));
      return { op: "like", property: propertyOf(element), pattern: likePattern(pattern, wildCard, singleChar, escapeChar ?? element.attributes.escape, element.attributes.matchCase !== "false") };
    }
    if (name === "PropertyIsNull") return { op: "null", property: propertyOf(element) };
    if (name === "PropertyIsBetween") {
      const bound = (tag: string): Literal => literalOf(child(child(element, tag) ?? element, "Literal"), `<fes:${tag}>`);
      return { op: "between", property: propertyOf(element), low: bound("LowerBoundary"), high: bound("UpperBoundary") };
    }
    if (name === "BBOX") {
      const envelope = child(element, "Envelope");
      const corner = (tag: string): number[] => {
        const found = envelope ? child(envelope, tag) : undefined;
        const numbers = found ? textContent(found).trim().split(/\s+/).map(Number) : [];
        if (numbers.length < 2 || numbers.some((n) => !Number.isFinite(n))) throw filterError(locator, `<fes:BBOX> : <gml:${tag}> absent ou non numérique`);
        return numbers;
      };
      const [lower, upper] = [corner("lowerCorner"), corner("upperCorner")];
      const boxCrs = envelope?.attributes.srsName ? requireCrs(envelope.attributes.srsName, version, locator) : crs;
      return { op: "bbox", box: boxToWgs84(boxCrs, [lower[0]!, lower[1]!, upper[0]!, upper[1]!]) };
    }
    throw filterError(locator, `opérateur <${element.name}> non pris en charge par la simulation (And, Or, Not, PropertyIsEqualTo, PropertyIsNotEqualTo, PropertyIsLessThan, PropertyIsGreaterThan, PropertyIsLike, PropertyIsNull, PropertyIsBetween, BBOX, ResourceId)`);
  };
  return read(operands[0]!);
}
