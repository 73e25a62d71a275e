// A GeoTIFF header reader: first IFD (size, bands, sample format, compression, strips or tiles checked
// against the file length) and the GeoTIFF tags (ModelPixelScale, ModelTiepoint, ModelTransformation,
// GeoKeyDirectory → EPSG code, GDAL_NODATA). Pure; a malformed file throws a FormatError.
import { ByteReader } from "./binary.ts";
import { FormatError } from "./errors.ts";
import type { RasterInfo } from "./types.ts";

/** TIFF tag numbers used here. */
export const TAG = {
  width: 256, height: 257, bitsPerSample: 258, compression: 259, photometric: 262, stripOffsets: 273,
  samplesPerPixel: 277, rowsPerStrip: 278, stripByteCounts: 279, planarConfiguration: 284, tileWidth: 322, tileLength: 323,
  tileOffsets: 324, tileByteCounts: 325, sampleFormat: 339, pixelScale: 33550, tiepoint: 33922, transformation: 34264,
  geoKeys: 34735, geoDoubles: 34736, geoAscii: 34737, gdalNodata: 42113,
} as const;

const COMPRESSIONS: Record<number, string> = { 1: "NONE", 2: "CCITTRLE", 5: "LZW", 6: "OJPEG", 7: "JPEG", 8: "DEFLATE", 32773: "PACKBITS", 32946: "DEFLATE", 50000: "ZSTD", 50001: "WEBP" };
const PHOTOMETRICS: Record<number, string> = { 0: "MINISWHITE", 1: "MINISBLACK", 2: "RGB", 3: "PALETTE", 4: "MASK", 5: "SEPARATED", 6: "YCBCR" };
const SAMPLE_FORMATS: Record<number, string> = { 1: "UINT", 2: "INT", 3: "FLOAT", 4: "VOID" };
// Bytes per value of each TIFF field type.
const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 16: 8, 17: 8 };

type TagValue = number[] | string;

// Values of one IFD entry (numbers, or text for ASCII).
function readEntry(reader: ByteReader, at: number): [number, TagValue] {
  const tag = reader.u16(at);
  const type = reader.u16(at + 2);
  const count = reader.u32(at + 4);
  const size = TYPE_SIZES[type];
  if (size === undefined) return [tag, []];
  const total = size * count;
  if (total > reader.length) throw new FormatError(`étiquette TIFF ${tag} : ${count} valeurs annoncées, au-delà de la taille du fichier`);
  const base = total <= 4 ? at + 8 : reader.u32(at + 8);
  reader.check(base, total);
  if (type === 2) return [tag, reader.ascii(base, count).replace(/\u0000+$/, "")];
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const o = base + i * size;
    switch (type) {
      case 1: case 7: values.push(reader.u8(o)); break;
      case 6: values.push((reader.u8(o) << 24) >> 24); break;
      case 3: values.push(reader.u16(o)); break;
      case 8: values.push(reader.i16(o)); break;
      case 4: values.push(reader.u32(o)); break;
      case 9: values.push(reader.i32(o)); break;
      case 5: values.push(reader.u32(o) / (reader.u32(o + 4) || 1)); break;
      case 10: values.push(reader.i32(o) / (reader.i32(o + 4) || 1)); break;
      case 11: values.push(reader.f32(o)); break;
      case 12: values.push(reader.f64(o)); break;
      default: values.push(reader.u64(o));
    }
  }
  return [tag, values];
}

/** The tags of the first IFD of a classic TIFF. */
export function readTiffTags(bytes: Uint8Array): Map<number, TagValue> {
  const reader = new ByteReader(bytes, true);
  if (bytes.length < 8) throw new FormatError(`fichier trop court pour un TIFF (${bytes.length} octets)`);
  const order = reader.ascii(0, 2);
  if (order !== "II" && order !== "MM") throw new FormatError("ce n'est pas un fichier TIFF (signature II/MM absente)");
  reader.little = order === "II";
  const version = reader.u16(2);
  if (version === 43) throw new FormatError("BigTIFF n'est pas pris en charge par la vérification simulée");
  if (version !== 42) throw new FormatError(`ce n'est pas un fichier TIFF (version ${version} au lieu de 42)`);
  const ifd = reader.u32(4);
  const count = reader.u16(ifd);
  if (count === 0) throw new FormatError("répertoire d'image TIFF vide");
  reader.check(ifd + 2, count * 12);
  const tags = new Map<number, TagValue>();
  for (let i = 0; i < count; i++) {
    const [tag, value] = readEntry(reader, ifd + 2 + i * 12);
    tags.set(tag, value);
  }
  return tags;
}

const numbers = (value: TagValue | undefined): number[] => (Array.isArray(value) ? value : []);

