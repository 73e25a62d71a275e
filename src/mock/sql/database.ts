// An in-memory PostgreSQL schema for the simulation: tables (typed columns, primary key, serial counters, rows)
// and views (a stored SELECT, evaluated when read). Runs the statements of parser.ts, checking names and
// columns before touching any row (so a run on empty tables validates the SQL as the real database would);
// `inputs` are other schemas that qualified names (`{{ inputs.1 }}.table`) read, never write.
import type { ColumnDef, Expr, Select, SqlValue, Statement, TableRef } from "./ast.ts";
import { columnRefs, compare, evaluate, expressionType, truthy } from "./eval.ts";
import { parseSql } from "./parser.ts";
import { atLine as at, SqlError } from "./tokens.ts";
import { alterTable } from "./alter.ts";
import { coerce, isGeometry } from "./types.ts";

/** A row: column name → value. */
export type Row = Record<string, SqlValue>;

/** A table of the schema. */
export interface SqlTable {
  name: string;
  columns: ColumnDef[];
  primaryKey: string[];
  rows: Row[];
  /** Last value given by each serial column. */
  sequences: Record<string, number>;
}

/** A relation as read: its columns and rows (a view is evaluated). */
export interface RelationRows {
  columns: { name: string; type: string }[];
  rows: Row[];
}

/** A schema of tables and views. */
export class SqlDatabase {
  readonly tables = new Map<string, SqlTable>();
  readonly views = new Map<string, { name: string; select: Select }>();
  constructor(public inputs: ReadonlyMap<string, SqlDatabase> = new Map()) {}

  /** Parses and runs SQL text, statement after statement; SqlError on the first problem. */
  run(sql: string): Statement[] {
    const statements = parseSql(sql);
    for (const statement of statements) this.execute(statement);
    return statements;
  }

  /** The table named, for writing (SqlError when it does not exist or is an input's). */
  table(ref: TableRef, line: number): SqlTable {
    if (ref.schema && ref.schema !== "public") throw new SqlError(line, this.inputs.has(ref.schema) ? `la donnée en entrée « ${ref.schema} » est en lecture seule (la table ${ref.name} ne peut pas être modifiée)` : `schéma « ${ref.schema} » inconnu`);
    const table = this.tables.get(ref.name);
    if (!table) throw new SqlError(line, this.views.has(ref.name) ? `« ${ref.name} » est une vue, pas une table` : `la relation « ${ref.name} » n'existe pas`);
    return table;
  }

  /** The columns and rows of a table or view (of this schema or of an input). */
  read(ref: TableRef, line: number): RelationRows {
    if (ref.schema && ref.schema !== "public") {
      const input = this.inputs.get(ref.schema);
      if (!input) throw new SqlError(line, `schéma « ${ref.schema} » inconnu`);
      return input.read({ name: ref.name }, line);
    }
    const table = this.tables.get(ref.name);
    if (table) return { columns: table.columns.map(({ name, type }) => ({ name, type })), rows: table.rows };
    const view = this.views.get(ref.name);
    if (view) return this.select(view.select, line);
    throw new SqlError(line, `la relation « ${ref.name} » n'existe pas`);
  }

  /** Runs a SELECT: its columns (with their types) and rows. */
  select(select: Select, line: number): RelationRows {
    const source: RelationRows = select.from ? this.read(select.from, line) : { columns: [], rows: [{}] };
    const qualifiers = select.from ? [select.from.name, ...(select.from.alias ? [select.from.alias] : []), ...(select.from.schema ? [`${select.from.schema}.${select.from.name}`] : [])] : [];
    const known = (expr: Expr | undefined): void => this.checkColumns(expr, source.columns.map((c) => c.name), qualifiers, select.from?.name ?? "");
    known(select.where);
    select.orderBy.forEach((item) => known(item.expr));
    const typeOf = (name: string): string | undefined => source.columns.find((c) => c.name === name)?.type;
    const types = Object.fromEntries(source.columns.map((c) => [c.name, c.type]));
    const outputs: { name: string; type: string; expr: Expr }[] = [];
    for (const item of select.columns) {
      if ("star" in item) outputs.push(...source.columns.map((c) => ({ name: c.name, type: c.type, expr: { k: "col", name: c.name, line } as Expr })));
      else {
        known(item.expr);
        const name = item.alias ?? (item.expr.k === "col" ? item.expr.name : item.expr.k === "call" ? item.expr.name : item.expr.k === "cast" && item.expr.e.k === "col" ? item.expr.e.name : "?column?");
        outputs.push({ name, type: expressionType(item.expr, typeOf), expr: item.expr });
      }
    }
    return at(line, () => {
      let rows = source.rows.filter((row) => this.matches(select.where, row, qualifiers, types));
      if (select.orderBy.length > 0) {
        rows = [...rows].sort((a, b) => {
          for (const { expr, desc } of select.orderBy) {
            const x = evaluate(expr, { row: a, qualifiers, types });
            const y = evaluate(expr, { row: b, qualifiers, types });
            const order = x === null ? (y === null ? 0 : 1) : y === null ? -1 : compare(x, y);
            if (order !== 0) return desc ? -order : order;
          }
          return 0;
        });
      }
      if (select.limit !== undefined) rows = rows.slice(0, select.limit);
      return { columns: outputs.map(({ name, type }) => ({ name, type })), rows: rows.map((row) => Object.fromEntries(outputs.map((o) => [o.name, evaluate(o.expr, { row, qualifiers, types })]))) };
    });
  }

