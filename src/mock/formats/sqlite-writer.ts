// A minimal SQLite writer for small databases (the sample GeoPackage): rowid tables as b-trees of leaf and
// interior pages with overflow chains, single-page automatic indexes, sqlite_master on page 1. No free
// pages, no WAL: the output opens in SQLite, GDAL and the reader of sqlite.ts.
import type { SqlValue } from "./sqlite.ts";

/** An automatic index (sqlite_autoindex_<table>_<n>) on some columns of a table. */
export interface WriterIndex {
  name: string;
  columns: number[];
}

/** A table to write: its CREATE TABLE statement and its rows (rowid + values in column order). */
export interface WriterTable {
  name: string;
  sql: string;
  rows: { rowid: number; values: SqlValue[] }[];
  indexes?: WriterIndex[];
}

/** Options of writeSqlite. */
export interface WriterOptions {
  pageSize?: number;
  applicationId?: number;
  userVersion?: number;
}

const encoder = new TextEncoder();

/** A SQLite varint (negative numbers take 9 bytes, as 64-bit two's complement). */
export function varint(value: number): Uint8Array {
  let v = BigInt.asUintN(64, BigInt(value));
  if (v < 0x80n) return Uint8Array.of(Number(v));
  if (v >= 1n << 56n) {
    const out = new Uint8Array(9);
    out[8] = Number(v & 0xffn);
    v >>= 8n;
    for (let i = 7; i >= 0; i--, v >>= 7n) out[i] = Number(v & 0x7fn) | 0x80;
    return out;
  }
  const groups: number[] = [];
  for (; v > 0n; v >>= 7n) groups.unshift(Number(v & 0x7fn));
  return Uint8Array.from(groups.map((group, i) => (i < groups.length - 1 ? group | 0x80 : group)));
}

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) out.set(part, (at += part.length) - part.length);
  return out;
};

