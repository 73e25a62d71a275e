// The DDL part of the parser: column types, column definitions and constraints, CREATE TABLE / VIEW / INDEX and
// ALTER TABLE. Errors are SqlError with the line of the offending token.
import type { AlterAction, ColumnDef, Statement } from "./ast.ts";
import type { Cursor } from "./parser.ts";
import { parseSelect, tableRef } from "./parser.ts";
import { parseExpression, typeName } from "./parse-expr.ts";
import { SqlError } from "./tokens.ts";


// A column definition and its constraints (PRIMARY KEY reported to the caller).
function columnDef(c: Cursor): { column: ColumnDef; primary: boolean } {
  const name = c.ident("nom de colonne");
  const { type, serial } = typeName(c, "type de colonne");
  const column: ColumnDef = { name, type, serial, notNull: false };
  let primary = false;
  for (;;) {
    if (c.accept("primary")) { c.expect("key"); primary = true; column.notNull = true; }
    else if (c.accept("not")) { c.expect("null"); column.notNull = true; }
    else if (c.accept("null")) continue;
    else if (c.accept("unique")) continue;
    else if (c.accept("default")) column.default = parseExpression(c);
    else if (c.accept("references")) { tableRef(c); if (c.acceptOp("(")) { c.ident(); c.expectOp(")"); } }
    else if (c.accept("check")) { c.expectOp("("); parseExpression(c); c.expectOp(")"); }
    else break;
  }
  return { column, primary };
}

/** ( name, … ): column names. */
export function parseNames(c: Cursor): string[] {
  c.expectOp("(");
  const names: string[] = [];
  do names.push(c.ident("nom de colonne")); while (c.acceptOp(","));
  c.expectOp(")");
  return names;
}

/** CREATE … (the CREATE keyword already read): TABLE, VIEW, INDEX; FUNCTION, SEQUENCE, TRIGGER refused. */
export function parseCreate(c: Cursor, line: number): Statement {
  const orReplace = c.accept("or") ? (c.expect("replace"), true) : false;
  if (c.accept("table")) {
    const ifNotExists = c.accept("if") ? (c.expect("not"), c.expect("exists"), true) : false;
    const table = tableRef(c);
    if (c.accept("as")) { c.expect("select"); return { k: "create_table", line, table, columns: [], primaryKey: [], ifNotExists, as: parseSelect(c) }; }
    c.expectOp("(");
    const columns: ColumnDef[] = [];
    let primaryKey: string[] = [];
    do {
      if (c.accept("constraint")) c.ident();
      if (c.accept("primary")) { c.expect("key"); primaryKey = parseNames(c); }
      else if (c.accept("unique")) parseNames(c);
      else {
        const { column, primary } = columnDef(c);
        columns.push(column);
        if (primary) primaryKey = [column.name];
      }
    } while (c.acceptOp(","));
    c.expectOp(")");
    return { k: "create_table", line, table, columns, primaryKey, ifNotExists };
  }
  if (c.accept("view")) {
    const view = tableRef(c, "nom de vue");
    c.expect("as");
    c.expect("select");
    return { k: "create_view", line, view, select: parseSelect(c), orReplace };
  }
  c.accept("unique");
  if (c.accept("index")) {
    c.accept("concurrently");
    if (c.accept("if")) { c.expect("not"); c.expect("exists"); }
    if (!c.is("on")) c.ident("nom d'index");
    c.expect("on");
    tableRef(c);
    if (c.accept("using")) c.ident();
    c.expectOp("(");
    let depth = 1;
    while (depth > 0) {
      const token = c.take();
      if (token.kind === "end") throw new SqlError(token.line, "parenthèse fermante attendue");
      if (token.kind === "op" && token.text === "(") depth++;
      if (token.kind === "op" && token.text === ")") depth--;
    }
    return { k: "create_index", line };
  }
  if (c.is("function", "sequence", "trigger", "procedure")) {
    throw new SqlError(line, `CREATE ${c.peek.text.toUpperCase()} n'est pas exécuté par l'entrepôt simulé (seules les tables, vues et index le sont)`);
  }
  return c.fail("TABLE, VIEW ou INDEX après CREATE");
}

/** ALTER TABLE … (the ALTER keyword already read); ALTER SEQUENCE refused. */
export function parseAlter(c: Cursor, line: number): Statement {
  if (c.is("sequence")) throw new SqlError(line, "ALTER SEQUENCE n'est pas exécuté par l'entrepôt simulé");
  c.expect("table");
  const ifExists = c.accept("if") ? (c.expect("exists"), true) : false;
  const table = tableRef(c);
  const actions: AlterAction[] = [];
  do {
    if (c.accept("add")) {
      c.accept("column");
      const ifNotExists = c.accept("if") ? (c.expect("not"), c.expect("exists"), true) : false;
      actions.push({ k: "add", column: columnDef(c).column, ifNotExists });
    } else if (c.accept("drop")) {
      c.accept("column");
      const exists = c.accept("if") ? (c.expect("exists"), true) : false;
      actions.push({ k: "drop", name: c.ident("nom de colonne"), ifExists: exists });
    } else if (c.accept("rename")) {
      if (c.accept("to")) actions.push({ k: "rename", to: c.ident("nouveau nom") });
      else {
        c.accept("column");
        const from = c.ident("nom de colonne");
        c.expect("to");
        actions.push({ k: "rename_column", from, to: c.ident("nouveau nom") });
      }
    } else if (c.accept("alter")) {
      c.accept("column");
      const name = c.ident("nom de colonne");
      if (c.accept("set")) c.expect("data");
      c.expect("type");
      actions.push({ k: "type", name, type: typeName(c).type });
      if (c.accept("using")) parseExpression(c);
    } else c.fail("ADD, DROP, RENAME ou ALTER");
  } while (c.acceptOp(","));
  return { k: "alter_table", line, table, actions, ifExists };
}
