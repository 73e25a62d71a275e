// A small read-only SQLite reader (file format 3): header, b-tree table pages (leaf and interior), records
// and overflow chains — enough to list sqlite_master and read the rows of small tables such as a
// GeoPackage's. Pure (Uint8Array in); anything malformed throws a FormatError, never loops or crashes.
import { FormatError } from "./errors.ts";

/** A value of a SQLite record. */
export type SqlValue = null | number | string | Uint8Array;

/** A row of sqlite_master. */
export interface SchemaEntry {
  type: string;
  name: string;
  tbl_name: string;
  rootpage: number;
  sql: string | null;
}

/** A row of a table: its rowid and its column values (an INTEGER PRIMARY KEY column reads as null). */
export interface SqliteRow {
  rowid: number;
  values: SqlValue[];
}

const MAGIC = "SQLite format 3\u0000";
/** Most rows a reader returns for one table (a guard against absurd files). */
export const MAX_ROWS = 200_000;

/** Reads a SQLite varint at `offset`: [value, byte length]. 64-bit values are read as signed. */
export function readVarint(bytes: Uint8Array, offset: number): [number, number] {
  const first = bytes[offset];
  if (first === undefined) throw new FormatError(`entier variable tronqué à la position ${offset}`);
  if (first < 0x80) return [first, 1];
  let value = 0n;
  for (let i = 0; i < 9; i++) {
    const byte = bytes[offset + i];
    if (byte === undefined) throw new FormatError(`entier variable tronqué à la position ${offset}`);
    if (i === 8) return [Number(BigInt.asIntN(64, (value << 8n) | BigInt(byte))), 9];
    value = (value << 7n) | BigInt(byte & 0x7f);
    if (byte < 0x80) return [Number(BigInt.asIntN(64, value)), i + 1];
  }
  throw new FormatError(`entier variable invalide à la position ${offset}`);
}

// Signed big-endian integer of `size` bytes.
function readInt(bytes: Uint8Array, offset: number, size: number): number {
  if (offset + size > bytes.length) throw new FormatError("enregistrement tronqué");
  let value = 0n;
  for (let i = 0; i < size; i++) value = (value << 8n) | BigInt(bytes[offset + i]!);
  return Number(BigInt.asIntN(size * 8, value));
}

const utf8 = new TextDecoder("utf-8");

/** Decodes a record (header of serial types, then the values). */
export function decodeRecord(payload: Uint8Array): SqlValue[] {
  const [headerSize, first] = readVarint(payload, 0);
  if (headerSize < first || headerSize > payload.length) throw new FormatError(`en-tête d'enregistrement invalide (${headerSize} octets pour ${payload.length})`);
  const types: number[] = [];
  for (let at = first; at < headerSize; ) {
    const [type, size] = readVarint(payload, at);
    types.push(type);
    at += size;
  }
  const values: SqlValue[] = [];
  let at = headerSize;
  const sizes = [0, 1, 2, 3, 4, 6, 8];
  for (const type of types) {
    if (type === 0) values.push(null);
    else if (type >= 1 && type <= 6) {
      values.push(readInt(payload, at, sizes[type]!));
      at += sizes[type]!;
    } else if (type === 7) {
      if (at + 8 > payload.length) throw new FormatError("enregistrement tronqué");
      values.push(new DataView(payload.buffer, payload.byteOffset + at, 8).getFloat64(0, false));
      at += 8;
    } else if (type === 8 || type === 9) values.push(type - 8);
    else if (type >= 12) {
      const size = Math.floor((type - 12) / 2);
      if (at + size > payload.length) throw new FormatError("enregistrement tronqué (valeur au-delà de la fin)");
      const raw = payload.subarray(at, at + size);
      values.push(type % 2 === 0 ? raw.slice() : utf8.decode(raw));
      at += size;
    } else throw new FormatError(`type de valeur SQLite réservé (${type})`);
  }
  return values;
}

/** An opened SQLite file: its geometry, its schema and access to table rows. */
export class SqliteFile {
  /** Page size in bytes. */
  readonly pageSize: number;
  /** Usable bytes per page (page size minus reserved bytes). */
  readonly usable: number;
  /** Number of pages read from the header (checked against the file length). */
  readonly pageCount: number;
  /** Rows of sqlite_master. */
  readonly schema: SchemaEntry[];

