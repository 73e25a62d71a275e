// dBase III/IV tables (.dbf) of shapefiles: header (record count and sizes, language driver id), field
// descriptors, records walked for the attribute bytes and to see whether the text is ASCII or valid UTF-8.
// Encodings: the .cpg label, else the language driver id (LDID) of the header, else ISO-8859-1, as GDAL does.
import { ByteReader } from "./binary.ts";
import { FormatError } from "./errors.ts";
import type { DbfField, ShapefilePart } from "./types.ts";

/** Encoding of a .dbf without .cpg nor language driver id (GDAL's default for shapefiles). */
export const DEFAULT_DBF_ENCODING = "ISO-8859-1";

/** Encodings of the language driver ids GDAL knows best. */
const LDID: Record<number, string> = { 0x01: "CP437", 0x02: "CP850", 0x03: "CP1252", 0x57: "ISO-8859-1", 0x64: "CP852", 0x65: "CP866", 0xc8: "CP1250", 0xc9: "CP1251", 0xcb: "CP1253" };

/** Encoding of a language driver id, or undefined when the id is 0 or unknown. */
export const ldidEncoding = (ldid: number): string | undefined => LDID[ldid];

/** Encoding named by a .cpg label (UTF-8, 1252, ANSI 1252, 88591, LATIN1, ISO-8859-15…), or undefined when unknown. */
export function cpgEncoding(label: string): string | undefined {
  const compact = label.trim().toUpperCase().replace(/[\s_-]/g, "").replace(/^(ANSI|OEM)/, "");
  if (compact === "UTF8" || compact === "65001") return "UTF-8";
  if (["88591", "ISO88591", "LATIN1", "L1"].includes(compact)) return "ISO-8859-1";
  if (["885915", "ISO885915", "LATIN9"].includes(compact)) return "ISO-8859-15";
  const page = /^(?:CP|WINDOWS|IBM)?(\d{3,4})$/.exec(compact)?.[1];
  if (page && ["437", "850", "852", "866", "1250", "1251", "1252", "1253", "1254"].includes(page)) return `CP${page}`;
  return undefined;
}

// TextDecoder labels (WHATWG) of the encodings; those it lacks (CP437, CP850…) are read as ISO-8859-1.
const DECODER: Record<string, string> = {
  "UTF-8": "utf-8", "ISO-8859-1": "windows-1252", "ISO-8859-15": "iso-8859-15", CP1250: "windows-1250", CP1251: "windows-1251",
  CP1252: "windows-1252", CP1253: "windows-1253", CP1254: "windows-1254", CP866: "ibm866", CP852: "iso-8859-2",
};

/** Decodes raw bytes kept as Latin-1 characters (field names) with the shapefile's encoding. */
export function decodeRaw(raw: string, encoding: string): string {
  const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder(DECODER[encoding] ?? "windows-1252").decode(bytes);
  } catch {
    return raw;
  }
}

/** PostgreSQL type of a dBase field, as the integration gives it (same types as the other readers). */
export function dbfPostgresType(field: Pick<DbfField, "type" | "length" | "decimals">): string {
  const { type, length, decimals } = field;
  if (type === "N" || type === "F") {
    if (decimals > 0 || length > 18) return "double precision";
    return length < 10 ? "integer" : "bigint";
  }
  if (type === "I" || type === "+") return "integer";
  if (type === "O" || type === "B" || type === "Y") return "double precision";
  if (type === "L") return "boolean";
  if (type === "D") return "date";
  if (type === "T" || type === "@") return "timestamp with time zone";
  return "character varying";
}

const VERSIONS = [0x02, 0x03, 0x04, 0x05, 0x30, 0x31, 0x43, 0x63, 0x83, 0x8b, 0x8e, 0xcb, 0xf5, 0xfb];

/** Reads a .dbf file: fields, record count, attribute bytes, language driver id, whether text is ASCII / UTF-8. */
export function readDbf(bytes: Uint8Array): Extract<ShapefilePart, { ext: "dbf" }> {
  if (bytes.length < 33) throw new FormatError(`fichier .dbf : ${bytes.length} octets, moins que l'en-tête dBase`);
  const le = new ByteReader(bytes, true);
  const version = le.u8(0);
  if (!VERSIONS.includes(version)) throw new FormatError(`fichier .dbf : octet de version 0x${version.toString(16).padStart(2, "0")} inconnu, ce n'est pas une table dBase`);
  const records = le.u32(4);
  const headerLength = le.u16(8);
  const recordLength = le.u16(10);
  const fields: DbfField[] = [];
  let offset = 32;
  while (offset < headerLength - 1 && le.u8(offset) !== 0x0d) {
    const nameBytes = le.slice(offset, 11);
    const end = nameBytes.indexOf(0);
    const rawName = String.fromCharCode(...nameBytes.subarray(0, end < 0 ? 11 : end)).trim();
    if (rawName === "") throw new FormatError(`fichier .dbf : le champ ${fields.length + 1} n'a pas de nom`);
    fields.push({ rawName, type: String.fromCharCode(le.u8(offset + 11)).toUpperCase(), length: le.u8(offset + 16), decimals: le.u8(offset + 17) });
    offset += 32;
  }
  if (fields.length === 0) throw new FormatError("fichier .dbf : aucun champ déclaré");
  const expected = 1 + fields.reduce((sum, field) => sum + field.length, 0);
  if (recordLength !== expected) throw new FormatError(`fichier .dbf : enregistrements de ${recordLength} octets annoncés, ${expected} d'après les champs`);
  if (headerLength + records * recordLength > bytes.length) throw new FormatError(`fichier .dbf : ${records} enregistrement(s) annoncé(s), le fichier est tronqué (${bytes.length} octets)`);
  let attributeBytes = 0;
  let nonAscii = false;
  let utf8 = true;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (let record = 0; record < records; record++) {
    let at = headerLength + record * recordLength + 1;
    for (const field of fields) {
      const value = bytes.subarray(at, at + field.length);
      at += field.length;
      let start = 0;
      let stop = value.length;
      while (start < stop && (value[start] === 0x20 || value[start] === 0)) start++;
      while (stop > start && (value[stop - 1] === 0x20 || value[stop - 1] === 0)) stop--;
      attributeBytes += stop - start;
      if (field.type !== "C" || !value.some((b) => b >= 0x80)) continue;
      nonAscii = true;
      if (utf8) {
        try {
          decoder.decode(value.subarray(start, stop));
        } catch {
          utf8 = false;
        }
      }
    }
  }
  return { ext: "dbf", fields, records, attributeBytes, ldid: le.u8(29), nonAscii, utf8 };
}
