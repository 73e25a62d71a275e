// ALTER TABLE on the simulated schema: columns added (filled with their default), dropped, renamed or retyped
// (values converted), tables renamed; each problem is an SqlError at the statement's line.
import type { Statement } from "./ast.ts";
import type { SqlDatabase } from "./database.ts";
import { evaluate } from "./eval.ts";
import { atLine as at, SqlError } from "./tokens.ts";
import { coerce } from "./types.ts";

/** ALTER TABLE: its actions, in order (ADD/DROP/RENAME COLUMN, RENAME TO, ALTER COLUMN … TYPE). */
export function alterTable(db: SqlDatabase, statement: Extract<Statement, { k: "alter_table" }>): void {
  const { line } = statement;
  if (statement.ifExists && !db.tables.has(statement.table.name)) return;
  const table = db.table(statement.table, line);
  for (const action of statement.actions) {
    const index = (name: string): number => table.columns.findIndex((c) => c.name === name);
    if (action.k === "add") {
      if (index(action.column.name) >= 0) {
        if (action.ifNotExists) continue;
        throw new SqlError(line, `la colonne « ${action.column.name} » existe déjà dans « ${table.name} »`);
      }
      table.columns.push(action.column);
      at(line, () => {
        for (const row of table.rows) {
          const value = action.column.default ? evaluate(action.column.default, { row, qualifiers: [] }) : null;
          row[action.column.name] = coerce(value, action.column.type);
        }
      });
    } else if (action.k === "drop") {
      if (index(action.name) < 0) {
        if (action.ifExists) continue;
        throw new SqlError(line, `la colonne « ${action.name} » n'existe pas dans « ${table.name} »`);
      }
      table.columns.splice(index(action.name), 1);
      table.primaryKey = table.primaryKey.filter((key) => key !== action.name);
      for (const row of table.rows) delete row[action.name];
    } else if (action.k === "rename_column") {
      if (index(action.from) < 0) throw new SqlError(line, `la colonne « ${action.from} » n'existe pas dans « ${table.name} »`);
      if (index(action.to) >= 0) throw new SqlError(line, `la colonne « ${action.to} » existe déjà dans « ${table.name} »`);
      table.columns[index(action.from)] = { ...table.columns[index(action.from)]!, name: action.to };
      table.primaryKey = table.primaryKey.map((key) => (key === action.from ? action.to : key));
      for (const row of table.rows) { row[action.to] = row[action.from] ?? null; delete row[action.from]; }
    } else if (action.k === "type") {
      const i = index(action.name);
      if (i < 0) throw new SqlError(line, `la colonne « ${action.name} » n'existe pas dans « ${table.name} »`);
      at(line, () => { for (const row of table.rows) row[action.name] = coerce(row[action.name] ?? null, action.type); });
      table.columns[i] = { ...table.columns[i]!, type: action.type };
    } else {
      if (db.tables.has(action.to) || db.views.has(action.to)) throw new SqlError(line, `la relation « ${action.to} » existe déjà`);
      db.tables.delete(table.name);
      table.name = action.to;
      db.tables.set(action.to, table);
    }
  }
}