  // WHERE: only rows for which the condition is true.
  private matches(where: Expr | undefined, row: Row, qualifiers: string[], types?: Record<string, string>): boolean {
    if (!where) return true;
    const value = evaluate(where, { row, qualifiers, ...(types ? { types } : {}) });
    return value !== null && truthy(value);
  }

  // Every column an expression reads must exist in the relation.
  private checkColumns(expr: Expr | undefined, columns: string[], qualifiers: string[], relation: string): void {
    for (const ref of columnRefs(expr)) {
      if (ref.table && !qualifiers.includes(ref.table)) throw new SqlError(ref.line, `la table « ${ref.table} » n'est pas citée dans la clause FROM`);
      if (!columns.includes(ref.name)) throw new SqlError(ref.line, `la colonne « ${ref.name} » n'existe pas dans « ${relation} » (colonnes : ${columns.join(", ")})`);
    }
  }

  /** Adds rows (column → value), converted to the column types, serials and defaults filled in. */
  insert(table: SqlTable, rows: Row[], line: number): void {
    at(line, () => {
      for (const values of rows) {
        const row: Row = {};
        for (const column of table.columns) {
          let value: SqlValue = column.name in values ? values[column.name]! : null;
          if (value === null && column.serial) value = (table.sequences[column.name] ?? 0) + 1;
          if (value === null && column.default) value = evaluate(column.default, { row: {}, qualifiers: [] });
          value = coerce(value, column.type);
          if (value === null && column.notNull) throw new Error(`la colonne « ${column.name} » de « ${table.name} » ne peut pas être NULL`);
          if (column.serial && typeof value === "number") table.sequences[column.name] = Math.max(table.sequences[column.name] ?? 0, value);
          row[column.name] = value;
        }
        if (table.primaryKey.length > 0 && table.rows.some((other) => table.primaryKey.every((key) => other[key] !== null && row[key] !== null && compare(other[key]!, row[key]!) === 0))) {
          throw new Error(`la clé primaire (${table.primaryKey.join(", ")}) = (${table.primaryKey.map((key) => String(row[key])).join(", ")}) existe déjà dans « ${table.name} »`);
        }
        table.rows.push(row);
      }
    });
  }

