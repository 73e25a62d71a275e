// The elevation tutorial's samples, computed by the project (no third-party data): a 1 km LiDAR-HD-like tile
// in Lambert-93 (EPSG:2154, X 932–933 km, Y 6452–6453 km, near Grenoble) at 4 m instead of 50 cm (250 × 250
// FLOAT32 pixels, GDAL_NODATA -99999), as a terrain model (MNT) and a surface model (MNS: the MNT plus a
// wood and a building); two ROK4 styles (hypsometric tints, raw values) and the legend of the tints (PNG).
// The relief is an invented smooth function: a slope rising to the north-east and a rounded summit.
import { encode } from "fast-png";
import { paletteColour } from "../formats/rok4-style.ts";
import type { Rok4Palette } from "../formats/rok4-style.ts";
import { writeGeoTiff } from "../formats/tiff-writer.ts";

/** Size, top-left corner (Lambert-93) and pixel size of both tiles. */
export const MNT_TILE = { width: 250, height: 250, origin: [932000, 6453000] as [number, number], pixelSize: 4, epsg: 2154 };
/** No-data value of the tiles (that of the altimetry service too). */
export const MNT_NODATA = -99999;
/** File names of the tiles (the LiDAR HD naming, resolution 4 m). */
export const MNT_FILE = "LHD_FXX_0932_6453_MNT_4M_LAMB93_IGN69.tif";
/** File name of the surface model. */
export const MNS_FILE = "LHD_FXX_0932_6453_MNS_4M_LAMB93_IGN69.tif";
/** Public URL of the legend once published as an annexe of the simulated datastore (technical name `tutoriels`). */
export const LEGEND_URL = "https://data.geopf.fr/annexes/tutoriels/legendes/teintes_hypsometriques.png";

// Position in the tile, 0 (west / south) to 1 (east / north).
const unit = (x: number, y: number): [number, number] => [(x - 932000) / 1000, (y - 6452000) / 1000];

/** Whether a Lambert-93 point lies in the pond where the LiDAR has no return (no data). */
export function inPond(x: number, y: number): boolean {
  const [u, v] = unit(x, y);
  return (u - 0.15) ** 2 + (v - 0.2) ** 2 < 0.06 ** 2;
}

/** Ground altitude (m) at a Lambert-93 point: 1950 m at the south-west corner, a summit near (0.65, 0.7). */
export function mntAltitude(x: number, y: number): number {
  const [u, v] = unit(x, y);
  return 1950 + 120 * u + 60 * v + 90 * Math.exp(-((u - 0.65) ** 2 + (v - 0.7) ** 2) / 0.04);
}

/** Surface altitude (m): the ground, plus 18 m of trees in the north-west quarter and a 9 m building. */
export function mnsAltitude(x: number, y: number): number {
  const [u, v] = unit(x, y);
  const trees = u < 0.5 && v > 0.5 ? 18 : 0;
  const building = u >= 0.8 && u < 0.84 && v >= 0.3 && v < 0.34 ? 9 : 0;
  return mntAltitude(x, y) + trees + building;
}

/** The Lambert-93 centre of pixel (col, row). */
export function pixelCentre(col: number, row: number): [number, number] {
  return [MNT_TILE.origin[0] + (col + 0.5) * MNT_TILE.pixelSize, MNT_TILE.origin[1] - (row + 0.5) * MNT_TILE.pixelSize];
}

/** The FLOAT32 value stored for pixel (col, row) of a model. */
export function storedValue(model: (x: number, y: number) => number, col: number, row: number): number {
  const [x, y] = pixelCentre(col, row);
  return Math.fround(inPond(x, y) ? MNT_NODATA : model(x, y));
}

// The GeoTIFF of a model.
function tile(model: (x: number, y: number) => number): Uint8Array {
  const { width, height, origin, pixelSize, epsg } = MNT_TILE;
  const pixels = new Float32Array(width * height);
  for (let row = 0; row < height; row++) for (let col = 0; col < width; col++) pixels[row * width + col] = storedValue(model, col, row);
  return writeGeoTiff({ width, height, samples: 1, pixels, origin, pixelSize: [pixelSize, pixelSize], epsg, nodata: String(MNT_NODATA), rowsPerStrip: 16 });
}

