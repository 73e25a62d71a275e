// The statements and expressions the simulated PostgreSQL understands (parser.ts builds them, database.ts runs them).
import type { Geometry } from "../diffusion/vector-data.ts";

/** A value of a row: SQL NULL, number, text, boolean, or a geometry (GeoJSON, WGS 84). */
export type SqlValue = null | number | string | boolean | { geometry: Geometry };

/** An expression. */
export type Expr =
  | { k: "lit"; v: SqlValue; decimal?: true }
  | { k: "col"; table?: string; name: string; line: number }
  | { k: "unary"; op: "-" | "not"; e: Expr }
  | { k: "bin"; op: string; l: Expr; r: Expr; line: number }
  | { k: "in"; e: Expr; list: Expr[]; not: boolean }
  | { k: "isnull"; e: Expr; not: boolean }
  | { k: "between"; e: Expr; lo: Expr; hi: Expr; not: boolean }
  | { k: "cast"; e: Expr; type: string; line: number }
  | { k: "call"; name: string; args: Expr[]; line: number }
  | { k: "case"; whens: [Expr, Expr][]; otherwise?: Expr }
  | { k: "star" };

/** A table name, optionally qualified by a schema (`{{ inputs.1 }}` becomes one). */
export interface TableRef {
  schema?: string;
  name: string;
}

/** SELECT cols FROM t [WHERE …] [ORDER BY …] [LIMIT n]. */
export interface Select {
  columns: ({ star: true } | { expr: Expr; alias?: string })[];
  from?: TableRef & { alias?: string };
  where?: Expr;
  orderBy: { expr: Expr; desc: boolean }[];
  limit?: number;
}

/** A column of CREATE TABLE or ALTER TABLE … ADD COLUMN. */
export interface ColumnDef {
  name: string;
  /** Normalised PostgreSQL type (serial columns are integer). */
  type: string;
  serial: boolean;
  notNull: boolean;
  default?: Expr;
}

/** An ALTER TABLE action. */
export type AlterAction =
  | { k: "add"; column: ColumnDef; ifNotExists: boolean }
  | { k: "drop"; name: string; ifExists: boolean }
  | { k: "rename_column"; from: string; to: string }
  | { k: "rename"; to: string }
  | { k: "type"; name: string; type: string };

/** A statement, with the line where it starts. */
export type Statement = { line: number } & (
  | { k: "create_table"; table: TableRef; columns: ColumnDef[]; primaryKey: string[]; ifNotExists: boolean; as?: Select }
  | { k: "create_view"; view: TableRef; select: Select; orReplace: boolean }
  | { k: "create_index" }
  | { k: "alter_table"; table: TableRef; actions: AlterAction[]; ifExists: boolean }
  | { k: "update"; table: TableRef; sets: { column: string; expr: Expr }[]; where?: Expr }
  | { k: "delete"; table: TableRef; where?: Expr }
  | { k: "insert"; table: TableRef; columns?: string[]; rows?: Expr[][]; select?: Select }
  | { k: "drop"; what: "table" | "view" | "index"; names: TableRef[]; ifExists: boolean }
  | { k: "select"; select: Select }
  | { k: "copy"; table: TableRef }
);
