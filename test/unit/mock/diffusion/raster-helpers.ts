// Shared steps of the raster diffusion tests: the sample GeoTIFF's pixels read independently, a pyramid
// computed from an upload, a layer published, PM tile and pixel of a place, decoded PNG/JPEG answers.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import ids from "../../../../_data/ids.json" with { type: "json" };
import { bytesForm, createTypedUpload, DS, harness, runExecution, sendBytes } from "../helpers.ts";

type Harness = ReturnType<typeof harness>;

/** Bytes of a raster sample file. */
export const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../../public/samples/raster/${name}`, import.meta.url)));

/** corse.tif decoded by geotiff directly: size, georeferencing and RGB samples. */
export async function corsePixels(): Promise<{ width: number; height: number; origin: number[]; size: number; rgb: ArrayLike<number> }> {
  const bytes = sample("corse.tif");
  const { fromArrayBuffer } = await import("geotiff");
  const image = await (await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)).getImage();
  const rgb = (await image.readRasters({ interleave: true })) as unknown as ArrayLike<number>;
  return { width: image.getWidth(), height: image.getHeight(), origin: image.getOrigin(), size: image.getResolution()[0]!, rgb };
}

/** Uploads corse.tif (Lambert-93), checks it; returns the upload id. */
export async function corseUpload(h: Harness): Promise<string> {
  const upload = await createTypedUpload(h, "RASTER", "EPSG:2154", "Corse");
  await sendBytes(h, upload, [["data/corse.tif", sample("corse.tif")]]);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/md5`, { form: bytesForm(sample("corse.md5"), "corse.md5") })).status, 204);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  h.tick(10_000);
  assert.equal((await h.call("GET", `${DS}/uploads/${upload}`)).body.status, "CLOSED");
  return upload;
}

/** Runs raster_to_pyramid on an upload (new pyramid, or an update of `update`); returns the pyramid's id. */
export async function pyramid(h: Harness, upload: string, parameters: Record<string, unknown>, update?: string): Promise<string> {
  const output = update ? { stored_data: { id: update } } : { stored_data: { name: "Corse", storage_tags: ["PYRAMIDE"] } };
  const execution = await runExecution(h, { processing: ids.processings.raster_to_pyramid, inputs: { upload: [upload] }, output, parameters });
  assert.equal(execution.body.status, "SUCCESS", JSON.stringify(execution.body));
  return execution.body.output.stored_data._id as string;
}

/** Publishes a configuration of `type` on the open endpoint; returns the configuration's id. */
export async function publish(h: Harness, type: "WMTS-TMS" | "WMS-RASTER", layer: string, storedData: string, top: string, bottom: string): Promise<string> {
  const body = { type, name: layer, layer_name: layer, type_infos: { title: layer, abstract: "Corse", used_data: [{ top_level: top, bottom_level: bottom, stored_data: storedData }], getfeatureinfo: { stored_data: true } } };
  const configuration = await h.call("POST", `${DS}/configurations`, { json: body });
  assert.equal(configuration.status, 200, JSON.stringify(configuration.body));
  const endpoint = type === "WMTS-TMS" ? ids.endpoints.open.wmts : ids.endpoints.open.wmsr;
  const offering = await h.call("POST", `${DS}/configurations/${configuration.body._id}/offerings`, { json: { endpoint, open: true } });
  assert.equal(offering.status, 200, JSON.stringify(offering.body));
  h.tick(2000);
  return configuration.body._id as string;
}

const R = 6378137;
const HALF = Math.PI * R;

/** PM tile (col, row from the top) and pixel (i, j) in it of a longitude, latitude at level z, computed here. */
export function pmPlace(lon: number, lat: number, z: number): { col: number; row: number; i: number; j: number } {
  const x = (R * lon * Math.PI) / 180;
  const y = R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const pixel = (2 * HALF) / (256 * 2 ** z);
  const px = Math.floor((x + HALF) / pixel);
  const py = Math.floor((HALF - y) / pixel);
  return { col: Math.floor(px / 256), row: Math.floor(py / 256), i: px % 256, j: py % 256 };
}

/** A decoded image answer: RGBA pixels (PNG with fast-png, JPEG with jpeg-js), or fails with the answer's text. */
export async function image(url: string, type: "image/png" | "image/jpeg"): Promise<{ width: number; height: number; rgba: (i: number, j: number) => number[] }> {
  const response = await fetch(url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  assert.equal(response.status, 200, new TextDecoder().decode(bytes));
  assert.equal(response.headers.get("content-type"), type);
  if (type === "image/png") {
    const { decode } = await import("fast-png");
    const png = decode(bytes);
    assert.equal(png.channels, 4);
    return { width: png.width, height: png.height, rgba: (i, j) => Array.from(png.data.slice((j * png.width + i) * 4, (j * png.width + i) * 4 + 4)) };
  }
  const { default: jpeg } = await import("jpeg-js");
  const decoded = jpeg.decode(bytes, { useTArray: true });
  return { width: decoded.width, height: decoded.height, rgba: (i, j) => Array.from(decoded.data.slice((j * decoded.width + i) * 4, (j * decoded.width + i) * 4 + 4)) };
}

/** An OGC exception answer: status and text, asserting the exception code. */
export async function exception(url: string, status: number, code: string, pattern: RegExp): Promise<void> {
  const response = await fetch(url);
  const text = await response.text();
  assert.equal(response.status, status, text);
  assert.match(text, new RegExp(`(exceptionCode|code)="${code}"`), text);
  assert.match(text, pattern, text);
}