  /** Opens a database; throws FormatError when it is not a readable SQLite 3 file. */
  constructor(private readonly bytes: Uint8Array) {
    if (bytes.length < 100) throw new FormatError(`fichier trop court pour une base SQLite (${bytes.length} octets)`);
    if (String.fromCharCode(...bytes.subarray(0, 16)) !== MAGIC) throw new FormatError("ce n'est pas une base SQLite (signature « SQLite format 3 » absente)");
    const u16 = (at: number): number => (bytes[at]! << 8) | bytes[at + 1]!;
    const u32 = (at: number): number => readInt(bytes, at, 4) >>> 0;
    const size = u16(16) === 1 ? 65536 : u16(16);
    if (size < 512 || size > 65536 || (size & (size - 1)) !== 0) throw new FormatError(`taille de page SQLite invalide (${size})`);
    this.pageSize = size;
    this.usable = size - bytes[20]!;
    if (this.usable < 480) throw new FormatError(`espace réservé par page invalide (${bytes[20]} octets)`);
    const inFile = Math.floor(bytes.length / size);
    const declared = u32(28);
    const declaredValid = declared > 0 && u32(24) === u32(92);
    if (declaredValid && declared > inFile) {
      throw new FormatError(`fichier tronqué : l'en-tête annonce ${declared} pages de ${size} octets, le fichier n'en contient que ${inFile}`);
    }
    this.pageCount = declaredValid ? declared : inFile;
    if (this.pageCount < 1) throw new FormatError("fichier tronqué : aucune page complète");
    const encoding = u32(56);
    if (encoding !== 1 && encoding !== 0) throw new FormatError(`encodage de texte ${encoding === 2 ? "UTF-16le" : encoding === 3 ? "UTF-16be" : encoding} non pris en charge (UTF-8 attendu)`);
    this.schema = this.rows(1).map(({ values }) => {
      const [type, name, tblName, rootpage, sql] = values;
      if (typeof type !== "string" || typeof name !== "string" || typeof rootpage !== "number") throw new FormatError("table sqlite_master illisible");
      return { type, name, tbl_name: typeof tblName === "string" ? tblName : name, rootpage, sql: typeof sql === "string" ? sql : null };
    });
  }

  /** The schema entry of a table (name compared without case, as SQLite does), if any. */
  table(name: string): SchemaEntry | undefined {
    const wanted = name.toLowerCase();
    return this.schema.find((entry) => entry.type === "table" && entry.name.toLowerCase() === wanted);
  }

  /** Rows of the table b-tree rooted at `root`, in rowid order. */
  rows(root: number, limit = MAX_ROWS): SqliteRow[] {
    const out: SqliteRow[] = [];
    const stack = [root];
    const seen = new Set<number>();
    while (stack.length > 0) {
      const page = stack.pop()!;
      if (seen.has(page)) throw new FormatError(`b-tree incohérent : la page ${page} est référencée deux fois`);
      seen.add(page);
      const base = this.pageOffset(page);
      const header = page === 1 ? base + 100 : base;
      const type = this.bytes[header]!;
      const cells = (this.bytes[header + 3]! << 8) | this.bytes[header + 4]!;
      const pointers = header + (type === 0x05 ? 12 : 8);
      const cellAt = (i: number): number => {
        const offset = (this.bytes[pointers + 2 * i]! << 8) | this.bytes[pointers + 2 * i + 1]!;
        if (pointers + 2 * i + 2 > base + this.pageSize || offset < 8 || offset >= this.usable) throw new FormatError(`page ${page} : pointeur de cellule invalide`);
        return base + offset;
      };
      if (type === 0x0d) {
        for (let i = 0; i < cells; i++) {
          let at = cellAt(i);
          const [length, a] = readVarint(this.bytes, at);
          const [rowid, b] = readVarint(this.bytes, at + a);
          at += a + b;
          out.push({ rowid, values: decodeRecord(this.payload(at, length, base)) });
          if (out.length > limit) throw new FormatError(`table trop volumineuse pour la simulation (plus de ${limit} lignes)`);
        }
      } else if (type === 0x05) {
        const children: number[] = [];
        for (let i = 0; i < cells; i++) children.push(readInt(this.bytes, cellAt(i), 4) >>> 0);
        children.push(readInt(this.bytes, header + 8, 4) >>> 0);
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      } else {
        throw new FormatError(`page ${page} : type de page ${type} inattendu dans le b-tree d'une table`);
      }
    }
    return out;
  }

  // Byte offset of a page, or FormatError when the page is outside the file.
  private pageOffset(page: number): number {
    if (!Number.isInteger(page) || page < 1 || page > this.pageCount) throw new FormatError(`référence à la page ${page} hors du fichier (${this.pageCount} pages)`);
    return (page - 1) * this.pageSize;
  }

  // The whole payload of a table-leaf cell: the local part, then the overflow chain if any.
  private payload(at: number, length: number, pageBase: number): Uint8Array {
    if (length < 0 || length > this.bytes.length) throw new FormatError(`taille d'enregistrement invalide (${length} octets)`);
    const u = this.usable;
    const maxLocal = u - 35;
    let local = length;
    if (length > maxLocal) {
      const minLocal = Math.floor(((u - 12) * 32) / 255) - 23;
      const k = minLocal + ((length - minLocal) % (u - 4));
      local = k <= maxLocal ? k : minLocal;
    }
    if (at + local > pageBase + this.pageSize) throw new FormatError("cellule débordant de sa page");
    const out = new Uint8Array(length);
    out.set(this.bytes.subarray(at, at + local));
    let filled = local;
    let next = local < length ? readInt(this.bytes, at + local, 4) >>> 0 : 0;
    for (let hops = 0; filled < length; hops++) {
      if (hops > this.pageCount) throw new FormatError("chaîne de pages de débordement en boucle");
      const base = this.pageOffset(next);
      const chunk = Math.min(length - filled, u - 4);
      out.set(this.bytes.subarray(base + 4, base + 4 + chunk), filled);
      filled += chunk;
      next = readInt(this.bytes, base, 4) >>> 0;
    }
    return out;
  }
}
