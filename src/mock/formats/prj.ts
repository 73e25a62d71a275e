// Coordinate system of a shapefile's .prj (WKT 1, ESRI or OGC flavour, or WKT 2): the EPSG code of the root
// AUTHORITY/ID when there is one, else the CRS name looked up in a table of common systems (ESRI names have
// no authority), else a Lambert-93 recognised by its projection parameters. Unknown → srs undefined.
import { FormatError } from "./errors.ts";
import type { ShapefilePart } from "./types.ts";

// Names compared lower case without spaces, "_", "-", "/", "." and parentheses.
const key = (name: string): string => name.toLowerCase().replace(/[\s_\-/.()]/g, "");

/** Common coordinate systems of French data, by the names ESRI and EPSG give them. */
const NAMES: [string[], number][] = [
  [["rgf93lambert93", "rgf1993lambert93", "rgf93v1lambert93"], 2154],
  [["wgs84", "gcswgs1984", "wgs1984", "wgs84geographic2d"], 4326],
  [["wgs84pseudomercator", "wgs1984webmercatorauxiliarysphere", "wgs1984webmercator", "webmercator", "popularvisualisationcrsmercator", "googlemapsglobalmercator"], 3857],
  [["rgf93", "gcsrgf1993", "rgf93v1", "rgf93geographic2d", "rgf93v1geographic2d"], 4171],
  [["etrs89", "gcsetrs1989"], 4258],
  [["etrs89laea", "etrs89extendedlaeaeurope", "etrs1989laea", "etrs89lambertazimuthalequalarea"], 3035],
  [["ntfparislambertzonei", "ntfparislambertnordfrance"], 27571],
  [["ntfparislambertzoneii", "ntfparislambertiietendu", "ntfparislambert2etendu", "ntfparislambertcentrefrance", "ntfparislambertiiextended"], 27572],
  [["ntfparislambertzoneiii", "ntfparislambertsudfrance"], 27573],
  [["ntfparislambertzoneiv", "ntfparislambertcorse"], 27574],
  [["rgr92utmzone40s", "rgr1992utmzone40s"], 2975],
  [["rgfg95utmzone22n", "rgfg1995utmzone22n"], 2972],
  [["rgaf09utmzone20n", "rgaf2009utmzone20n"], 5490],
  [["rgm04utmzone38s", "rgm2004utmzone38s"], 4471],
  [["rgspm06utmzone21n", "rgspm2006utmzone21n"], 4467],
];

/** EPSG code of a CRS name of the table, of the CC zones (RGF93 CC42…CC50) or of UTM zones (WGS 84, ETRS89). */
export function epsgOfName(name: string): number | undefined {
  const k = key(name);
  const known = NAMES.find(([names]) => names.includes(k));
  if (known) return known[1];
  const cc = /^rgf(?:93|1993)(?:v1)?(?:conicconformal)?(?:zone)?cc(4[2-9]|50)$/.exec(k);
  if (cc) return 3900 + Number(cc[1]);
  const utm = /^(wgs84|wgs1984|etrs89|etrs1989)utmzone(\d{1,2})([ns])$/.exec(k);
  if (utm && Number(utm[2]) >= 1 && Number(utm[2]) <= 60) {
    if (utm[1]!.startsWith("wgs")) return (utm[3] === "n" ? 32600 : 32700) + Number(utm[2]);
    if (utm[3] === "n") return 25800 + Number(utm[2]);
  }
  return undefined;
}

// Value of a PARAMETER["name", value] (names compared as keys).
function parameter(wkt: string, name: string): number | undefined {
  for (const match of wkt.matchAll(/PARAMETER\[\s*"([^"]*)"\s*,\s*(-?[\d.eE+-]+)/gi)) if (key(match[1]!) === name) return Number(match[2]);
  return undefined;
}

/** Reads a .prj file: the CRS name and its EPSG code when recognised. */
export function readPrj(text: string): Extract<ShapefilePart, { ext: "prj" }> {
  const wkt = text.replace(/^\uFEFF/, "").trim();
  const root = /^(PROJCS|GEOGCS|GEOCCS|COMPD_CS|PROJCRS|GEOGCRS|GEODCRS|COMPOUNDCRS|BOUNDCRS)\s*\[\s*"([^"]*)"/i.exec(wkt);
  if (!root) throw new FormatError(`fichier .prj : « ${wkt.slice(0, 40)} » n'est pas une définition WKT de système de coordonnées (PROJCS[…] ou GEOGCS[…] attendu)`);
  const name = root[2]!;
  const authority = /(?:AUTHORITY|ID)\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$/i.exec(wkt);
  let epsg = authority ? Number(authority[1]) : epsgOfName(name);
  const lcc = /PROJECTION\[\s*"Lambert_Conformal_Conic/i.test(wkt) || /METHOD\[\s*"Lambert Conic Conformal \(2SP\)/i.test(wkt);
  if (epsg === undefined && lcc && /RGF|GRS.?1980/i.test(wkt)) {
    const values = ["falseeasting", "falsenorthing", "centralmeridian", "standardparallel1", "standardparallel2"].map((p) => parameter(wkt, p));
    if (values[0] === 700000 && values[1] === 6600000 && values[2] === 3 && [44, 49].includes(values[3]!) && [44, 49].includes(values[4]!)) epsg = 2154;
  }
  return epsg === undefined ? { ext: "prj", name } : { ext: "prj", name, srs: `EPSG:${epsg}` };
}