// EPSG code from the GeoKeyDirectory: ProjectedCSTypeGeoKey (3072) or GeographicTypeGeoKey (2048).
function epsgFromGeoKeys(keys: number[]): number | undefined {
  if (keys.length < 4 || keys[0] !== 1) return undefined;
  const found = new Map<number, number>();
  for (let i = 0; i < keys[3]! && 4 + 4 * i + 3 < keys.length; i++) {
    const [id, location, , value] = keys.slice(4 + 4 * i, 8 + 4 * i);
    if (location === 0) found.set(id!, value!);
  }
  const projected = found.get(3072);
  const geographic = found.get(2048);
  const model = found.get(1024);
  if (projected !== undefined && projected > 0 && projected !== 32767) return projected;
  if ((model === 2 || projected === undefined) && geographic !== undefined && geographic > 0 && geographic !== 32767) return geographic;
  return undefined;
}

/** Reads a GeoTIFF's header: image structure and georeferencing. */
export function readGeoTiff(bytes: Uint8Array): RasterInfo {
  const tags = readTiffTags(bytes);
  const first = (tag: number): number | undefined => numbers(tags.get(tag))[0];
  const width = first(TAG.width);
  const height = first(TAG.height);
  if (!width || !height) throw new FormatError("dimensions de l'image absentes (étiquettes ImageWidth/ImageLength)");
  const samples = first(TAG.samplesPerPixel) ?? 1;
  const bits = numbers(tags.get(TAG.bitsPerSample));
  if (bits.length > 1 && bits.some((b) => b !== bits[0])) throw new FormatError(`canaux de tailles différentes (${bits.join(", ")} bits)`);
  // Image data must lie inside the file: strips (or tiles) offsets + byte counts.
  const tiled = tags.has(TAG.tileOffsets);
  const offsets = numbers(tags.get(tiled ? TAG.tileOffsets : TAG.stripOffsets));
  const counts = numbers(tags.get(tiled ? TAG.tileByteCounts : TAG.stripByteCounts));
  if (offsets.length === 0 || offsets.length !== counts.length) throw new FormatError("emplacement des données d'image absent ou incohérent (StripOffsets/StripByteCounts)");
  offsets.forEach((offset, i) => {
    if (offset + counts[i]! > bytes.length) throw new FormatError(`données d'image tronquées : le bloc ${i + 1} (octets ${offset} à ${offset + counts[i]!}) dépasse la fin du fichier (${bytes.length} octets)`);
  });
  const info: RasterInfo = {
    width, height, samplesPerPixel: samples, bitsPerSample: bits[0] ?? 1,
    sampleFormat: SAMPLE_FORMATS[first(TAG.sampleFormat) ?? 1] ?? "UINT",
    compression: COMPRESSIONS[first(TAG.compression) ?? 1] ?? `CODE_${first(TAG.compression)}`,
    photometric: PHOTOMETRICS[first(TAG.photometric) ?? 1] ?? "MINISBLACK",
  };
  const scale = numbers(tags.get(TAG.pixelScale));
  const tiepoint = numbers(tags.get(TAG.tiepoint));
  const matrix = numbers(tags.get(TAG.transformation));
  if (scale.length >= 2 && tiepoint.length >= 6 && scale[0]! > 0 && scale[1]! > 0) {
    const [i, j, , x, y] = tiepoint as [number, number, number, number, number];
    info.pixelSize = [scale[0]!, scale[1]!];
    info.origin = [x - i * scale[0]!, y + j * scale[1]!];
  } else if (matrix.length >= 16 && matrix[0]! > 0 && matrix[5]! < 0) {
    info.pixelSize = [matrix[0]!, -matrix[5]!];
    info.origin = [matrix[3]!, matrix[7]!];
  }
  const epsg = epsgFromGeoKeys(numbers(tags.get(TAG.geoKeys)));
  if (epsg !== undefined) info.epsg = epsg;
  const nodata = tags.get(TAG.gdalNodata);
  if (typeof nodata === "string" && nodata.trim() !== "") info.nodata = nodata.trim();
  return info;
}

/** Reads a world file (.tfw): pixel size and top-left corner; throws when it is not six numbers. */
export function readWorldFile(text: string): { pixelSize: [number, number]; origin: [number, number] } {
  const values = text.trim().split(/\s+/).map(Number);
  if (values.length !== 6 || values.some((v) => !Number.isFinite(v))) throw new FormatError("un fichier de géoréférencement (.tfw) doit contenir six nombres, un par ligne");
  const [a, , , e, c, f] = values as [number, number, number, number, number, number];
  if (a <= 0 || e >= 0) throw new FormatError("fichier .tfw incohérent : taille de pixel en X positive et en Y négative attendues");
  return { pixelSize: [a, -e], origin: [c - a / 2, f - e / 2] };
}
