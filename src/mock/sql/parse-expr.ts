// Expressions, by precedence: OR < AND < NOT < comparison (=, <>, <, LIKE, ILIKE, IN, BETWEEN, IS [NOT] NULL)
// < + - || < * / % < unary minus < ::type casts < primary (literal, column, function call, CAST, CASE, ( … )).
import type { Expr } from "./ast.ts";
import type { Cursor } from "./parser.ts";
import { SqlError } from "./tokens.ts";
import { normaliseType } from "./types.ts";

const COMPARISONS = ["=", "<>", "!=", "<", ">", "<=", ">="];

/** Parses one expression at the cursor. */
export function parseExpression(c: Cursor): Expr {
  return or(c);
}

function or(c: Cursor): Expr {
  let left = and(c);
  while (c.is("or")) {
    const line = c.take().line;
    left = { k: "bin", op: "or", l: left, r: and(c), line };
  }
  return left;
}

function and(c: Cursor): Expr {
  let left = not(c);
  while (c.is("and")) {
    const line = c.take().line;
    left = { k: "bin", op: "and", l: left, r: not(c), line };
  }
  return left;
}

function not(c: Cursor): Expr {
  if (c.accept("not")) return { k: "unary", op: "not", e: not(c) };
  return comparison(c);
}

function comparison(c: Cursor): Expr {
  const left = additive(c);
  const line = c.peek.line;
  if (c.peek.kind === "op" && COMPARISONS.includes(c.peek.text)) {
    const op = c.take().text;
    return { k: "bin", op: op === "!=" ? "<>" : op, l: left, r: additive(c), line };
  }
  if (c.accept("is")) {
    const negated = c.accept("not");
    c.expect("null");
    return { k: "isnull", e: left, not: negated };
  }
  const negated = c.is("not") && c.next.kind === "word" && ["like", "ilike", "in", "between"].includes(c.next.text) ? (c.take(), true) : false;
  if (c.is("like", "ilike")) {
    const op = c.take().text;
    const expr: Expr = { k: "bin", op, l: left, r: additive(c), line };
    return negated ? { k: "unary", op: "not", e: expr } : expr;
  }
  if (c.accept("in")) {
    c.expectOp("(");
    const list: Expr[] = [];
    do list.push(parseExpression(c)); while (c.acceptOp(","));
    c.expectOp(")");
    return { k: "in", e: left, list, not: negated };
  }
  if (c.accept("between")) {
    const lo = additive(c);
    c.expect("and");
    return { k: "between", e: left, lo, hi: additive(c), not: negated };
  }
  if (negated) c.fail("LIKE, IN ou BETWEEN");
  return left;
}

function additive(c: Cursor): Expr {
  let left = multiplicative(c);
  while (c.isOp("+") || c.isOp("-") || c.isOp("||")) {
    const { text, line } = c.take();
    left = { k: "bin", op: text, l: left, r: multiplicative(c), line };
  }
  return left;
}

function multiplicative(c: Cursor): Expr {
  let left = unary(c);
  while (c.isOp("*") || c.isOp("/") || c.isOp("%")) {
    const { text, line } = c.take();
    left = { k: "bin", op: text, l: left, r: unary(c), line };
  }
  return left;
}

function unary(c: Cursor): Expr {
  if (c.acceptOp("-")) return { k: "unary", op: "-", e: unary(c) };
  if (c.acceptOp("+")) return unary(c);
  return cast(c);
}

/** A type: words (`double precision`, `character varying`, `timestamp with time zone`) and (modifiers), normalised. */
export function typeName(c: Cursor, what = "type"): { type: string; serial: boolean } {
  const line = c.peek.line;
  let base = c.ident(what);
  while (c.is("varying", "precision", "with", "without", "time", "zone")) base += ` ${c.take().text}`;
  const modifiers: string[] = [];
  if (c.acceptOp("(")) {
    do modifiers.push(c.take().text); while (c.acceptOp(","));
    c.expectOp(")");
  }
  const type = normaliseType(base, modifiers);
  if (!type) throw new SqlError(line, `type « ${base} » inconnu`);
  return type;
}

// A type name after :: or AS.
const castType = (c: Cursor): string => typeName(c).type;

function cast(c: Cursor): Expr {
  let expr = primary(c);
  while (c.isOp("::")) {
    const line = c.take().line;
    expr = { k: "cast", e: expr, type: castType(c), line };
  }
  return expr;
}

function primary(c: Cursor): Expr {
  const token = c.peek;
  if (token.kind === "number") { c.take(); return /[.eE]/.test(token.text) ? { k: "lit", v: Number(token.text), decimal: true } : { k: "lit", v: Number(token.text) }; }
  if (token.kind === "string") { c.take(); return { k: "lit", v: token.text }; }
  if (c.acceptOp("(")) {
    const expr = parseExpression(c);
    c.expectOp(")");
    return expr;
  }
  if (c.accept("null")) return { k: "lit", v: null };
  if (c.accept("true")) return { k: "lit", v: true };
  if (c.accept("false")) return { k: "lit", v: false };
  if (c.accept("cast")) {
    c.expectOp("(");
    const e = parseExpression(c);
    c.expect("as");
    const type = castType(c);
    c.expectOp(")");
    return { k: "cast", e, type, line: token.line };
  }
  if (c.accept("case")) {
    const whens: [Expr, Expr][] = [];
    while (c.accept("when")) {
      const when = parseExpression(c);
      c.expect("then");
      whens.push([when, parseExpression(c)]);
    }
    if (whens.length === 0) c.fail("WHEN");
    const otherwise = c.accept("else") ? parseExpression(c) : undefined;
    c.expect("end");
    return otherwise ? { k: "case", whens, otherwise } : { k: "case", whens };
  }
  if (token.kind === "word" || token.kind === "quoted") {
    if (token.kind === "word" && ["select", "from", "where", "and", "or", "set", "values", "then", "else", "end", "when"].includes(token.text)) c.fail("expression");
    c.take();
    if (c.acceptOp("(")) {
      const args: Expr[] = [];
      if (c.acceptOp("*")) args.push({ k: "star" });
      else if (!c.isOp(")")) do args.push(parseExpression(c)); while (c.acceptOp(","));
      c.expectOp(")");
      return { k: "call", name: token.text, args, line: token.line };
    }
    if (c.acceptOp(".")) return { k: "col", table: token.text, name: c.ident("nom de colonne"), line: token.line };
    return { k: "col", name: token.text, line: token.line };
  }
  return c.fail("expression");
}