  /** Runs one statement. */
  execute(statement: Statement): void {
    const { line } = statement;
    switch (statement.k) {
      case "create_table": {
        const { table: ref } = statement;
        if (ref.schema && ref.schema !== "public") throw new SqlError(line, `schéma « ${ref.schema} » : les tables se créent dans la donnée en sortie (sans préfixe)`);
        if (this.tables.has(ref.name) || this.views.has(ref.name)) {
          if (statement.ifNotExists) return;
          throw new SqlError(line, `la relation « ${ref.name} » existe déjà`);
        }
        if (statement.as) {
          const result = this.select(statement.as, line);
          const table: SqlTable = { name: ref.name, columns: result.columns.map((c) => ({ name: c.name, type: c.type, serial: false, notNull: false })), primaryKey: [], rows: [], sequences: {} };
          this.insert(table, result.rows, line);
          this.tables.set(ref.name, table);
          return;
        }
        const names = statement.columns.map((c) => c.name);
        const twice = names.find((name, i) => names.indexOf(name) !== i);
        if (twice) throw new SqlError(line, `la colonne « ${twice} » est déclarée deux fois`);
        const missing = statement.primaryKey.find((key) => !names.includes(key));
        if (missing) throw new SqlError(line, `la colonne « ${missing} » de la clé primaire n'existe pas`);
        const columns = statement.columns.map((c) => (statement.primaryKey.includes(c.name) ? { ...c, notNull: true } : c));
        this.tables.set(ref.name, { name: ref.name, columns, primaryKey: statement.primaryKey, rows: [], sequences: {} });
        return;
      }
      case "create_view": {
        const { view } = statement;
        if (view.schema && view.schema !== "public") throw new SqlError(line, `schéma « ${view.schema} » : les vues se créent dans la donnée en sortie (sans préfixe)`);
        if (this.tables.has(view.name) || (this.views.has(view.name) && !statement.orReplace)) throw new SqlError(line, `la relation « ${view.name} » existe déjà`);
        const { columns } = this.select({ ...statement.select, limit: 0 }, line);
        // As in PostgreSQL, `*` is expanded when the view is created: later columns of the table stay out of it.
        const expanded = statement.select.columns.flatMap((item, i) => ("star" in item ? this.starColumns(statement.select, line) : [{ ...item, alias: columns[this.position(statement.select, i, line)]!.name }]));
        this.views.set(view.name, { name: view.name, select: { ...statement.select, columns: expanded } });
        return;
      }
      case "create_index":
        return;
      case "alter_table":
        return alterTable(this, statement);
      case "update": {
        const table = this.table(statement.table, line);
        const names = table.columns.map((c) => c.name);
        const qualifiers = [table.name];
        const types = Object.fromEntries(table.columns.map((c) => [c.name, c.type]));
        for (const set of statement.sets) {
          if (!names.includes(set.column)) throw new SqlError(line, `la colonne « ${set.column} » n'existe pas dans « ${table.name} » (colonnes : ${names.join(", ")})`);
          this.checkColumns(set.expr, names, qualifiers, table.name);
        }
        this.checkColumns(statement.where, names, qualifiers, table.name);
        at(line, () => {
          for (const row of table.rows) {
            if (!this.matches(statement.where, row, qualifiers, types)) continue;
            const values = statement.sets.map((set) => coerce(evaluate(set.expr, { row, qualifiers, types }), table.columns.find((c) => c.name === set.column)!.type));
            statement.sets.forEach((set, i) => { row[set.column] = values[i]!; });
          }
        });
        return;
      }
      case "delete": {
        const table = this.table(statement.table, line);
        this.checkColumns(statement.where, table.columns.map((c) => c.name), [table.name], table.name);
        const types = Object.fromEntries(table.columns.map((c) => [c.name, c.type]));
        at(line, () => { table.rows = table.rows.filter((row) => !this.matches(statement.where, row, [table.name], types)); });
        return;
      }
      case "insert": {
        const table = this.table(statement.table, line);
        const names = statement.columns ?? table.columns.map((c) => c.name);
        const unknown = names.find((name) => !table.columns.some((c) => c.name === name));
        if (unknown) throw new SqlError(line, `la colonne « ${unknown} » n'existe pas dans « ${table.name} »`);
        const tuples = statement.select ? this.select(statement.select, line).rows.map((row) => Object.values(row)) : at(line, () => statement.rows!.map((row) => row.map((expr) => evaluate(expr, { row: {}, qualifiers: [] }))));
        const bad = tuples.find((tuple) => tuple.length !== names.length);
        if (bad) throw new SqlError(line, `${bad.length} valeur(s) pour ${names.length} colonne(s)`);
        this.insert(table, tuples.map((tuple) => Object.fromEntries(names.map((name, i) => [name, tuple[i]!]))), line);
        return;
      }
      case "drop": {
        for (const ref of statement.names) {
          if (statement.what === "index") continue;
          const map = statement.what === "table" ? this.tables : this.views;
          if (ref.schema && ref.schema !== "public") throw new SqlError(line, `la donnée en entrée « ${ref.schema} » est en lecture seule`);
          if (!map.delete(ref.name) && !statement.ifExists) throw new SqlError(line, `la ${statement.what === "table" ? "table" : "vue"} « ${ref.name} » n'existe pas`);
        }
        return;
      }
      case "select":
        this.select(statement.select, line);
        return;
      case "copy":
        throw new SqlError(line, "COPY n'est pas accepté : les données se livrent dans des fichiers, pas dans le SQL");
    }
  }

  // The columns `*` stands for in a SELECT, as explicit items.
  private starColumns(select: Select, line: number): Select["columns"] {
    return select.from ? this.read(select.from, line).columns.map((c) => ({ expr: { k: "col", name: c.name, line } as Expr, alias: c.name })) : [];
  }

  // The index of item i's output column (items before it may be `*`, several columns each).
  private position(select: Select, i: number, line: number): number {
    const star = select.from ? this.read(select.from, line).columns.length : 0;
    return select.columns.slice(0, i).reduce((n, item) => n + ("star" in item ? star : 1), 0);
  }

  /** The relations as type_infos lists them: tables then views, attributes typed, primary keys. */
  relations(): { name: string; type: "TABLE" | "VIEW"; attributes: Record<string, string>; primary_key: string[] }[] {
    const tables = [...this.tables.values()].map((t) => ({ name: t.name, type: "TABLE" as const, attributes: Object.fromEntries(t.columns.map((c) => [c.name, c.type])), primary_key: [...t.primaryKey] }));
    const views = [...this.views.values()].map((v) => {
      let columns: { name: string; type: string }[] = [];
      try { columns = this.select({ ...v.select, limit: 0 }, 0).columns; } catch { columns = []; }
      return { name: v.name, type: "VIEW" as const, attributes: Object.fromEntries(columns.map((c) => [c.name, c.type])), primary_key: [] as string[] };
    });
    return [...tables, ...views];
  }
}

/** The geometry column of a relation's columns, if any. */
export const geometryColumn = (columns: readonly { name: string; type: string }[]): string | undefined => columns.find((c) => isGeometry(c.type))?.name;