function intBytes(value: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let v = BigInt.asUintN(size * 8, BigInt(value));
  for (let i = size - 1; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** Encodes values as a record (serial types header, then the body). */
export function encodeRecord(values: SqlValue[]): Uint8Array {
  const types: number[] = [];
  const body: Uint8Array[] = [];
  for (const value of values) {
    if (value === null) types.push(0);
    else if (typeof value === "number" && Number.isSafeInteger(value)) {
      if (value === 0 || value === 1) types.push(8 + value);
      else {
        const size = [1, 2, 3, 4, 6, 8].find((s) => value >= -(2 ** (s * 8 - 1)) && value < 2 ** (s * 8 - 1))!;
        types.push([1, 2, 3, 4, 6, 8].indexOf(size) + 1);
        body.push(intBytes(value, size));
      }
    } else if (typeof value === "number") {
      const bytes = new Uint8Array(8);
      new DataView(bytes.buffer).setFloat64(0, value, false);
      types.push(7);
      body.push(bytes);
    } else if (typeof value === "string") {
      const bytes = encoder.encode(value);
      types.push(13 + 2 * bytes.length);
      body.push(bytes);
    } else {
      types.push(12 + 2 * value.length);
      body.push(value);
    }
  }
  const typeBytes = concat(types.map(varint));
  let headerSize = typeBytes.length + 1;
  if (varint(headerSize).length > 1) headerSize = typeBytes.length + varint(typeBytes.length + 2).length;
  return concat([varint(headerSize), typeBytes, ...body]);
}

// Order of index keys: NULL < numbers < text (bytewise, BINARY collation) < blobs.
function compareValues(a: SqlValue, b: SqlValue): number {
  const rank = (v: SqlValue): number => (v === null ? 0 : typeof v === "number" ? 1 : typeof v === "string" ? 2 : 3);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = typeof a === "string" ? encoder.encode(a) : (a as Uint8Array | null) ?? new Uint8Array();
  const y = typeof b === "string" ? encoder.encode(b) : (b as Uint8Array | null) ?? new Uint8Array();
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** Writes the tables into a new database file. */
export function writeSqlite(tables: WriterTable[], options: WriterOptions = {}): Uint8Array {
  const size = options.pageSize ?? 4096;
  const pages: Uint8Array[] = [new Uint8Array(size)];
  const alloc = (): number => pages.push(new Uint8Array(size));
  const maxLocal = size - 35;
  const minLocal = Math.floor(((size - 12) * 32) / 255) - 23;

  // A table-leaf cell; long payloads spill into a chain of overflow pages.
  const leafCell = (rowid: number, payload: Uint8Array): Uint8Array => {
    const head = concat([varint(payload.length), varint(rowid)]);
    if (payload.length <= maxLocal) return concat([head, payload]);
    const k = minLocal + ((payload.length - minLocal) % (size - 4));
    const local = k <= maxLocal ? k : minLocal;
    const chain: number[] = [];
    for (let at = local; at < payload.length; at += size - 4) chain.push(alloc());
    chain.forEach((page, i) => {
      const bytes = pages[page - 1]!;
      bytes.set(intBytes(chain[i + 1] ?? 0, 4));
      bytes.set(payload.subarray(local + i * (size - 4), local + (i + 1) * (size - 4)), 4);
    });
    return concat([head, payload.subarray(0, local), intBytes(chain[0]!, 4)]);
  };

  // Writes a b-tree page: header, cell pointers, cells packed at the end.
  const writePage = (page: number, type: number, cells: Uint8Array[], right?: number): void => {
    const bytes = pages[page - 1]!;
    const header = page === 1 ? 100 : 0;
    let content = size;
    const pointerBase = header + (right === undefined ? 8 : 12);
    cells.forEach((cell, i) => {
      content -= cell.length;
      bytes.set(cell, content);
      bytes.set(intBytes(content, 2), pointerBase + 2 * i);
    });
    bytes[header] = type;
    bytes.set(intBytes(cells.length, 2), header + 3);
    bytes.set(intBytes(content === 65536 ? 0 : content, 2), header + 5);
    if (right !== undefined) bytes.set(intBytes(right, 4), header + 8);
  };

  const fits = (cells: Uint8Array[], header: number): boolean => header + cells.reduce((sum, c) => sum + c.length + 2, 0) <= size;

  // Packs cells into nodes of one level; each node = [cells, key of its last cell].
  const pack = (cells: { bytes: Uint8Array; key: number }[], header: number): { bytes: Uint8Array; key: number }[][] => {
    const nodes: { bytes: Uint8Array; key: number }[][] = [[]];
    for (const cell of cells) {
      const current = nodes[nodes.length - 1]!;
      if (current.length > 0 && !fits([...current.map((c) => c.bytes), cell.bytes], header)) nodes.push([cell]);
      else current.push(cell);
    }
    return nodes;
  };

  // A table b-tree; the root goes to `root` (page 1 for sqlite_master) or a new page.
  const tableTree = (rows: { rowid: number; values: SqlValue[] }[], root?: number): number => {
    const sorted = [...rows].sort((a, b) => a.rowid - b.rowid);
    const rootHeader = root === 1 ? 112 : 12;
    let level = sorted.map((row) => ({ bytes: leafCell(row.rowid, encodeRecord(row.values)), key: row.rowid }));
    let leaf = true;
    for (;;) {
      const single = fits(level.map((c) => c.bytes), rootHeader - (leaf ? 4 : 0));
      if (single) {
        const page = root ?? alloc();
        if (leaf) writePage(page, 0x0d, level.map((c) => c.bytes));
        else writePage(page, 0x05, level.slice(0, -1).map((c) => c.bytes), pageOf(level[level.length - 1]!.bytes));
        return page;
      }
      const nodes = pack(level, leaf ? 8 : 12);
      const children = nodes.map((node) => {
        const page = alloc();
        if (leaf) writePage(page, 0x0d, node.map((c) => c.bytes));
        else writePage(page, 0x05, node.slice(0, -1).map((c) => c.bytes), pageOf(node[node.length - 1]!.bytes));
        return { page, key: node[node.length - 1]!.key };
      });
      level = children.map((child) => ({ bytes: concat([intBytes(child.page, 4), varint(child.key)]), key: child.key }));
      leaf = false;
    }
  };
  const pageOf = (cell: Uint8Array): number => (cell[0]! << 24) | (cell[1]! << 16) | (cell[2]! << 8) | cell[3]!;

  // A single-leaf index b-tree of the rows' key columns followed by the rowid.
  const indexTree = (table: WriterTable, index: WriterIndex): number => {
    const entries = table.rows.map((row) => [...index.columns.map((c) => row.values[c] ?? null), row.rowid] as SqlValue[]);
    entries.sort((a, b) => {
      for (let i = 0; i < a.length; i++) {
        const order = compareValues(a[i]!, b[i]!);
        if (order !== 0) return order;
      }
      return 0;
    });
    const cells = entries.map((entry) => {
      const record = encodeRecord(entry);
      if (record.length > Math.floor(((size - 12) * 64) / 255) - 23) throw new Error(`clé d'index trop longue pour ${index.name}`);
      return concat([varint(record.length), record]);
    });
    if (!fits(cells, 8)) throw new Error(`index ${index.name} trop grand pour une seule page`);
    const page = alloc();
    writePage(page, 0x0a, cells);
    return page;
  };

  const master: { rowid: number; values: SqlValue[] }[] = [];
  for (const table of tables) {
    master.push({ rowid: master.length + 1, values: ["table", table.name, table.name, tableTree(table.rows), table.sql] });
    for (const index of table.indexes ?? []) master.push({ rowid: master.length + 1, values: ["index", index.name, table.name, indexTree(table, index), null] });
  }
  tableTree(master, 1);

  const header = pages[0]!;
  header.set(encoder.encode("SQLite format 3\u0000"));
  header.set(intBytes(size === 65536 ? 1 : size, 2), 16);
  header.set([1, 1, 0, 64, 32, 32], 18);
  const set32 = (at: number, value: number): void => header.set(intBytes(value, 4), at);
  set32(24, 1);
  set32(28, pages.length);
  set32(40, 1);
  set32(44, 4);
  set32(56, 1);
  set32(60, options.userVersion ?? 0);
  set32(68, options.applicationId ?? 0);
  set32(92, 1);
  set32(96, 3045001);
  return concat(pages);
}
