// Raw values of WMS-Raster maps, for one-channel data (altitudes): FORMAT image/tiff (a FLOAT32 GeoTIFF of the map,
// georeferenced in the map's CRS, GDAL_NODATA the pyramid's no-data value) or image/x-bil;bits=32 (the same values,
// little-endian 32-bit floats, rows from the top, no header), as ROK4 serves the « normal » style of such pyramids.
// Each output pixel takes the value of the source pixel under its centre, the last layer on top; no data elsewhere.
import { writeGeoTiff } from "../formats/tiff-writer.ts";
import type { RasterSource } from "./raster-data.ts";
import { fromLonLat, pixelIndex, toLonLat } from "./raster-render.ts";

/** Formats of raw values. */
export const RAW_FORMATS = ["image/tiff", "image/x-bil;bits=32"];

const GEOGRAPHIC = ["EPSG:4326", "CRS:84"];

/** The values of a width × height map of `bbox` [minX, minY, maxX, maxY] in `srs` (x east), `nodata` where there is none. */
export function rawValues(layers: RasterSource[][], srs: string, bbox: [number, number, number, number], width: number, height: number, nodata: number): Float32Array {
  const values = new Float32Array(width * height).fill(nodata);
  const toWgs84 = toLonLat(srs);
  if (!toWgs84) return values;
  const [minX, minY, maxX, maxY] = bbox;
  const dx = (maxX - minX) / width;
  const dy = (maxY - minY) / height;
  for (const source of layers.flat()) {
    const project = fromLonLat(source.srs);
    if (!project) continue;
    const direct = source.srs === srs || (GEOGRAPHIC.includes(srs) && GEOGRAPHIC.includes(source.srs ?? ""));
    for (let j = 0; j < height; j++) {
      for (let i = 0; i < width; i++) {
        const x = minX + (i + 0.5) * dx;
        const y = maxY - (j + 0.5) * dy;
        const [sx, sy] = direct ? [x, y] : project(...toWgs84(x, y));
        const at = pixelIndex(source, sx, sy);
        if (at < 0) continue;
        const value = Number(source.samples[at]);
        if (!Number.isNaN(value) && value !== source.nodata) values[j * width + i] = value;
      }
    }
  }
  return values;
}

/** The response of raw values in one of RAW_FORMATS. */
export function rawResponse(values: Float32Array, format: string, srs: string, bbox: [number, number, number, number], width: number, height: number, nodata: number): Response {
  let bytes: Uint8Array;
  if (format === "image/tiff") {
    const [minX, minY, maxX, maxY] = bbox;
    const geographic = GEOGRAPHIC.includes(srs);
    bytes = writeGeoTiff({
      width, height, samples: 1, pixels: values, origin: [minX, maxY], pixelSize: [(maxX - minX) / width, (maxY - minY) / height],
      epsg: geographic ? 4326 : Number(srs.replace(/^EPSG:/, "")), geographic, nodata: String(nodata), rowsPerStrip: 16,
    });
  } else {
    const view = new DataView(new ArrayBuffer(values.length * 4));
    values.forEach((value, index) => view.setFloat32(index * 4, value, true));
    bytes = new Uint8Array(view.buffer);
  }
  return new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "Content-Type": format, "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" } });
}
