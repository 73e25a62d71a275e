// Every feature of one GeoPackage table: attribute values by source column name (the feature id and the
// geometry column left out, as the layer analysis does) and the geometry as GeoJSON in the table's srs.
import { FormatError } from "./errors.ts";
import { geopackageTables } from "./geopackage.ts";
import type { SourceFeature } from "./geometry.ts";
import { SqliteFile } from "./sqlite.ts";
import { gpkgGeoJson } from "./wkb.ts";

/** The features of table `layer` (case-insensitive) of a GeoPackage, in row order, and the table's srs. */
export function geopackageFeatures(bytes: Uint8Array, layer: string): { srs?: string; features: SourceFeature[] } {
  const db = new SqliteFile(bytes);
  const table = geopackageTables(db).find((candidate) => candidate.name.toLowerCase() === layer.toLowerCase());
  if (!table) throw new FormatError(`table « ${layer} » absente du GeoPackage`);
  const features = db.rows(table.entry.rootpage).map(({ values }): SourceFeature => {
    const properties: Record<string, unknown> = {};
    let geometry: SourceFeature["geometry"] = null;
    table.columns.forEach((column, i) => {
      const value = values[i] ?? null;
      if (i === table.geometryIndex) {
        try {
          geometry = value instanceof Uint8Array ? gpkgGeoJson(value) : null;
        } catch {
          geometry = null; // an unreadable or unsupported geometry (GEOMETRYCOLLECTION): the row stays, without it
        }
      } else if (i !== table.keyIndex) properties[column.name] = value instanceof Uint8Array ? null : value;
    });
    return { properties, geometry };
  });
  return table.srs ? { srs: table.srs, features } : { features };
}
