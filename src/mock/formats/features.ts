// Every feature of one vector layer, whatever its format: GeoPackage table, CSV, GeoJSON or shapefile.
import { DEFAULT_DBF_ENCODING } from "./dbase.ts";
import { geopackageFeatures } from "./features-gpkg.ts";
import { shapefileFeatures } from "./features-shp.ts";
import { csvFeatures, geoJsonFeatures } from "./features-text.ts";
import type { SourceFeature } from "./geometry.ts";

/** The vector formats whose features can be read back. */
export type FeatureFormat = "GPKG" | "CSV" | "GEOJSON" | "SHAPEFILE";

/**
 * The features of a layer: `files` holds the file's bytes (a shapefile's .shp then .dbf); the srs is the one
 * the file declares, when it does (GeoPackage, GeoJSON). Anything unreadable throws a FormatError.
 */
export function readFeatures(format: FeatureFormat, files: readonly Uint8Array[], layer: string, encoding?: string): { srs?: string; features: SourceFeature[] } {
  const [main, second] = files;
  if (!main) return { features: [] };
  if (format === "GPKG") return geopackageFeatures(main, layer);
  if (format === "CSV") return { features: csvFeatures(main) };
  if (format === "GEOJSON") return geoJsonFeatures(main);
  return { features: shapefileFeatures(main, second, encoding ?? DEFAULT_DBF_ENCODING) };
}
