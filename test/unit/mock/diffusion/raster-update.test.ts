// A JPEG raster pyramid updated with a second image (a plain TIFF georeferenced by its .tfw world file):
// its tiles show the new image on top of the earlier one, which is kept where the new one does not reach;
// the same with two PNG pyramids merged by pyramids_to_pyramid (the second input on top).
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { lambert93ToWgs84 } from "../../../../src/mock/formats/crs.ts";
import { writeGeoTiff } from "../../../../src/mock/formats/tiff-writer.ts";
import ids from "../../../../_data/ids.json" with { type: "json" };
import { createTypedUpload, DS, harness, runExecution, sendBytes } from "../helpers.ts";
import { corsePixels, corseUpload, image, pmPlace, publish, pyramid } from "./raster-helpers.ts";

const h = harness();
after(() => h.close());

const MAGENTA = [230, 20, 200];
// The new image: 40 × 40 pixels of 750 m in Lambert-93, top-left corner (1190000, 6160000).
const PATCH = { x: 1190000, y: 6160000, size: 750, side: 40 };

// Asserts that two colours are close (JPEG is lossy).
function near(actual: number[], expected: number[], what: string): void {
  expected.forEach((value, c) => assert.ok(Math.abs(actual[c]! - value) <= 12, `${what}: ${actual.join(",")} ≠ ${expected.join(",")}`));
}

// Uploads the magenta image with its world file; returns the upload id.
async function patchUpload(): Promise<string> {
  const pixels = new Uint8Array(PATCH.side * PATCH.side * 3);
  for (let i = 0; i < pixels.length; i += 3) pixels.set(MAGENTA, i);
  const tif = writeGeoTiff({ width: PATCH.side, height: PATCH.side, samples: 3, pixels });
  const tfw = [PATCH.size, 0, 0, -PATCH.size, PATCH.x + PATCH.size / 2, PATCH.y - PATCH.size / 2].join("\n");
  const upload = await createTypedUpload(h, "RASTER", "EPSG:2154", "Corse, mise à jour");
  await sendBytes(h, upload, [["data/maj.tif", tif], ["data/maj.tfw", `${tfw}\n`]]);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  h.tick(10_000);
  assert.equal((await h.call("GET", `${DS}/uploads/${upload}`)).body.status, "CLOSED");
  return upload;
}

// The colour of a TMS tile's pixel at a Lambert-93 place, level 10.
async function tileAt(layer: string, ext: "jpeg" | "png", x: number, y: number): Promise<number[]> {
  const [lon, lat] = lambert93ToWgs84(x, y);
  const place = pmPlace(lon, lat, 10);
  return (await image(`https://data.geopf.fr/tms/1.0.0/${layer}/10/${place.col}/${place.row}.${ext}`, ext === "png" ? "image/png" : "image/jpeg")).rgba(place.i, place.j);
}

// Source pixels of corse.tif outside the magenta image: their colour, Lambert-93 centre.
async function corseChecks(): Promise<{ expected: number[]; x: number; y: number; col: number; row: number }[]> {
  const source = await corsePixels();
  return [[20, 20], [200, 250], [60, 200]].map(([col, row]) => ({
    col: col!, row: row!, x: source.origin[0]! + (col! + 0.5) * source.size, y: source.origin[1]! - (row! + 0.5) * source.size,
    expected: Array.from({ length: 3 }, (_, c) => source.rgb[(row! * source.width + col!) * 3 + c]!),
  }));
}

test("update of a JPEG pyramid: the new world-file image on top, the earlier image kept, white where there is nothing", async () => {
  const first = await corseUpload(h);
  const id = await pyramid(h, first, { tms: "PM", compression: "jpg", bottom: "10" });
  const second = await patchUpload();
  assert.equal(await pyramid(h, second, { bottom: "10" }, id), id);
  for (const upload of [first, second]) assert.equal((await h.call("DELETE", `${DS}/uploads/${upload}`)).status, 204);
  await publish(h, "WMTS-TMS", "corse_maj", id, "8", "10");

  near(await tileAt("corse_maj", "jpeg", PATCH.x + 15000, PATCH.y - 15000), MAGENTA, "centre of the new image");
  for (const { col, row, x, y, expected } of await corseChecks()) near(await tileAt("corse_maj", "jpeg", x, y), expected, `earlier image at ${col},${row}`);
  const { origin } = await corsePixels();
  near(await tileAt("corse_maj", "jpeg", origin[0]! - 3000, origin[1]! + 1000), [255, 255, 255], "outside both images");
});

test("pyramids_to_pyramid: the merged pyramid draws both inputs' images, the second on top, over their levels", async () => {
  const first = await pyramid(h, await corseUpload(h), { tms: "PM", compression: "png", bottom: "10" });
  const second = await pyramid(h, await patchUpload(), { tms: "PM", compression: "png", top: "3", bottom: "10" });
  const merge = await runExecution(h, { processing: ids.processings.pyramids_to_pyramid, inputs: { stored_data: [first, second] }, output: { stored_data: { name: "Corse fusionnée", storage_tags: ["PYRAMIDE"] } }, parameters: {} });
  assert.equal(merge.body.status, "SUCCESS", JSON.stringify(merge.body));
  const merged = (await h.call("GET", `${DS}/stored_data/${merge.body.output.stored_data._id}`)).body;
  assert.deepEqual(merged.type_infos.levels, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
  assert.equal(merged.type_infos.compression, "PNG");
  await publish(h, "WMTS-TMS", "corse_fusion", merged._id, "9", "10");

  assert.deepEqual(await tileAt("corse_fusion", "png", PATCH.x + 15000, PATCH.y - 15000), [...MAGENTA, 255]);
  for (const { col, row, x, y, expected } of await corseChecks()) assert.deepEqual(await tileAt("corse_fusion", "png", x, y), [...expected, 255], `pixel ${col},${row}`);
});
