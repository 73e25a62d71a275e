// SLD 1.0.0 styles as GeoServer reads them, for the simulated WMS-Vecteur: the rules of the first UserStyle
// (NamedLayer/UserStyle/FeatureTypeStyle/Rule), their scale range, ogc:Filter or ElseFilter, and their
// polygon, line, point and text symbolizers (TextSymbolizer: Label, Font, Fill, Halo, PointPlacement).
import { FormatError } from "../../formats/errors.ts";
import type { XmlElement } from "../../formats/xml.ts";
import { localName, parseXml, textContent } from "../../formats/xml.ts";
import type { Filter } from "./filter.ts";
import { parseFilter } from "./filter.ts";

/** A colour with its opacity (0..1). */
export interface Paint {
  rgb: [number, number, number];
  opacity: number;
}

/** A stroke: paint and width in pixels. */
export interface StrokeStyle extends Paint {
  width: number;
}

/** Well-known mark names GeoServer draws. */
export const MARKS = ["square", "circle", "triangle", "star", "cross", "x"] as const;
/** One of MARKS. */
export type MarkName = (typeof MARKS)[number];

/** A piece of a label: text, or the value of a feature's property. */
export type LabelPart = { text: string } | { property: string };

/** A TextSymbolizer: the label's pieces, font size (pixels) and weight, fill, halo, anchor and displacement. */
export interface TextSymbolizer {
  kind: "text";
  label: LabelPart[];
  size: number;
  bold: boolean;
  fill: Paint;
  halo?: { radius: number; fill: Paint };
  /** AnchorPoint (0..1 of the label's box, x rightwards, y upwards), when the style gives one. */
  anchor?: [number, number];
  /** Displacement in pixels (x rightwards, y upwards). */
  displacement: [number, number];
}

/** One symbolizer of a rule. */
export type Symbolizer =
  | { kind: "polygon"; fill?: Paint; stroke?: StrokeStyle }
  | { kind: "line"; stroke: StrokeStyle }
  | { kind: "point"; mark: MarkName; size: number; fill?: Paint; stroke?: StrokeStyle; opacity: number }
  | TextSymbolizer;

/** One rule. */
export interface Rule {
  name: string;
  title: string;
  filter?: Filter;
  elseFilter: boolean;
  minScale: number;
  maxScale: number;
  symbolizers: Symbolizer[];
}

/** A parsed style: its name, title and feature type styles (each a list of rules). */
export interface Style {
  name: string;
  title: string;
  featureTypeStyles: Rule[][];
}

const children = (element: XmlElement, name: string): XmlElement[] =>
  element.children.filter((child): child is XmlElement => typeof child !== "string" && localName(child.name) === name);
const child = (element: XmlElement | undefined, name: string): XmlElement | undefined => (element ? children(element, name)[0] : undefined);
const childText = (element: XmlElement | undefined, name: string): string | undefined => {
  const found = child(element, name);
  return found ? textContent(found).trim() : undefined;
};

// CssParameter (SLD 1.0.0) or SvgParameter (SE 1.1) values by name.
function parameters(element: XmlElement | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!element) return out;
  for (const item of [...children(element, "CssParameter"), ...children(element, "SvgParameter")]) {
    if (item.attributes.name) out.set(item.attributes.name, textContent(item).trim());
  }
  return out;
}

/** A #RRGGBB (or #RGB) colour as its three channels; throws FormatError otherwise. */
export function parseColour(value: string): [number, number, number] {
  const hex = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(value.trim())?.[1];
  if (!hex) throw new FormatError(`couleur « ${value} » invalide (attendu #RRVVBB)`);
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

// A number parameter, or its default (negative values only where `signed`).
function numberOf(value: string | undefined, fallback: number, what: string, signed = false): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || (n < 0 && !signed)) throw new FormatError(`${what} « ${value} » invalide`);
  return n;
}

const GREY: [number, number, number] = [128, 128, 128];

// A Fill element (GeoTools defaults: grey, opaque).
function fillOf(element: XmlElement): Paint {
  const p = parameters(element);
  return { rgb: p.has("fill") ? parseColour(p.get("fill")!) : GREY, opacity: Math.min(1, numberOf(p.get("fill-opacity"), 1, "fill-opacity")) };
}

// A Stroke element (defaults: black, 1 pixel, opaque).
function strokeOf(element: XmlElement): StrokeStyle {
  const p = parameters(element);
  return {
    rgb: p.has("stroke") ? parseColour(p.get("stroke")!) : [0, 0, 0],
    opacity: Math.min(1, numberOf(p.get("stroke-opacity"), 1, "stroke-opacity")),
    width: numberOf(p.get("stroke-width"), 1, "stroke-width"),
  };
}

