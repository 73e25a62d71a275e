// What the vector tile tests share: the vector tutorial's flow up to the TMS publication of its pyramid,
// the XYZ tile of a place, a tile point back to longitude and latitude, and a tile's bytes decoded as
// MapLibre and OpenLayers read them (@mapbox/vector-tile over pbf).
import assert from "node:assert/strict";
import { VectorTile } from "@mapbox/vector-tile";
import type { VectorTileFeature } from "@mapbox/vector-tile";
import { PbfReader } from "pbf";
import ids from "../../../../_data/ids.json" with { type: "json" };
import { DS } from "../helpers.ts";
import { integrateVectorData } from "./vector-tms-helpers.ts";
import type { Reply, Send } from "../helpers.ts";

/** The composition of the tests' pyramid: the tutorial's levels, some attributes left out. */
export const COMPOSITION = [
  { table: "pays", top_level: "0", bottom_level: "7", attributes: ["nom", "code_iso"] },
  { table: "ecoregions", top_level: "3", bottom_level: "7", attributes: ["*"] },
  { table: "villes", top_level: "5", bottom_level: "7", attributes: ["nom", "population"] },
];


/**
 * The vector tutorial up to the pyramid's TMS publication as `monde_tuiles` (levels 0 to 7), through an API
 * caller (MSW harness or local server) and its fake clock, with the given composition; returns the pyramid's id.
 */
export async function publishVectorPyramid(call: (method: string, path: string, send?: Send) => Promise<Reply>, tick: (ms: number) => void, composition: readonly object[] = COMPOSITION): Promise<string> {
  const run = async (body: unknown): Promise<Reply> => {
    const execution = await call("POST", `${DS}/processings/executions`, { json: body });
    assert.equal(execution.status, 200, JSON.stringify(execution.body));
    assert.equal((await call("POST", `${DS}/processings/executions/${execution.body._id}/launch`)).status, 204);
    tick(5000);
    const done = await call("GET", `${DS}/processings/executions/${execution.body._id}`);
    assert.equal(done.body.status, "SUCCESS", JSON.stringify(done.body));
    return done;
  };
  const db = await integrateVectorData({ call, tick });
  const pyramid = await run({
    processing: ids.processings.db_to_pyramid, inputs: { stored_data: [db] },
    output: { stored_data: { name: "Pays, écorégions et villes en tuiles", storage_tags: ["PYRAMIDE"] } }, parameters: { composition },
  });
  const pyramidId = pyramid.body.output.stored_data._id as string;
  const configuration = await call("POST", `${DS}/configurations`, {
    json: { type: "WMTS-TMS", name: "Pays et écorégions", layer_name: "monde_tuiles", type_infos: { title: "Mes écorégions", abstract: "Tuiles vectorielles", used_data: [{ bottom_level: "7", top_level: "0", stored_data: pyramidId }] } },
  });
  assert.equal(configuration.status, 200, JSON.stringify(configuration.body));
  const offering = await call("POST", `${DS}/configurations/${configuration.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.wmts, open: true } });
  assert.equal(offering.status, 200, JSON.stringify(offering.body));
  tick(2000);
  return pyramidId;
}

/** XYZ tile (row counted from the top) of a longitude, latitude at level z. */
export function tileOf(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return { x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n) };
}

/** Longitude, latitude of a point given in the coordinates of tile z/x/y. */
export function lonLatOf(px: number, py: number, extent: number, z: number, x: number, y: number): [number, number] {
  const n = 2 ** z;
  const lon = ((x + px / extent) / n) * 360 - 180;
  const mercator = Math.PI * (1 - (2 * (y + py / extent)) / n);
  return [lon, (Math.atan(Math.sinh(mercator)) * 180) / Math.PI];
}

/** The decoded tile. */
export const decodeTile = (bytes: Uint8Array): VectorTile => new VectorTile(new PbfReader(bytes));

/** The features of one layer of a decoded tile (empty when the layer is absent). */
export function layerFeatures(tile: VectorTile, name: string): VectorTileFeature[] {
  const layer = tile.layers[name];
  return layer ? Array.from({ length: layer.length }, (_, i) => layer.feature(i)) : [];
}

/** A tile as a client gets it: status, content type, CORS header, bytes (and their text, for error documents). */
export async function fetchTile(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; cors: string | null; bytes: Uint8Array; text: string }> {
  const response = await fetch(url, { headers });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, type: response.headers.get("content-type") ?? "", cors: response.headers.get("access-control-allow-origin"), bytes, text: new TextDecoder().decode(bytes) };
}
