// A JPEG raster pyramid updated with a second image (a plain TIFF georeferenced by its .tfw world file):
// its tiles show the new image on top of the earlier one, which is kept where the new one does not reach.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { lambert93ToWgs84 } from "../../../../src/mock/formats/crs.ts";
import { writeGeoTiff } from "../../../../src/mock/formats/tiff-writer.ts";
import { createTypedUpload, DS, harness, sendBytes } from "../helpers.ts";
import { corsePixels, corseUpload, image, pmPlace, publish, pyramid } from "./raster-helpers.ts";

const h = harness();
after(() => h.close());

const TMS = "https://data.geopf.fr/tms/1.0.0/corse_maj";
const MAGENTA = [230, 20, 200];
// The new image: 40 × 40 pixels of 750 m in Lambert-93, top-left corner (1190000, 6160000).
const PATCH = { x: 1190000, y: 6160000, size: 750, side: 40 };

// Asserts that two colours are close (JPEG is lossy).
function near(actual: number[], expected: number[], what: string): void {
  expected.forEach((value, c) => assert.ok(Math.abs(actual[c]! - value) <= 12, `${what}: ${actual.join(",")} ≠ ${expected.join(",")}`));
}

test("update of a JPEG pyramid: the new world-file image on top, the earlier image kept, white where there is nothing", async () => {
  const source = await corsePixels();
  const first = await corseUpload(h);
  const id = await pyramid(h, first, { tms: "PM", compression: "jpg", bottom: "10" });

  const pixels = new Uint8Array(PATCH.side * PATCH.side * 3);
  for (let i = 0; i < pixels.length; i += 3) pixels.set(MAGENTA, i);
  const tif = writeGeoTiff({ width: PATCH.side, height: PATCH.side, samples: 3, pixels });
  const tfw = [PATCH.size, 0, 0, -PATCH.size, PATCH.x + PATCH.size / 2, PATCH.y - PATCH.size / 2].join("\n");
  const second = await createTypedUpload(h, "RASTER", "EPSG:2154", "Corse, mise à jour");
  await sendBytes(h, second, [["data/maj.tif", tif], ["data/maj.tfw", `${tfw}\n`]]);
  assert.equal((await h.call("POST", `${DS}/uploads/${second}/close`)).status, 204);
  h.tick(10_000);
  assert.equal((await h.call("GET", `${DS}/uploads/${second}`)).body.status, "CLOSED");
  assert.equal(await pyramid(h, second, { bottom: "10" }, id), id);
  for (const upload of [first, second]) assert.equal((await h.call("DELETE", `${DS}/uploads/${upload}`)).status, 204);
  await publish(h, "WMTS-TMS", "corse_maj", id, "8", "10");

  const tileAt = async (x: number, y: number): Promise<number[]> => {
    const [lon, lat] = lambert93ToWgs84(x, y);
    const place = pmPlace(lon, lat, 10);
    return (await image(`${TMS}/10/${place.col}/${place.row}.jpeg`, "image/jpeg")).rgba(place.i, place.j);
  };
  near(await tileAt(PATCH.x + 15000, PATCH.y - 15000), MAGENTA, "centre of the new image");
  for (const [col, row] of [[20, 20], [200, 250], [60, 200]] as const) {
    const x = source.origin[0]! + (col + 0.5) * source.size;
    const y = source.origin[1]! - (row + 0.5) * source.size;
    const expected = Array.from({ length: 3 }, (_, c) => source.rgb[(row * source.width + col) * 3 + c]!);
    near(await tileAt(x, y), expected, `earlier image at ${col},${row}`);
  }
  near(await tileAt(source.origin[0]! - 3000, source.origin[1]! + 1000), [255, 255, 255], "outside both images");
});
