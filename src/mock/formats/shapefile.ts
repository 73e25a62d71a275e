// ESRI Shapefile main file (.shp) and index (.shx): the 100-byte header (file code 9994 and length big-endian,
// version 1000, shape type and bounding box little-endian) and the records, walked to count them and check
// that each one fits in the file. Only the summary is kept (shape type, count, header extent, sizes).
import { ByteReader } from "./binary.ts";
import { FormatError } from "./errors.ts";
import type { ShapefilePart } from "./types.ts";

/** Shape types of the specification and the PostGIS geometry type they are integrated as. */
export const SHAPE_TYPES: Record<number, string | undefined> = {
  0: undefined, 1: "POINT", 3: "MULTILINESTRING", 5: "MULTIPOLYGON", 8: "MULTIPOINT",
  11: "POINTZ", 13: "MULTILINESTRINGZ", 15: "MULTIPOLYGONZ", 18: "MULTIPOINTZ",
  21: "POINTM", 23: "MULTILINESTRINGM", 25: "MULTIPOLYGONM", 28: "MULTIPOINTM", 31: "MULTIPOLYGONZ",
};

/** Name of a shape type as the specification spells it (for the logs). */
export const SHAPE_NAMES: Record<number, string> = {
  0: "Null", 1: "Point", 3: "PolyLine", 5: "Polygon", 8: "MultiPoint", 11: "PointZ", 13: "PolyLineZ", 15: "PolygonZ",
  18: "MultiPointZ", 21: "PointM", 23: "PolyLineM", 25: "PolygonM", 28: "MultiPointM", 31: "MultiPatch",
};

// Header shared by .shp and .shx: returns the shape type and the length in bytes the header declares.
function readHeader(bytes: Uint8Array, what: string): { shapeType: number; length: number; le: ByteReader } {
  if (bytes.length < 100) throw new FormatError(`${what} : ${bytes.length} octets, moins que les 100 octets de l'en-tête`);
  const be = new ByteReader(bytes, false);
  const le = new ByteReader(bytes, true);
  if (be.i32(0) !== 9994) throw new FormatError(`${what} : code de fichier ${be.i32(0)} au lieu de 9994, ce n'est pas un fichier shapefile`);
  if (le.i32(28) !== 1000) throw new FormatError(`${what} : version ${le.i32(28)} au lieu de 1000`);
  const shapeType = le.i32(32);
  if (!(shapeType in SHAPE_TYPES)) throw new FormatError(`${what} : type de forme ${shapeType} inconnu`);
  const length = be.i32(24) * 2;
  if (length < 100 || length > bytes.length) throw new FormatError(`${what} : l'en-tête annonce ${length} octets, le fichier en a ${bytes.length} (fichier tronqué ?)`);
  return { shapeType, length, le };
}

/** Reads a .shp file: shape type, number of records, extent of the header, bytes of geometry. */
export function readShp(bytes: Uint8Array): Extract<ShapefilePart, { ext: "shp" }> {
  const { shapeType, length, le } = readHeader(bytes, "fichier .shp");
  const be = new ByteReader(bytes, false);
  let offset = 100;
  let features = 0;
  let geometryBytes = 0;
  while (offset < length) {
    if (offset + 8 > length) throw new FormatError(`fichier .shp : en-tête de l'enregistrement ${features + 1} tronqué (position ${offset})`);
    const size = be.i32(offset + 4) * 2;
    if (size < 4 || offset + 8 + size > length) throw new FormatError(`fichier .shp : l'enregistrement ${features + 1} (position ${offset}, ${size} octets) dépasse la fin du fichier`);
    const recordType = le.i32(offset + 8);
    if (recordType !== 0 && recordType !== shapeType) throw new FormatError(`fichier .shp : l'enregistrement ${features + 1} est de type ${recordType}, le fichier de type ${shapeType}`);
    features++;
    geometryBytes += size;
    offset += 8 + size;
  }
  const part: Extract<ShapefilePart, { ext: "shp" }> = { ext: "shp", shapeType, features, geometryBytes };
  const extent = [36, 44, 52, 60].map((at) => le.f64(at)) as [number, number, number, number];
  if (features > 0 && extent.every(Number.isFinite) && extent[0] <= extent[2] && extent[1] <= extent[3]) part.extent = extent;
  return part;
}

/** Reads a .shx file: the number of records it indexes. */
export function readShx(bytes: Uint8Array): Extract<ShapefilePart, { ext: "shx" }> {
  const { length } = readHeader(bytes, "fichier .shx");
  if ((length - 100) % 8 !== 0) throw new FormatError(`fichier .shx : ${length - 100} octets d'index, pas un multiple de 8`);
  return { ext: "shx", records: (length - 100) / 8 };
}
