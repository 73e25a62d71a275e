// Decoding and drawing of source images other than the tutorial's: a 16-bit gray GeoTIFF in WGS 84 with a
// GDAL_NODATA value (stretched linearly, no data transparent), drawn in CRS:84 and EPSG:3857; the top source
// wins where two overlap; GetFeatureInfo values are the raw ones.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeGeoTiff } from "../../../../src/mock/diffusion/raster-data.ts";
import type { RasterSource } from "../../../../src/mock/diffusion/raster-data.ts";
import { pixelValues, renderBox } from "../../../../src/mock/diffusion/raster-render.ts";
import { wgs84ToMercator } from "../../../../src/mock/formats/crs.ts";

// A 4 × 2 UINT16 gray image over [2°, 4°] × [45°, 46°] (pixels of 0.5°), values 1000…8000, the last one no data.
async function grayWgs84(): Promise<RasterSource> {
  const { writeArrayBuffer } = await import("geotiff");
  const values = new Uint16Array([1000, 2000, 3000, 4000, 5000, 6000, 7000, 9999]);
  const buffer = writeArrayBuffer(values, {
    width: 4, height: 2, BitsPerSample: [16], SampleFormat: [1], SamplesPerPixel: 1, PhotometricInterpretation: 1,
    ModelPixelScale: [0.5, 0.5, 0], ModelTiepoint: [0, 0, 0, 2, 46, 0], GeographicTypeGeoKey: 4326, GTModelTypeGeoKey: 2, GTRasterTypeGeoKey: 1, GDAL_NODATA: "9999",
  });
  const source = await decodeGeoTiff("gray", "data/gris.tif", new Uint8Array(buffer), undefined, undefined);
  assert.ok(source);
  return source;
}

test("a 16-bit gray GeoTIFF in WGS 84: stretched from its minimum to its maximum, GDAL_NODATA transparent", async () => {
  const source = await grayWgs84();
  assert.equal(source.srs, "EPSG:4326");
  assert.deepEqual([source.origin, source.pixelSize, source.nodata, source.range], [[2, 46], [0.5, 0.5], 9999, [1000, 7000]]);
  const image = renderBox([source], "CRS:84", [2, 45, 4, 46], 4, 2);
  const pixel = (i: number, j: number): number[] => Array.from(image.data.slice((j * 4 + i) * 4, (j * 4 + i) * 4 + 4));
  assert.deepEqual(pixel(0, 0), [0, 0, 0, 255]);
  assert.deepEqual(pixel(3, 0), [128, 128, 128, 255]); // 4000: (4000 − 1000) / 6000 × 255 = 127.5
  assert.deepEqual(pixel(2, 1), [255, 255, 255, 255]);
  assert.deepEqual(pixel(3, 1), [0, 0, 0, 0]);
  // In EPSG:3857, a pixel around (2.25°, 45.75°) is the first source pixel; beyond the image, the background.
  const [x, y] = wgs84ToMercator(2.25, 45.75);
  const mercator = renderBox([source], "EPSG:3857", [x - 100, y - 100, x + 100, y + 100], 2, 2, [10, 20, 30, 255]);
  assert.deepEqual(Array.from(mercator.data.slice(0, 4)), [0, 0, 0, 255]);
  const [far] = wgs84ToMercator(5, 45.75);
  assert.deepEqual(Array.from(renderBox([source], "EPSG:3857", [far, y, far + 100, y + 100], 1, 1, [10, 20, 30, 255]).data), [10, 20, 30, 255]);
  assert.deepEqual(pixelValues([source], "EPSG:3857", x, y), { path: "data/gris.tif", col: 0, row: 0, values: [1000] });
});

test("overlapping sources: the last one on top, the one below where the top one has no data", async () => {
  const below = await grayWgs84();
  const top: RasterSource = { ...below, key: "top", path: "data/haut.tif", samples: new Uint16Array([9999, 1000, 1000, 1000, 1000, 1000, 1000, 1000]), range: [0, 1000] };
  const image = renderBox([below, top], "EPSG:4326", [2, 45, 4, 46], 4, 2);
  assert.deepEqual(Array.from(image.data.slice(0, 8)), [0, 0, 0, 255, 255, 255, 255, 255]);
  assert.deepEqual(pixelValues([below, top], "EPSG:4326", 2.25, 45.75)?.path, "data/gris.tif");
  assert.deepEqual(pixelValues([below, top], "EPSG:4326", 2.75, 45.75), { path: "data/haut.tif", col: 1, row: 0, values: [1000] });
});