// One symbolizer element, or undefined for the kinds the simulation does not know (raster…).
function symbolizerOf(element: XmlElement): Symbolizer | undefined {
  const name = localName(element.name);
  const fill = child(element, "Fill");
  const stroke = child(element, "Stroke");
  if (name === "PolygonSymbolizer") {
    // Neither Fill nor Stroke: GeoServer fills in grey.
    if (!fill && !stroke) return { kind: "polygon", fill: { rgb: GREY, opacity: 1 } };
    return { kind: "polygon", fill: fill ? fillOf(fill) : undefined, stroke: stroke ? strokeOf(stroke) : undefined };
  }
  if (name === "LineSymbolizer") return { kind: "line", stroke: stroke ? strokeOf(stroke) : { rgb: [0, 0, 0], opacity: 1, width: 1 } };
  if (name === "PointSymbolizer") {
    const graphic = child(element, "Graphic");
    const mark = child(graphic, "Mark");
    const wellKnown = (childText(mark, "WellKnownName") ?? "square").toLowerCase();
    // An ExternalGraphic (an image at a URL) cannot be fetched here: the default square mark stands for it.
    const markName = (MARKS as readonly string[]).includes(wellKnown) ? (wellKnown as MarkName) : "square";
    const markFill = child(mark, "Fill");
    const markStroke = child(mark, "Stroke");
    const plain = !markFill && !markStroke;
    return {
      kind: "point", mark: markName, size: numberOf(childText(graphic, "Size"), 16, "Size"),
      opacity: Math.min(1, numberOf(childText(graphic, "Opacity"), 1, "Opacity")),
      fill: plain ? { rgb: GREY, opacity: 1 } : markFill ? fillOf(markFill) : undefined,
      stroke: plain ? { rgb: [0, 0, 0], opacity: 1, width: 1 } : markStroke ? strokeOf(markStroke) : undefined,
    };
  }
  if (name === "TextSymbolizer") return textSymbolizerOf(element, fill);
  return undefined;
}

// The pieces of a Label's mixed content: text, ogc:Literal, ogc:PropertyName (functions are not evaluated).
function labelParts(label: XmlElement | undefined): LabelPart[] {
  return (label?.children ?? []).flatMap((item): LabelPart[] => {
    if (typeof item === "string") return [{ text: item }];
    const kind = localName(item.name);
    if (kind === "PropertyName") return [{ property: textContent(item).trim() }];
    return kind === "Literal" ? [{ text: textContent(item) }] : [];
  });
}

// A TextSymbolizer (GeoTools defaults: 10 pixels, black, halo of radius 1 in white).
function textSymbolizerOf(element: XmlElement, fill: XmlElement | undefined): TextSymbolizer {
  const font = parameters(child(element, "Font"));
  const weight = (font.get("font-weight") ?? "normal").toLowerCase();
  const halo = child(element, "Halo");
  const haloFill = child(halo, "Fill");
  const point = child(child(element, "LabelPlacement"), "PointPlacement");
  const anchor = child(point, "AnchorPoint");
  const displacement = child(point, "Displacement");
  const coordinate = (parent: XmlElement | undefined, name: string, fallback: number): number => numberOf(childText(parent, name), fallback, name, true);
  return {
    kind: "text", label: labelParts(child(element, "Label")),
    size: numberOf(font.get("font-size"), 10, "font-size"),
    bold: weight === "bold" || weight === "bolder" || Number(weight) >= 600,
    fill: fill ? fillOf(fill) : { rgb: [0, 0, 0], opacity: 1 },
    halo: halo ? { radius: numberOf(childText(halo, "Radius"), 1, "Radius"), fill: haloFill ? fillOf(haloFill) : { rgb: [255, 255, 255], opacity: 1 } } : undefined,
    anchor: anchor ? [coordinate(anchor, "AnchorPointX", 0), coordinate(anchor, "AnchorPointY", 0.5)] : undefined,
    displacement: [coordinate(displacement, "DisplacementX", 0), coordinate(displacement, "DisplacementY", 0)],
  };
}

// One Rule element.
function ruleOf(element: XmlElement, index: number): Rule {
  const filter = child(element, "Filter");
  const symbolizers = element.children.flatMap((item) => (typeof item === "string" ? [] : symbolizerOf(item) ?? []));
  return {
    name: childText(element, "Name") ?? `rule${index + 1}`,
    title: childText(element, "Title") ?? childText(element, "Name") ?? "",
    filter: filter ? parseFilter(filter) : undefined,
    elseFilter: child(element, "ElseFilter") !== undefined,
    minScale: numberOf(childText(element, "MinScaleDenominator"), 0, "MinScaleDenominator"),
    maxScale: numberOf(childText(element, "MaxScaleDenominator"), Number.POSITIVE_INFINITY, "MaxScaleDenominator"),
    symbolizers,
  };
}

/** Parses an SLD 1.0.0 document: the default (else the first) UserStyle of its first NamedLayer; FormatError when unusable. */
export function parseSld(text: string): Style {
  const root = parseXml(text);
  if (localName(root.name) !== "StyledLayerDescriptor") throw new FormatError(`élément racine <${root.name}> au lieu de <StyledLayerDescriptor>`);
  const styles = [...children(root, "NamedLayer"), ...children(root, "UserLayer")].flatMap((layer) => children(layer, "UserStyle"));
  const style = styles.find((s) => ["1", "true"].includes(childText(s, "IsDefault") ?? "")) ?? styles[0];
  if (!style) throw new FormatError("aucun <UserStyle> dans le style");
  return {
    name: childText(style, "Name") ?? "",
    title: childText(style, "Title") ?? "",
    featureTypeStyles: children(style, "FeatureTypeStyle").map((fts) => children(fts, "Rule").map(ruleOf)),
  };
}

/** Whether the rule is active at this scale denominator (min inclusive, max exclusive, as GeoTools). */
export const activeAt = (rule: Rule, scale: number): boolean => scale >= rule.minScale && scale < rule.maxScale;
