// Every feature of a CSV file (geometry from its WKT column or its x/y pair, found as the layer analysis finds
// them) or of a GeoJSON FeatureCollection, with the attribute values as the file gives them.
import type { SourceFeature } from "./geometry.ts";
import { isGeoJsonGeometry } from "./geometry.ts";
import { csvNumber, csvTable, geoJsonCollection } from "./text-vector.ts";
import { parseWkt } from "./wkt.ts";

/** The rows of a CSV file as features: every column but the WKT one as text, the geometry when it has one. */
export function csvFeatures(bytes: Uint8Array): SourceFeature[] {
  const { header, data, wkt, pair } = csvTable(bytes);
  return data.map((row) => {
    const properties: Record<string, unknown> = {};
    header.forEach((name, i) => {
      if (i !== wkt) properties[name] = row[i];
    });
    let geometry: SourceFeature["geometry"] = null;
    if (wkt >= 0) {
      try {
        geometry = parseWkt(row[wkt]!);
      } catch {
        geometry = null; // a WKT the analysis accepted but that does not parse: the row stays, without geometry
      }
    } else if (pair) {
      const [x, y] = [csvNumber(row[pair[0]]!), csvNumber(row[pair[1]]!)];
      if (Number.isFinite(x) && Number.isFinite(y)) geometry = { type: "Point", coordinates: [x, y] };
    }
    return { properties, geometry };
  });
}

/** The features of a GeoJSON FeatureCollection and the srs of its crs member (EPSG:4326 by default). */
export function geoJsonFeatures(bytes: Uint8Array): { srs: string; features: SourceFeature[] } {
  const collection = geoJsonCollection(bytes);
  const features = collection.features.map((feature): SourceFeature => {
    const geometry = feature?.geometry;
    return { properties: { ...(feature?.properties ?? {}) }, geometry: isGeoJsonGeometry(geometry) ? geometry : null };
  });
  return { srs: collection.srs, features };
}
