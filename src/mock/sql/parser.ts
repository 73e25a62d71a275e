// Recursive-descent parser of the SQL subset the simulated PostgreSQL runs: CREATE TABLE (columns, PRIMARY KEY,
// AS SELECT), CREATE [OR REPLACE] VIEW … AS SELECT, CREATE INDEX (no effect), ALTER TABLE (ADD/DROP/RENAME COLUMN,
// RENAME TO, ALTER COLUMN … TYPE; parse-ddl.ts), UPDATE, DELETE, INSERT (VALUES or SELECT), DROP TABLE/VIEW/INDEX,
// SELECT, COPY (recognised to be refused). Errors are SqlError, in French, with the line of the offending token.
import type { Expr, Select, Statement, TableRef } from "./ast.ts";
import type { Token } from "./tokens.ts";
import { SqlError, tokenize } from "./tokens.ts";
import { parseExpression } from "./parse-expr.ts";
import { parseAlter, parseCreate, parseNames } from "./parse-ddl.ts";

/** A cursor over tokens, shared with the expression parser. */
export class Cursor {
  i = 0;
  constructor(readonly tokens: Token[]) {}
  get peek(): Token { return this.tokens[this.i]!; }
  /** The token after the current one. */
  get next(): Token { return this.tokens[Math.min(this.i + 1, this.tokens.length - 1)]!; }
  take(): Token { const token = this.peek; if (token.kind !== "end") this.i++; return token; }
  is(...words: string[]): boolean { return this.peek.kind === "word" && words.includes(this.peek.text); }
  isOp(op: string): boolean { return this.peek.kind === "op" && this.peek.text === op; }
  accept(word: string): boolean { if (this.is(word)) { this.i++; return true; } return false; }
  acceptOp(op: string): boolean { if (this.isOp(op)) { this.i++; return true; } return false; }
  fail(expected: string): never {
    const token = this.peek;
    const found = token.kind === "end" ? "la fin du texte" : token.kind === "string" ? `la chaîne '${token.text}'` : `« ${token.text} »`;
    throw new SqlError(token.line, `${expected} attendu, trouvé ${found}`);
  }
  expect(word: string): void { if (!this.accept(word)) this.fail(`mot-clé ${word.toUpperCase()}`); }
  expectOp(op: string): void { if (!this.acceptOp(op)) this.fail(`« ${op} »`); }
  /** An identifier (word or "quoted"). */
  ident(what = "nom"): string {
    const token = this.peek;
    if (token.kind === "word" || token.kind === "quoted") { this.i++; return token.text; }
    return this.fail(what);
  }
}

/** schema.name or name. */
export function tableRef(c: Cursor, what = "nom de table"): TableRef {
  const first = c.ident(what);
  if (c.acceptOp(".")) return { schema: first, name: c.ident(what) };
  return { name: first };
}

/** SELECT … (the SELECT keyword already read). */
export function parseSelect(c: Cursor): Select {
  const select: Select = { columns: [], orderBy: [] };
  do {
    if (c.acceptOp("*")) select.columns.push({ star: true });
    else {
      const expr = parseExpression(c);
      const alias = c.accept("as") ? c.ident("alias") : c.peek.kind === "word" && !c.is("from", "where", "order", "limit") || c.peek.kind === "quoted" ? c.ident() : undefined;
      select.columns.push(alias ? { expr, alias } : { expr });
    }
  } while (c.acceptOp(","));
  if (c.accept("from")) {
    const from: Select["from"] = tableRef(c);
    if (c.accept("as") || (c.peek.kind === "word" && !c.is("where", "order", "limit"))) from.alias = c.ident("alias");
    select.from = from;
  }
  if (c.accept("where")) select.where = parseExpression(c);
  if (c.accept("order")) {
    c.expect("by");
    do {
      const expr = parseExpression(c);
      const desc = c.accept("desc");
      if (!desc) c.accept("asc");
      select.orderBy.push({ expr, desc });
    } while (c.acceptOp(","));
  }
  if (c.accept("limit")) {
    const token = c.take();
    if (token.kind !== "number") throw new SqlError(token.line, "nombre attendu après LIMIT");
    select.limit = Number(token.text);
  }
  return select;
}

