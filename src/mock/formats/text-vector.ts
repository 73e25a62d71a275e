// Text vector formats: CSV (header, rows, separator, types, geometry from a WKT column or from x/y,
// lon/lat, longitude/latitude columns) and GeoJSON (properties, geometry type, crs, extent).
import { FormatError } from "./errors.ts";
import type { ColumnInfo, VectorLayerInfo } from "./types.ts";
import type { Envelope } from "./wkb.ts";
import { mergeEnvelopes } from "./wkb.ts";

/** Column names read as a WKT geometry (compared without case). */
export const WKT_COLUMNS = ["wkt", "geom", "geometry", "the_geom", "wkt_geom", "geometrie"];
/** Pairs of column names read as point coordinates (x, y). */
export const XY_COLUMNS: [string, string][] = [["x", "y"], ["lon", "lat"], ["long", "lat"], ["lng", "lat"], ["longitude", "latitude"]];

/** Decodes UTF-8 text (BOM removed); not UTF-8 → FormatError. */
export function utf8Text(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    throw new FormatError(`${what} n'est pas encodé en UTF-8`);
  }
}

/** Parses CSV text (RFC 4180 quotes) with the given separator into rows of fields. */
export function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === separator) row.push(field), (field = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (quoted) throw new FormatError("guillemet ouvrant sans guillemet fermant");
  if (field !== "" || row.length > 0) row.push(field), rows.push(row);
  return rows.filter((r) => !(r.length === 1 && r[0]!.trim() === ""));
}

// PostgreSQL type guessed from the non-empty values of a column.
function guessType(values: string[]): string {
  const filled = values.map((v) => v.trim()).filter((v) => v !== "");
  if (filled.length === 0) return "character varying";
  if (filled.every((v) => /^-?\d{1,18}$/.test(v))) return filled.every((v) => Math.abs(Number(v)) < 2 ** 31) ? "integer" : "bigint";
  if (filled.every((v) => /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v))) return "double precision";
  return "character varying";
}

/** A parsed CSV file: header, data rows, and where the geometry is (a WKT column, else an x/y pair, else none). */
export interface CsvTable {
  header: string[];
  data: string[][];
  /** Index of the WKT column (-1 when none). */
  wkt: number;
  /** Indexes of the x and y columns, when there is no WKT column and a known pair is present. */
  pair?: readonly [number, number];
}

