// GET /statics/nomenclatures: terms and labels used by DOWNLOAD configurations (zones, formats, …).
import { badRequest } from "../../core/errors.ts";

/** Nomenclature types. */
export const NOMENCLATURE_TYPES = ["CRS", "ZONE", "FORMAT", "RESOLUTION", "ECONOMICAL_MODEL"] as const;

/** One nomenclature entry. */
export interface NomenclatureEntry {
  type: (typeof NOMENCLATURE_TYPES)[number];
  label: string;
  term: string;
}

const entries = (type: NomenclatureEntry["type"], pairs: [string, string][]): NomenclatureEntry[] =>
  pairs.map(([term, label]) => ({ type, label, term }));

/** A representative subset of the platform's nomenclatures. */
export const NOMENCLATURES: readonly NomenclatureEntry[] = [
  ...entries("ZONE", [
    ["D075", "Paris"], ["D001", "Ain"], ["FXX", "France métropolitaine"], ["D02A", "Corse-du-Sud"], ["D02B", "Haute-Corse"],
    ["D013", "Bouches-du-Rhône"], ["D069", "Rhône"], ["GLP", "Guadeloupe"], ["MTQ", "Martinique"], ["GUF", "Guyane"],
    ["REU", "La Réunion"], ["MYT", "Mayotte"], ["FRA", "France entière"], ["WLD", "Monde"],
  ]),
  ...entries("FORMAT", [
    ["SHP", "Shapefile"], ["GPKG", "GeoPackage"], ["CSV", "CSV"], ["GEOJSON", "GeoJSON"], ["GML", "GML"],
    ["TIFF", "GeoTIFF"], ["JP2", "JPEG 2000"], ["ASC", "ASCII Grid"], ["LAZ", "LAZ"], ["PDF", "PDF"],
  ]),
  ...entries("CRS", [
    ["https://www.opengis.net/def/crs/EPSG/0/2154", "RGF93 v1 / Lambert-93 -- France"],
    ["https://www.opengis.net/def/crs/EPSG/0/4326", "WGS 84"],
    ["https://www.opengis.net/def/crs/EPSG/0/3857", "WGS 84 / Pseudo-Mercator"],
    ["https://www.opengis.net/def/crs/EPSG/0/5490", "RGAF09 / UTM zone 20N"],
    ["https://www.opengis.net/def/crs/EPSG/0/2975", "RGR92 / UTM zone 40S"],
  ]),
  ...entries("RESOLUTION", [["1m", "Précision à 1 mètre"], ["5m", "Précision à 5 mètres"], ["20cm", "Précision à 20 centimètres"], ["25m", "Précision à 25 mètres"]]),
  ...entries("ECONOMICAL_MODEL", [["FREE", "Gratuit"], ["PAID", "Payant"]]),
];

// `%` is the wildcard of term and label filters; matching ignores case.
function matcher(pattern: string): RegExp {
  const escaped = pattern.split("%").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  return new RegExp(`^${escaped}$`, "i");
}

/** Entries matching the optional type, term and label filters; an unknown type is a 400. */
export function searchNomenclatures(query: { type?: string | null; term?: string | null; label?: string | null }): NomenclatureEntry[] {
  const { type, term, label } = query;
  if (type && !NOMENCLATURE_TYPES.includes(type as NomenclatureEntry["type"])) {
    throw badRequest(`type : ${JSON.stringify(type)} n'est pas un type de nomenclature (valeurs possibles : ${NOMENCLATURE_TYPES.join(", ")}).`);
  }
  const termMatch = term ? matcher(term) : undefined;
  const labelMatch = label ? matcher(label) : undefined;
  return NOMENCLATURES.filter(
    (entry) => (!type || entry.type === type) && (!termMatch || termMatch.test(entry.term)) && (!labelMatch || labelMatch.test(entry.label)),
  );
}
