// The raster tutorial's sample image, computed by the project (no third-party data): a 256 × 320 RGB
// GeoTIFF in Lambert-93 (EPSG:2154), 750 m pixels, showing a made-up outline of Corsica (a dozen
// hand-placed points) shaded by the distance to the coast over a blue sea.
import { wgs84ToLambert93 } from "../formats/crs.ts";
import { writeGeoTiff } from "../formats/tiff-writer.ts";

/** Size, top-left corner and pixel size of corse.tif. */
export const CORSE = { width: 256, height: 320, origin: [1110000, 6265000] as [number, number], pixelSize: 750, epsg: 2154 };

/** Coarse outline of Corsica (longitude, latitude), placed by hand. */
const OUTLINE: [number, number][] = [
  [9.34, 43.0], [9.47, 42.8], [9.55, 42.4], [9.53, 42.1], [9.4, 41.85], [9.28, 41.6], [9.2, 41.38], [8.92, 41.5],
  [8.78, 41.7], [8.7, 41.9], [8.6, 42.1], [8.55, 42.3], [8.7, 42.55], [9.05, 42.7], [9.3, 42.75],
];

// Point-in-polygon (even-odd rule).
function inside(x: number, y: number, polygon: [number, number][]): boolean {
  let result = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

/** The bytes of corse.tif. */
export function corseTif(): Uint8Array {
  const { width, height, origin, pixelSize, epsg } = CORSE;
  const outline = OUTLINE.map(([lon, lat]) => wgs84ToLambert93(lon, lat));
  const pixels = new Uint8Array(width * height * 3);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const x = origin[0] + (col + 0.5) * pixelSize;
      const y = origin[1] - (row + 0.5) * pixelSize;
      const at = (row * width + col) * 3;
      if (inside(x, y, outline)) {
        // Land: the further from the coast, the higher and browner (distance to the nearest outline point).
        const distance = Math.min(...outline.map(([px, py]) => Math.hypot(px - x, py - y)));
        const height01 = Math.min(1, distance / 40000);
        pixels.set([Math.round(120 + 90 * height01), Math.round(170 - 40 * height01), Math.round(90 - 30 * height01)], at);
      } else {
        const wave = (Math.sin(col / 9) + Math.sin(row / 13)) * 6;
        pixels.set([Math.round(70 + wave), Math.round(130 + wave), Math.round(190 + wave)], at);
      }
    }
  }
  return writeGeoTiff({ width, height, samples: 3, pixels, origin, pixelSize: [pixelSize, pixelSize], epsg });
}
