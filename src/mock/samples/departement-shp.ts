// The Shapefile sample, computed by the project (no third-party data): six departments as coarse polygons
// drawn by hand (a few points each, projected to Lambert-93 EPSG:2154), attributes with accents (a field
// named RÉGION), UTF-8 .cpg and an ESRI-style .prj without authority, as ArcGIS and QGIS write them.
import { wgs84ToLambert93 } from "../formats/crs.ts";
import type { ShapefileSpec } from "../formats/shapefile-writer.ts";
import { writeShapefile } from "../formats/shapefile-writer.ts";

/** The .prj of Lambert-93 in the ESRI flavour (no AUTHORITY, recognised by its name). */
export const LAMBERT93_PRJ =
  'PROJCS["RGF93_Lambert_93",GEOGCS["GCS_RGF_1993",DATUM["D_RGF_1993",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],' +
  'UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",700000.0],PARAMETER["False_Northing",6600000.0],' +
  'PARAMETER["Central_Meridian",3.0],PARAMETER["Standard_Parallel_1",49.0],PARAMETER["Standard_Parallel_2",44.0],PARAMETER["Latitude_Of_Origin",46.5],UNIT["Meter",1.0]]';

// Code, name, region, prefecture, population (rounded, illustrative), area in km² (rounded), outline (lon, lat).
const DEPARTEMENTS: [string, string, string, string, number, number, [number, number][]][] = [
  ["75", "Paris", "Île-de-France", "Paris", 2133000, 105.4, [[2.25, 48.84], [2.29, 48.83], [2.36, 48.82], [2.42, 48.83], [2.41, 48.87], [2.40, 48.90], [2.33, 48.90], [2.28, 48.88]]],
  ["29", "Finistère", "Bretagne", "Quimper", 915000, 6733.0, [[-4.78, 48.40], [-4.72, 48.05], [-4.37, 47.80], [-3.95, 47.80], [-3.50, 47.85], [-3.40, 48.30], [-3.55, 48.68], [-3.85, 48.72], [-4.55, 48.62]]],
  ["33", "Gironde", "Nouvelle-Aquitaine", "Bordeaux", 1655000, 9975.6, [[-1.25, 44.20], [-0.20, 44.25], [0.10, 44.30], [0.30, 44.85], [-0.30, 45.10], [-0.75, 45.45], [-1.10, 45.50], [-1.20, 44.70]]],
  ["67", "Bas-Rhin", "Grand Est", "Strasbourg", 1153000, 4755.0, [[7.10, 48.90], [7.00, 48.60], [7.20, 48.30], [7.58, 48.12], [7.80, 48.50], [8.23, 48.97], [7.60, 49.08]]],
  ["2A", "Corse-du-Sud", "Corse", "Ajaccio", 161000, 4014.2, [[8.60, 42.27], [8.60, 41.90], [8.80, 41.55], [9.15, 41.38], [9.30, 41.60], [9.40, 41.87], [9.00, 42.15]]],
  ["2B", "Haute-Corse", "Corse", "Bastia", 182000, 4665.6, [[8.60, 42.27], [9.00, 42.15], [9.40, 41.87], [9.55, 42.10], [9.50, 42.35], [9.45, 42.80], [9.35, 43.00], [9.05, 42.70], [8.70, 42.55]]],
];

// Closed ring, clockwise (exterior rings of shapefiles are clockwise).
function clockwise(points: [number, number][]): [number, number][] {
  let area = 0;
  points.forEach(([x1, y1], i) => {
    const [x2, y2] = points[(i + 1) % points.length]!;
    area += x1 * y2 - x2 * y1;
  });
  const ring = area > 0 ? [...points].reverse() : [...points];
  return [...ring, ring[0]!];
}

/** The fields and features of DEPARTEMENT (UTF-8). */
export function departementSpec(): ShapefileSpec {
  return {
    encoding: "UTF-8",
    fields: [
      { name: "CODE_DEPT", type: "C", length: 3 }, { name: "NOM", type: "C", length: 40 }, { name: "RÉGION", type: "C", length: 40 },
      { name: "CHEF_LIEU", type: "C", length: 40 }, { name: "POPULATION", type: "N", length: 9 }, { name: "SUPERFICIE", type: "N", length: 10, decimals: 1 },
    ],
    features: DEPARTEMENTS.map(([code, nom, region, chefLieu, population, superficie, outline]) => ({
      rings: [clockwise(outline.map(([lon, lat]) => wgs84ToLambert93(lon, lat)).map(([x, y]) => [Math.round(x * 100) / 100, Math.round(y * 100) / 100]))],
      values: [code, nom, region, chefLieu, population, superficie],
    })),
  };
}

/** The files of the sample: DEPARTEMENT.shp, .shx, .dbf, .prj and .cpg. */
export function departementShapefile(): Record<string, string | Uint8Array> {
  const { shp, shx, dbf, cpg } = writeShapefile(departementSpec());
  return { "DEPARTEMENT.shp": shp, "DEPARTEMENT.shx": shx, "DEPARTEMENT.dbf": dbf, "DEPARTEMENT.prj": LAMBERT93_PRJ, "DEPARTEMENT.cpg": cpg };
}