/** Parses a CSV file (separator guessed from the first line) and finds its geometry columns. */
export function csvTable(bytes: Uint8Array): CsvTable {
  const text = utf8Text(bytes, "le fichier CSV");
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const separator = [",", ";", "\t", "|"].map((s) => [s, firstLine.split(s).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const rows = parseCsv(text, separator);
  const header = rows[0]?.map((name) => name.trim());
  if (!header || header.length === 0 || header.every((name) => name === "")) throw new FormatError("ligne d'en-tête absente");
  const empty = header.findIndex((name) => name === "");
  if (empty >= 0) throw new FormatError(`la colonne ${empty + 1} de l'en-tête n'a pas de nom`);
  const lower = header.map((name) => name.toLowerCase());
  const duplicate = lower.find((name, i) => lower.indexOf(name) !== i);
  if (duplicate) throw new FormatError(`la colonne « ${duplicate} » apparaît deux fois dans l'en-tête`);
  const data = rows.slice(1);
  data.forEach((row, i) => {
    if (row.length !== header.length) throw new FormatError(`ligne ${i + 2} : ${row.length} champs au lieu de ${header.length}`);
  });
  const wkt = lower.findIndex((name) => WKT_COLUMNS.includes(name));
  const pair = wkt >= 0 ? undefined : XY_COLUMNS.map(([x, y]) => [lower.indexOf(x), lower.indexOf(y)] as const).find(([x, y]) => x >= 0 && y >= 0);
  return pair ? { header, data, wkt, pair } : { header, data, wkt };
}

/** A CSV coordinate (decimal comma accepted). */
export const csvNumber = (value: string): number => Number(value.trim().replace(",", "."));

/** Reads a CSV file: one layer named after the file. */
export function readCsv(bytes: Uint8Array, layerName: string): VectorLayerInfo {
  const { header, data, wkt, pair } = csvTable(bytes);
  let extent: Envelope | undefined;
  let geometryType: string | undefined;
  if (wkt >= 0) {
    const first = data.map((row) => row[wkt]!.trim()).find((v) => v !== "");
    geometryType = first ? /^\s*([A-Za-z]+)/.exec(first)?.[1]?.toUpperCase() : "GEOMETRY";
    for (const [i, row] of data.entries()) {
      const value = row[wkt]!.trim();
      if (value !== "" && !/^(MULTI)?(POINT|LINESTRING|POLYGON)|GEOMETRYCOLLECTION/i.test(value)) throw new FormatError(`ligne ${i + 2} : « ${value.slice(0, 30)} » n'est pas une géométrie WKT`);
      const numbers = (value.match(/-?\d+(\.\d+)?([eE][-+]?\d+)?/g) ?? []).map(Number);
      for (let k = 0; k + 1 < numbers.length; k += 2) extent = mergeEnvelopes(extent, [numbers[k]!, numbers[k + 1]!, numbers[k]!, numbers[k + 1]!]);
    }
  } else if (pair) {
    geometryType = "POINT";
    for (const [i, row] of data.entries()) {
      const x = csvNumber(row[pair[0]]!);
      const y = csvNumber(row[pair[1]]!);
      if (!Number.isFinite(x) || !Number.isFinite(y) || row[pair[0]]!.trim() === "") throw new FormatError(`ligne ${i + 2} : coordonnées « ${row[pair[0]]} ; ${row[pair[1]]} » non numériques`);
      extent = mergeEnvelopes(extent, [x, y, x, y]);
    }
  }
  const columns: ColumnInfo[] = header.filter((_, i) => i !== wkt).map((name) => {
    const index = header.indexOf(name);
    return { name, type: guessType(data.map((row) => row[index]!)) };
  });
  const layer: VectorLayerInfo = {
    name: layerName, columns, features: data.length,
    geometryBytes: wkt >= 0 ? data.reduce((sum, row) => sum + row[wkt]!.length, 0) : pair ? data.length * 21 : 0,
    attributeBytes: data.reduce((sum, row) => sum + row.reduce((s, v, i) => s + (i === wkt ? 0 : v.length), 0), 0),
  };
  if (geometryType) layer.geometry = { column: wkt >= 0 ? header[wkt]! : "geom", type: geometryType };
  if (wkt >= 0) layer.wktPosition = wkt;
  if (extent) layer.extent = extent;
  return layer;
}

// Extends an envelope with every position of GeoJSON coordinates.
function walkCoordinates(value: unknown, extend: (x: number, y: number) => void, depth = 0): void {
  if (!Array.isArray(value) || depth > 6) return;
  if (typeof value[0] === "number" && typeof value[1] === "number") extend(value[0], value[1]);
  else for (const item of value) walkCoordinates(item, extend, depth + 1);
}

/** A parsed GeoJSON FeatureCollection: its features, name and crs member. */
export interface GeoJsonCollection {
  features: { properties?: Record<string, unknown> | null; geometry?: { type?: string; coordinates?: unknown } | null }[];
  name?: unknown;
  /** EPSG:<code> of the crs member, EPSG:4326 without one. */
  srs: string;
}

/** Parses a GeoJSON FeatureCollection (UTF-8); anything else is a FormatError. */
export function geoJsonCollection(bytes: Uint8Array): GeoJsonCollection {
  let json: unknown;
  try {
    json = JSON.parse(utf8Text(bytes, "le fichier GeoJSON"));
  } catch (error) {
    throw error instanceof FormatError ? error : new FormatError(`JSON invalide (${error instanceof Error ? error.message : String(error)})`);
  }
  const collection = json as { type?: unknown; features?: unknown; name?: unknown; crs?: { properties?: { name?: unknown } } };
  if (typeof json !== "object" || json === null || collection.type !== "FeatureCollection" || !Array.isArray(collection.features)) {
    throw new FormatError("un GeoJSON doit être une FeatureCollection avec une liste « features »");
  }
  const crsName = typeof collection.crs?.properties?.name === "string" ? collection.crs.properties.name : "";
  const epsg = /EPSG:{1,2}(\d+)/i.exec(crsName)?.[1];
  return { features: collection.features as GeoJsonCollection["features"], name: collection.name, srs: epsg ? `EPSG:${epsg}` : "EPSG:4326" };
}

/** Reads a GeoJSON FeatureCollection: one layer (its `name`, else the file name). */
export function readGeoJson(bytes: Uint8Array, layerName: string): VectorLayerInfo {
  const collection = geoJsonCollection(bytes);
  const columns = new Map<string, string[]>();
  const types = new Set<string>();
  let extent: Envelope | undefined;
  for (const feature of collection.features) {
    for (const [key, value] of Object.entries(feature?.properties ?? {})) columns.set(key, [...(columns.get(key) ?? []), value === null || value === undefined ? "" : String(value)]);
    if (feature?.geometry?.type) types.add(feature.geometry.type.toUpperCase());
    walkCoordinates(feature?.geometry?.coordinates, (x, y) => (extent = mergeEnvelopes(extent, [x, y, x, y])));
  }
  const layer: VectorLayerInfo = {
    name: typeof collection.name === "string" && collection.name.trim() ? collection.name : layerName,
    columns: [...columns].map(([name, values]) => ({ name, type: guessType(values) })),
    srs: collection.srs,
    features: collection.features.length,
    geometryBytes: bytes.length, attributeBytes: 0,
  };
  if (types.size > 0) layer.geometry = { column: "geometry", type: types.size === 1 ? [...types][0]! : "GEOMETRY" };
  if (extent) layer.extent = extent;
  return layer;
}
