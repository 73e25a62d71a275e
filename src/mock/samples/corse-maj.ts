// Sample images of the "Mise à jour de données raster" and "Moissonnage WMS" tutorials, computed by the project
// (no third-party data): two RGB GeoTIFFs in Lambert-93 (EPSG:2154), 750 m pixels, of the north and the south of
// Corsica, overlapping by a band of OVERLAP_ROWS rows. Each paints a made-up outline of the island in its own
// flat colours (north: ochre land on a pale sea; south: green land on a deep sea), so that a pyramid's tiles show
// which image they come from, and which one is on top where both cover the ground.
import { wgs84ToLambert93 } from "../formats/crs.ts";
import { writeGeoTiff } from "../formats/tiff-writer.ts";

/** Land and sea colours of each image. */
export const COLOURS = {
  nord: { land: [214, 142, 52], sea: [168, 208, 236] },
  sud: { land: [58, 150, 74], sea: [32, 78, 160] },
} as const;

/** Rows the two images share (the south image starts this many rows above the north image's last row). */
export const OVERLAP_ROWS = 10;

const PIXEL = 750;
const WIDTH = 256;
const X0 = 1110000;
/** Size, top-left corner and pixel size of each image (Lambert-93 metres). */
export const TILES = {
  nord: { width: WIDTH, height: 150, origin: [X0, 6265000] as [number, number], pixelSize: PIXEL, epsg: 2154 },
  sud: { width: WIDTH, height: 180, origin: [X0, 6265000 - (150 - OVERLAP_ROWS) * PIXEL] as [number, number], pixelSize: PIXEL, epsg: 2154 },
} as const;

/** A rough outline of the island (longitude, latitude), a few points placed by hand for these images. */
const ISLAND: [number, number][] = [
  [9.36, 43.01], [9.46, 42.83], [9.53, 42.55], [9.56, 42.2], [9.42, 41.9], [9.33, 41.62], [9.23, 41.37], [8.95, 41.48],
  [8.8, 41.65], [8.72, 41.92], [8.62, 42.12], [8.57, 42.35], [8.68, 42.56], [9.0, 42.68], [9.25, 42.72], [9.33, 42.9],
];

// Even-odd point-in-polygon test.
function inPolygon(x: number, y: number, polygon: [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a Lambert-93 point is on the made-up island. */
export function onLand(x: number, y: number): boolean {
  return inPolygon(x, y, ISLAND.map(([lon, lat]) => wgs84ToLambert93(lon, lat)));
}

/** The bytes of corse_nord.tif or corse_sud.tif. */
export function corseTile(which: keyof typeof TILES): Uint8Array {
  const { width, height, origin, pixelSize, epsg } = TILES[which];
  const outline = ISLAND.map(([lon, lat]) => wgs84ToLambert93(lon, lat));
  const { land, sea } = COLOURS[which];
  const pixels = new Uint8Array(width * height * 3);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const x = origin[0] + (col + 0.5) * pixelSize;
      const y = origin[1] - (row + 0.5) * pixelSize;
      pixels.set(inPolygon(x, y, outline) ? land : sea, (row * width + col) * 3);
    }
  }
  return writeGeoTiff({ width, height, samples: 3, pixels, origin, pixelSize: [pixelSize, pixelSize], epsg });
}

/** public/samples/mise-a-jour-raster/LISEZMOI.txt */
export function miseAJourReadme(): string {
  const line = (name: string, which: keyof typeof TILES, colours: string): string[] => {
    const { width, height, origin } = TILES[which];
    return [
      `${name}  GeoTIFF non compressé de ${width} × ${height} pixels RVB (3 canaux de 8 bits), Lambert-93`,
      `                 (EPSG:2154), pixels de ${PIXEL} m, coin haut-gauche (${origin[0]}, ${origin[1]}) : ${colours}.`,
    ];
  };
  return [
    "Nord et sud de la Corse - jeu d'exemple des tutoriels « Mise à jour de données raster » et « Moissonnage WMS »",
    "",
    "Deux images calculées pour le tutoriel (un contour inventé de l'île, en aplats de couleur), sans valeur",
    "cartographique. Elles se recouvrent sur une bande de " + `${OVERLAP_ROWS} lignes (${(OVERLAP_ROWS * PIXEL) / 1000} km)` + " : là, la pyramide",
    "montre l'image qui est au-dessus de l'autre.",
    "",
    ...line("corse_nord.tif", "nord", "terre ocre, mer bleu pâle"),
    ...line("corse_sud.tif ", "sud", "terre verte, mer bleu profond"),
    "corse_nord.md5  somme MD5 de corse_nord.tif, avec son chemin dans la livraison (data/corse_nord.tif)",
    "corse_sud.md5   somme MD5 de corse_sud.tif (data/corse_sud.tif)",
    "",
  ].join("\n");
}
