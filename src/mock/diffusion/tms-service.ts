// The simulated TMS 1.0.0 service (ROK4): service root, TileMap of a layer, metadata.json of a vector
// pyramid and the tiles `{z}/{x}/{y}.{ext}` (rows counted from the top, as the Géoplateforme's TMS does).
import { publishedOn } from "./published.ts";
import type { Published } from "./published.ts";
import { tmsMetadata, tmsService as tmsServiceDocument, tmsTileMap } from "./tiles.ts";
import type { RouteInput } from "../http/route.ts";
import { json } from "../http/respond.ts";
import { tmsError, xml } from "./ogc.ts";
import type { DiffusionHandler } from "./ogc.ts";
import { pyramidTables, vectorTile } from "./vector-tiles.ts";
import { rasterTmsTile } from "./raster-tiles.ts";

// The published WMTS-TMS layer of a TMS path, or the TMS error.
function tmsLayer(input: RouteInput, open: boolean): Published | Response {
  const layer = input.params.layer ?? "";
  const found = input.store.run((ctx) => publishedOn(ctx, "WMTS-TMS", open)).find((p) => p.configuration.layer_name === layer);
  return found ?? tmsError(`La couche ${layer} n'existe pas ou n'est pas publiée sur ce service TMS.`);
}

/** The TMS routes of one visibility: `[path suffix, handler]` under `{root}/1.0.0`. */
export function tmsRoutes(open: boolean, root: string): [string, DiffusionHandler][] {
  // Links are given on the origin asked: the local server registers the routes under one origin but answers on its own.
  const rootOf = (input: RouteInput): string => `${input.url.origin}${new URL(root).pathname.replace(/\/+$/, "")}`;
  return [
    ["", (input) => xml(tmsServiceDocument(rootOf(input), input.store.run((ctx) => publishedOn(ctx, "WMTS-TMS", open))))],
    ["/:layer", (input) => {
      const found = tmsLayer(input, open);
      return found instanceof Response ? found : xml(tmsTileMap(rootOf(input), found));
    }],
    ["/:layer/metadata.json", async (input) => {
      const found = tmsLayer(input, open);
      if (found instanceof Response) return found;
      const pyramid = found.storedData[0];
      if (pyramid?.type !== "ROK4-PYRAMID-VECTOR") return tmsError(`La couche ${input.params.layer} est une pyramide raster : pas de metadata.json.`);
      // The field types come from the tables' columns; without them (unreadable data) every field is a String.
      const tables = await pyramidTables(input.store, pyramid).catch(() => undefined);
      return json(tmsMetadata(rootOf(input), found, tables), 200, { "Access-Control-Allow-Origin": "*" });
    }],
    ["/:layer/:z/:x/:tile", (input) => {
      const found = tmsLayer(input, open);
      if (found instanceof Response) return found;
      const match = /^(\d+)\.([a-z]+)$/i.exec(input.params.tile ?? "");
      const z = Number(input.params.z);
      const x = Number(input.params.x);
      if (!match || !/^\d+$/.test(input.params.z ?? "") || !/^\d+$/.test(input.params.x ?? "")) {
        return tmsError(`Chemin de tuile invalide : attendu {z}/{x}/{y}.{extension}, par exemple 5/16/11.${found.storedData[0]?.type === "ROK4-PYRAMID-VECTOR" ? "pbf" : "png"}.`, 400);
      }
      const tile = { z, x, y: Number(match[1]), ext: match[2]!.toLowerCase() };
      return found.storedData[0]?.type === "ROK4-PYRAMID-VECTOR" ? vectorTile(input, found, tile) : rasterTmsTile(input, found, tile);
    }],
    ["/:layer/*", () => tmsError("Chemin inconnu du service TMS : attendu {couche}, {couche}/metadata.json ou {couche}/{z}/{x}/{y}.{extension}.")],
  ];
}