function statement(c: Cursor): Statement {
  const line = c.peek.line;
  if (c.accept("create")) return parseCreate(c, line);
  if (c.accept("alter")) return parseAlter(c, line);
  if (c.accept("select")) return { k: "select", line, select: parseSelect(c) };
  if (c.accept("update")) {
    const table = tableRef(c);
    c.expect("set");
    const sets: { column: string; expr: Expr }[] = [];
    do {
      const column = c.ident("nom de colonne");
      c.expectOp("=");
      sets.push({ column, expr: parseExpression(c) });
    } while (c.acceptOp(","));
    return c.accept("where") ? { k: "update", line, table, sets, where: parseExpression(c) } : { k: "update", line, table, sets };
  }
  if (c.accept("delete")) {
    c.expect("from");
    const table = tableRef(c);
    return c.accept("where") ? { k: "delete", line, table, where: parseExpression(c) } : { k: "delete", line, table };
  }
  if (c.accept("insert")) {
    c.expect("into");
    const table = tableRef(c);
    const columns = c.isOp("(") ? parseNames(c) : undefined;
    if (c.accept("select")) return { k: "insert", line, table, ...(columns ? { columns } : {}), select: parseSelect(c) };
    c.expect("values");
    const rows: Expr[][] = [];
    do {
      c.expectOp("(");
      const row: Expr[] = [];
      do row.push(parseExpression(c)); while (c.acceptOp(","));
      c.expectOp(")");
      rows.push(row);
    } while (c.acceptOp(","));
    return { k: "insert", line, table, ...(columns ? { columns } : {}), rows };
  }
  if (c.accept("drop")) {
    const what = c.accept("table") ? "table" : c.accept("view") ? "view" : c.accept("index") ? "index" : c.fail("TABLE, VIEW ou INDEX après DROP");
    const ifExists = c.accept("if") ? (c.expect("exists"), true) : false;
    const names: TableRef[] = [];
    do names.push(tableRef(c)); while (c.acceptOp(","));
    c.accept("cascade");
    return { k: "drop", line, what, names, ifExists };
  }
  if (c.accept("copy")) {
    const table = tableRef(c);
    while (!c.isOp(";") && c.peek.kind !== "end") c.take();
    return { k: "copy", line, table };
  }
  return c.fail("instruction SQL (CREATE, ALTER, UPDATE, DELETE, INSERT, DROP ou SELECT)");
}

/** Parses SQL text into statements separated by `;`; SqlError (with the line) on the first problem. */
export function parseSql(sql: string): Statement[] {
  const c = new Cursor(tokenize(sql));
  const statements: Statement[] = [];
  const atEnd = (): boolean => c.peek.kind === "end";
  while (!atEnd()) {
    if (c.acceptOp(";")) continue;
    statements.push(statement(c));
    if (!c.acceptOp(";") && !atEnd()) c.fail("« ; » en fin d'instruction");
  }
  return statements;
}

/** Lines where a statement that delivers rows (INSERT, COPY) starts, read from the tokens alone (even in SQL that does not parse). */
export function dataStatementLines(sql: string): { line: number; keyword: string }[] {
  let tokens: Token[];
  try {
    tokens = tokenize(sql);
  } catch {
    return [];
  }
  const found: { line: number; keyword: string }[] = [];
  let start = true;
  for (const token of tokens) {
    if (start && token.kind === "word" && (token.text === "insert" || token.text === "copy")) found.push({ line: token.line, keyword: token.text.toUpperCase() });
    start = token.kind === "op" && token.text === ";";
  }
  return found;
}
