// Analysis of static files (POST …/statics): the attributes an SLD style or an FTL template uses, an SLD's
// scale denominators, and basic validity of ROK4 styles and derivation SQL.
import { FormatError } from "./errors.ts";
import { utf8Text } from "./text-vector.ts";
import { descendants, localName, parseXml, textContent } from "./xml.ts";
import { parseRok4Style } from "./rok4-style.ts";

/** Static types of the API. */
export const STATIC_TYPES = ["GEOSERVER-STYLE", "GEOSERVER-FTL", "ROK4-STYLE", "DERIVATION-SQL"] as const;
/** One of STATIC_TYPES. */
export type StaticType = (typeof STATIC_TYPES)[number];

/** What a static's type_infos holds. */
export interface StaticInfos {
  used_attributes?: string[];
  min_scale_denominator?: number;
  max_scale_denominator?: number;
  /** ROK4-STYLE: the style's public name (WMS STYLES) and its legend's URL. */
  identifier?: string;
  legend_url?: string;
  /** DERIVATION-SQL: the {{ params.<name> }} variables the SQL uses. */
  used_variables?: string[];
}

const unique = (names: string[]): string[] => [...new Set(names.filter((name) => name !== ""))];

/** SLD: version 1.0.0, attributes of every (ogc:)PropertyName, smallest Min- and largest MaxScaleDenominator. */
export function analyseSld(text: string): StaticInfos {
  const root = parseXml(text);
  if (localName(root.name) !== "StyledLayerDescriptor") throw new FormatError(`l'élément racine est <${root.name}>, <StyledLayerDescriptor> attendu`);
  const version = root.attributes.version;
  if (version !== "1.0.0") throw new FormatError(`version SLD ${version === undefined ? "absente" : `« ${version} »`} : seule la version 1.0.0 est acceptée (attribut version="1.0.0" de <StyledLayerDescriptor>)`);
  const infos: StaticInfos = {};
  const used = unique(descendants(root, "PropertyName").map((element) => textContent(element).trim()));
  if (used.length > 0) infos.used_attributes = used;
  const scales = (name: string): number[] => descendants(root, name).map((element) => Number(textContent(element).trim())).filter(Number.isFinite);
  const mins = scales("MinScaleDenominator");
  const maxs = scales("MaxScaleDenominator");
  if (mins.length > 0) infos.min_scale_denominator = Math.min(...mins);
  if (maxs.length > 0) infos.max_scale_denominator = Math.max(...maxs);
  return infos;
}

// FreeMarker names that are never attributes.
const FTL_RESERVED = new Set(["features", "feature", "attributes", "attribute", "type", "fid", "typeName", "as", "in", "gt", "lt", "gte", "lte", "true", "false", "null", "value", "rawValue", "name", "isGeometry"]);

/**
 * FTL: the attributes of `${…}` expressions and directives. Rule: in `x.y.z` chains, a first segment that is
 * `feature`, `attributes` or a loop variable (`<#list … as f>`) is skipped (and `attributes` after it), the
 * next segment is the attribute; a chain starting with another name is that attribute (`${nom}`,
 * `${nom.value}`); built-ins after `?` and string literals are ignored.
 */
export function analyseFtl(text: string): StaticInfos {
  const aliases = new Set(["feature", "attributes", ...[...text.matchAll(/<#list\s+[^>]*?\bas\s+([A-Za-z_]\w*)/g)].map((m) => m[1]!)]);
  const expressions = [...text.matchAll(/\$\{([^}]*)\}|<#(?:if|elseif|list|assign|switch|case)\b([^>]*)>/g)].map((m) => m[1] ?? m[2] ?? "");
  const used: string[] = [];
  for (const expression of expressions) {
    const code = expression.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, " ").replace(/\?\s*[A-Za-z_]\w*/g, " ");
    for (const match of code.matchAll(/(?<![\w.])([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)/g)) {
      const segments = match[1]!.split(".");
      let index = 0;
      if (aliases.has(segments[0]!)) {
        index = 1;
        if (segments[1] === "attributes") index = 2;
      }
      const name = segments[index];
      if (name && !(index === 0 && (FTL_RESERVED.has(name) || aliases.has(name))) && !(index > 0 && FTL_RESERVED.has(name))) used.push(name);
    }
  }
  const infos: StaticInfos = {};
  const names = unique(used);
  if (names.length > 0) infos.used_attributes = names;
  return infos;
}

/** Analyses a static file of the given type; FormatError explains why it is refused. */
export function analyseStatic(type: StaticType, bytes: Uint8Array): StaticInfos {
  const text = utf8Text(bytes, "le fichier");
  if (text.trim() === "") throw new FormatError("le fichier est vide");
  if (type === "GEOSERVER-STYLE") return analyseSld(text);
  if (type === "GEOSERVER-FTL") return analyseFtl(text);
  if (type === "ROK4-STYLE") {
    const style = parseRok4Style(text);
    return { identifier: style.identifier, ...(style.legend?.url ? { legend_url: style.legend.url } : {}) };
  }
  if (type === "DERIVATION-SQL") return analyseDerivationSql(text);
  return {};
}

const TEMPLATE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** A derivation SQL's variables: `{{ params.<name> }}` (listed) and `{{ inputs.<n> }}`; FormatError for any other form. */
export function analyseDerivationSql(text: string): StaticInfos {
  const used: string[] = [];
  for (const [, expression] of text.matchAll(TEMPLATE)) {
    if (/^params\.[A-Za-z_][A-Za-z0-9_]*$/.test(expression!)) {
      if (!used.includes(expression!)) used.push(expression!);
    } else if (!/^inputs\.[1-9][0-9]*$/.test(expression!)) {
      throw new FormatError(`variable « {{ ${expression} }} » inconnue (formes acceptées : {{ params.<nom> }} et {{ inputs.<n> }}, n à partir de 1)`);
    }
  }
  if (/\{\{|\}\}/.test(text.replace(TEMPLATE, ""))) throw new FormatError("accolades {{ }} non appariées");
  return { used_variables: used };
}