/** The bytes of the terrain model tile. */
export const mntTif = (): Uint8Array => tile(mntAltitude);
/** The bytes of the surface model tile. */
export const mnsTif = (): Uint8Array => tile(mnsAltitude);

/** The hypsometric palette: no data transparent, then green, yellow, red, black and white with altitude. */
export const HYPSO_PALETTE: Rok4Palette = {
  max_value: 3.40282e38, rgb_continuous: true, alpha_continuous: true,
  colours: [
    { value: -100000, red: 0, green: 0, blue: 0, alpha: 0 },
    { value: -98000, red: 0, green: 0, blue: 0, alpha: 0 },
    { value: 0, red: 161, green: 225, blue: 143, alpha: 255 },
    { value: 500, red: 48, green: 164, blue: 16, alpha: 255 },
    { value: 1500, red: 237, green: 239, blue: 0, alpha: 255 },
    { value: 2000, red: 225, green: 0, blue: 0, alpha: 255 },
    { value: 2500, red: 0, green: 0, blue: 0, alpha: 255 },
    { value: 4000, red: 255, green: 255, blue: 255, alpha: 255 },
  ],
};

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** hypso.json: the ROK4 style of hypsometric tints. */
export function hypsoStyle(): string {
  return json({
    identifier: "hypsometrique", title: "Teintes hypsométriques", abstract: "Altitudes en teintes hypsométriques, du vert au blanc", keywords: ["MNT"],
    legend: { format: "image/png", url: LEGEND_URL, height: 118, width: 87, min_scale_denominator: 0, max_scale_denominator: 10000000 },
    palette: HYPSO_PALETTE,
  });
}

/** normal.json: the ROK4 style of raw values (no palette). */
export function normalStyle(): string {
  return json({
    identifier: "normal", title: "Données brutes", abstract: "Valeurs d'altitude sans mise en couleur", keywords: ["MNT"],
    legend: { format: "image/jpeg", url: "https://data.geopf.fr/annexes/ressources/legendes/LEGEND.jpg", height: 69, width: 280, min_scale_denominator: 0, max_scale_denominator: 10000000 },
  });
}

/** hypso_legende.png: 87 × 118, the tints from 0 m (bottom) to 4000 m (top) in a band framed in black. */
export function hypsoLegend(): Uint8Array {
  const width = 87;
  const height = 118;
  const data = new Uint8Array(width * height * 4).fill(255);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const at = (row * width + col) * 4;
      const frame = col >= 8 && col <= 40 && row >= 4 && row <= height - 5;
      const inside = col > 8 && col < 40 && row > 4 && row < height - 5;
      if (inside) data.set(paletteColour(HYPSO_PALETTE, (4000 * (height - 5 - row)) / (height - 10)).slice(0, 3), at);
      else if (frame) data.set([0, 0, 0], at);
      // Ticks every 500 m on the right of the band.
      else if (col > 40 && col < 46 && row > 4 && row < height - 5 && Math.round(((height - 5 - row) * 4000) / (height - 10)) % 500 < 35) data.set([0, 0, 0], at);
    }
  }
  return encode({ width, height, data, channels: 4, depth: 8 });
}

/** LISEZMOI.txt of public/samples/mnt/. */
export function mntReadme(): string {
  return [
    "Échantillons du tutoriel « Données MNT » (produits par scripts/generate-samples.ts, aucune donnée tierce).",
    "",
    `${MNT_FILE} : modèle numérique de terrain inventé, dalle de 1 km en Lambert-93 (EPSG:2154),`,
    "  X de 932 000 à 933 000 m, Y de 6 452 000 à 6 453 000 m, 250 × 250 pixels de 4 m (au lieu de 50 cm),",
    "  un canal FLOAT32 (altitude en mètres), valeur de non-donnée -99999 (une mare sans retour LiDAR).",
    "  Altitude : 1950 + 120 u + 60 v + 90 exp(-((u - 0,65)² + (v - 0,7)²) / 0,04), u et v de 0 à 1 d'ouest en est et du sud au nord.",
    `${MNS_FILE} : modèle numérique de surface, le MNT plus 18 m d'arbres (quart nord-ouest) et un bâtiment de 9 m.`,
    "hypso.json, normal.json : styles ROK4 (teintes hypsométriques, valeurs brutes) ; hypso_legende.png : légende des teintes.",
    "",
  ].join("\n");
}
