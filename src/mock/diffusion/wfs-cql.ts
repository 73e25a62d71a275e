// CQL_FILTER of GeoServer, the subset the tutorials and simple clients use: comparisons (=, <>, !=, <, >,
// <=, >=) with text, numbers and booleans, LIKE / ILIKE (% and _), IN (…), IS [NOT] NULL, BETWEEN … AND …,
// BBOX(geom, minx, miny, maxx, maxy[, 'crs']) in x/y order, IN ('type.fid') ids, INCLUDE / EXCLUDE, AND, OR,
// NOT and parentheses. Anything else is an InvalidParameterValue naming where the text stops making sense.
import type { Crs } from "./wfs-crs.ts";
import { boxToWgs84, requireCrs } from "./wfs-crs.ts";
import type { Filter, Literal } from "./wfs-filter.ts";
import { filterError, likePattern } from "./wfs-filter.ts";

type Token = { kind: "string" | "number" | "name" | "symbol"; text: string; at: number };

// Splits a CQL text into tokens.
function tokenize(text: string, locator: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) i++;
    else if (c === "'") {
      let value = "";
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === "'" && text[j + 1] === "'") value += "'", j++;
        else if (text[j] === "'") break;
        else value += text[j];
      }
      if (j >= text.length) throw filterError(locator, `chaîne ouverte à la position ${i + 1} sans apostrophe fermante`);
      tokens.push({ kind: "string", text: value, at: i });
      i = j + 1;
    } else if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw filterError(locator, `nom d'attribut entre guillemets non terminé (position ${i + 1})`);
      tokens.push({ kind: "name", text: text.slice(i + 1, end), at: i });
      i = end + 1;
    } else {
      const number = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(i));
      const name = /^[A-Za-z_][\w:.]*/.exec(text.slice(i));
      const symbol = /^(<>|!=|<=|>=|=|<|>|\(|\)|,)/.exec(text.slice(i));
      const previous = tokens.at(-1);
      const signed = number && (c !== "-" || !previous || previous.kind === "symbol");
      const match = signed ? number : name ?? symbol;
      if (!match) throw filterError(locator, `caractère « ${c} » inattendu à la position ${i + 1}`);
      tokens.push({ kind: signed ? "number" : name ? "name" : "symbol", text: match[0], at: i });
      i += match[0].length;
    }
  }
  return tokens;
}

/** Parses a CQL filter; `crs` is the CRS of BBOX coordinates given without one (the type's). */
export function parseCql(text: string, crs: Crs, version: string, locator = "cql_filter"): Filter {
  const tokens = tokenize(text, locator);
  let index = 0;
  const peek = (): Token | undefined => tokens[index];
  const word = (token: Token | undefined, ...words: string[]): boolean => token?.kind === "name" && words.includes(token.text.toUpperCase());
  const fail = (expected: string): never => {
    const token = peek();
    throw filterError(locator, `${expected} attendu ${token ? `à la position ${token.at + 1} (« ${token.text} »)` : "en fin de texte"}`);
  };
  const take = (symbol: string): void => {
    if (peek()?.text !== symbol || peek()?.kind !== "symbol") fail(`« ${symbol} »`);
    index++;
  };
  const literal = (): Literal => {
    const token = peek();
    if (token?.kind === "string") return index++, token.text;
    if (token?.kind === "number") return index++, Number(token.text);
    if (word(token, "TRUE", "FALSE")) return index++, token!.text.toUpperCase() === "TRUE";
    return fail("une valeur (texte entre apostrophes, nombre, TRUE ou FALSE)");
  };
  const literals = (): Literal[] => {
    take("(");
    const values = [literal()];
    while (peek()?.text === ",") index++, values.push(literal());
    take(")");
    return values;
  };
  const property = (): string => {
    const token = peek();
    if (token?.kind !== "name" || word(token, "AND", "OR", "NOT")) return fail("un nom d'attribut");
    index++;
    return token.text.slice(token.text.indexOf(":") + 1);
  };
  const bbox = (): Filter => {
    index++;
    take("(");
    property();
    const numbers: number[] = [];
    for (let k = 0; k < 4; k++) {
      take(",");
      const value = literal();
      if (typeof value !== "number") fail("une coordonnée numérique");
      numbers.push(value as number);
    }
    let boxCrs = { ...crs, latFirst: false };
    if (peek()?.text === ",") {
      index++;
      const name = literal();
      boxCrs = { ...requireCrs(String(name), version, locator), latFirst: false };
    }
    take(")");
    return { op: "bbox", box: boxToWgs84(boxCrs, numbers as [number, number, number, number]) };
  };
  const predicate = (): Filter => {
    const token = peek();
    if (token?.kind === "symbol" && token.text === "(") {
      index++;
      const inner = or();
      take(")");
      return inner;
    }
    if (word(token, "NOT")) return index++, { op: "not", item: predicate() };
    if (word(token, "INCLUDE")) return index++, { op: "include" };
    if (word(token, "EXCLUDE")) return index++, { op: "exclude" };
    if (word(token, "BBOX") && tokens[index + 1]?.text === "(") return bbox();
    if (word(token, "IN") && tokens[index + 1]?.text === "(") return index++, { op: "ids", ids: literals().map(String) };
    const name = property();
    const negate = word(peek(), "NOT") ? (index++, true) : false;
    const wrap = (filter: Filter): Filter => (negate ? { op: "not", item: filter } : filter);
    const next = peek();
    if (word(next, "LIKE", "ILIKE")) {
      index++;
      const pattern = literal();
      return wrap({ op: "like", property: name, pattern: likePattern(String(pattern), "%", "_", "\\", next!.text.toUpperCase() === "LIKE") });
    }
    if (word(next, "IN")) return index++, wrap({ op: "in", property: name, values: literals() });
    if (word(next, "BETWEEN")) {
      index++;
      const low = literal();
      if (!word(peek(), "AND")) fail("AND");
      index++;
      return wrap({ op: "between", property: name, low, high: literal() });
    }
    if (word(next, "IS")) {
      index++;
      const not = word(peek(), "NOT") ? (index++, true) : false;
      if (!word(peek(), "NULL")) fail("NULL");
      index++;
      return not ? { op: "not", item: { op: "null", property: name } } : { op: "null", property: name };
    }
    if (negate) fail("LIKE, IN ou BETWEEN après NOT");
    if (next?.kind !== "symbol" || !["=", "<>", "!=", "<", ">", "<=", ">="].includes(next.text)) fail("un opérateur de comparaison (=, <>, <, >, <=, >=, LIKE, IN, BETWEEN, IS NULL)");
    index++;
    const operator = (next!.text === "!=" ? "<>" : next!.text) as "=";
    return { op: "compare", property: name, operator, value: literal() };
  };
  const and = (): Filter => {
    const items = [predicate()];
    while (word(peek(), "AND")) index++, items.push(predicate());
    return items.length === 1 ? items[0]! : { op: "and", items };
  };
  const or = (): Filter => {
    const items = [and()];
    while (word(peek(), "OR")) index++, items.push(and());
    return items.length === 1 ? items[0]! : { op: "or", items };
  };
  if (tokens.length === 0) fail("une expression");
  const filter = or();
  if (index < tokens.length) fail("la fin du filtre (AND ou OR entre deux conditions)");
  return filter;
}
