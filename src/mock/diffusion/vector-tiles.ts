// Vector tiles (Mapbox Vector Tiles) of a published ROK4-PYRAMID-VECTOR, for the TMS service: the tile
// z/x/y (rows counted from the top, as ROK4 serves the PM grid) holds one MVT layer per tiled table whose
// levels include z, with the composition's attributes only, cut from the features of the data.
//
// Answers follow ROK4's TMS (rok4/server services/tms/gettile.cpp), messages in French: a level that the PM
// grid does not have → 400; a level of the grid the layer does not publish, or a tile outside the layer's
// limits at that level → 404 "no data"; an extension other than the pyramid's (pbf) → 400; a tile of the
// layer where no feature falls → 404 "no data" too, since ROK4 answers 404 for a tile absent from the
// pyramid (tippecanoe writes no empty tile; MapLibre and OpenLayers treat a 404 tile as empty).
import type { Published } from "./published.ts";
import { publishedBbox, usedLevels } from "./published.ts";
import type { RouteInput } from "../http/route.ts";
import { tmsError } from "./ogc.ts";
import type { Store } from "../core/store.ts";
import type { StoredDataRecord } from "../resources/stored-data/records.ts";
import { MAX_LEVEL } from "../resources/common/geo.ts";
import { pmTileRange } from "../formats/crs.ts";
import { vectorTables } from "./vector-data.ts";
import type { Table } from "./vector-data.ts";
import { encodeTile, indexTable, tileLayers } from "./mvt-encode.ts";
import { attributeFilter } from "./attribute-filter.ts";
import { matches } from "./wfs-filter.ts";
import type { TableIndex } from "./mvt-encode.ts";

/** Media type of the tiles. */
export const MVT_TYPE = "application/x-protobuf";

/** One tiled table of a vector pyramid (as in details.layers). */
type TiledTable = NonNullable<NonNullable<StoredDataRecord["details"]>["layers"]>[number];

// What is kept of one pyramid version: its tables (read once) and the tile index of each table, built when
// a first tile needs it.
interface Entry {
  tables: Promise<Map<string, Table>>;
  indexes: Map<string, Promise<TableIndex>>;
}

// Pyramids whose data was read, most recently used last; a few only, each holds its features in memory.
const CACHE_SIZE = 8;
const cache = new Map<string, Entry>();

// A pyramid version: the stored data, its files' blobs and its tiled tables (an update changes one of them).
const versionKey = (storedData: StoredDataRecord): string =>
  JSON.stringify([storedData._id, storedData.files.map((file) => file.blob ?? file.path), storedData.details?.layers ?? [], storedData.size]);

function entryOf(store: Store, storedData: StoredDataRecord): Entry {
  const key = versionKey(storedData);
  let entry = cache.get(key);
  if (entry) {
    cache.delete(key);
  } else {
    entry = { tables: vectorTables(store, storedData), indexes: new Map() };
    // A failed read is not kept: the next request tries again.
    entry.tables.catch(() => cache.delete(key));
  }
  cache.set(key, entry);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return entry;
}

/** The tiled tables of a vector pyramid (features with the composition's attributes), read once per version. */
export function pyramidTables(store: Store, storedData: StoredDataRecord): Promise<Map<string, Table>> {
  return entryOf(store, storedData).tables;
}

/** The MVT layer a tiled table fills: the composition's `layer`, else the table's name. */
export const layerNameOf = (tiled: TiledTable): string => tiled.layer ?? tiled.table;

// The features of a table that the composition's filter keeps (all of them without a filter), under the layer's name.
function tiledFeatures(table: Table, tiled: TiledTable): Table {
  const parsed = tiled.filter ? attributeFilter(tiled.filter, table.columns.map((column) => column.name)) : undefined;
  // The filter was checked when the execution was created: one that no longer reads keeps nothing.
  const features = !parsed ? table.features : "filter" in parsed ? table.features.filter((feature) => matches(parsed.filter, feature, table.name)) : [];
  return { ...table, name: layerNameOf(tiled), features };
}

// The tile index of one tiled table (one composition item), built once per pyramid version.
function tableIndex(entry: Entry, tables: Map<string, Table>, tiled: TiledTable): Promise<TableIndex> | undefined {
  const table = tables.get(tiled.table);
  if (!table) return undefined;
  const key = JSON.stringify([tiled.table, tiled.layer, tiled.filter, tiled.attributes, tiled.bottom]);
  let index = entry.indexes.get(key);
  if (!index) {
    index = indexTable(tiledFeatures(table, tiled), tiled.attributes, tiled.bottom);
    entry.indexes.set(key, index);
    index.catch(() => entry.indexes.delete(key));
  }
  return index;
}

/** The levels a published vector pyramid serves: the configuration's levels that the pyramid has. */
export function servedLevels(published: Published): number[] {
  const { top, bottom } = usedLevels(published.configuration);
  const levels = published.storedData[0]?.type_infos.levels;
  const has = Array.isArray(levels) ? new Set(levels.map(String)) : undefined;
  const out: number[] = [];
  for (let z = top; z <= bottom; z++) if (!has || has.has(String(z))) out.push(z);
  return out;
}

/** The tiled tables present in the tiles of level z (a table only between its own top and bottom levels). */
export function tablesAt(storedData: StoredDataRecord, z: number): TiledTable[] {
  return (storedData.details?.layers ?? []).filter((layer) => layer.top <= z && z <= layer.bottom);
}

// The 400 or 404 answer to a tile request the layer cannot serve, or undefined when the tile is one of its.
function refusal(published: Published, tile: { z: number; x: number; y: number; ext: string }): Response | undefined {
  const { z, x, y, ext } = tile;
  const name = published.configuration.layer_name;
  if (z > MAX_LEVEL) return tmsError(`Niveau ${z} inconnu : la grille PM va du niveau 0 au niveau ${MAX_LEVEL}.`, 400);
  const levels = servedLevels(published);
  if (!levels.includes(z)) {
    const range = levels.length ? `niveaux ${levels[0]} à ${levels.at(-1)}` : "aucun niveau";
    return tmsError(`Aucune donnée : la couche ${name} n'a pas de tuiles au niveau ${z} (${range}).`);
  }
  const limits = pmTileRange(publishedBbox(published), z);
  if (x < limits.minCol || x > limits.maxCol || y < limits.minRow || y > limits.maxRow) {
    return tmsError(`Aucune donnée : la tuile ${z}/${x}/${y} est hors de l'emprise de la couche ${name} (au niveau ${z} : colonnes ${limits.minCol} à ${limits.maxCol}, lignes ${limits.minRow} à ${limits.maxRow}).`);
  }
  if (ext !== "pbf") return tmsError(`Extension « ${ext} » invalide : les tuiles de la couche ${name} sont des tuiles vectorielles, d'extension pbf.`, 400);
  return undefined;
}

/** The tile z/x/y (row counted from the top) of a published vector pyramid, or a TMS error. */
export async function vectorTile(input: RouteInput, published: Published, tile: { z: number; x: number; y: number; ext: string }): Promise<Response> {
  const refused = refusal(published, tile);
  if (refused) return refused;
  const { z, x, y } = tile;
  const pyramid = published.storedData[0]!;
  const entry = entryOf(input.store, pyramid);
  let bytes;
  try {
    const tables = await entry.tables;
    const indexes = await Promise.all(tablesAt(pyramid, z).flatMap((tiled) => tableIndex(entry, tables, tiled) ?? []));
    const layers = tileLayers(indexes, z, x, y);
    if (Object.keys(layers).length === 0) return tmsError(`Aucune donnée : aucun objet de la couche ${published.configuration.layer_name} dans la tuile ${z}/${x}/${y}.`);
    bytes = await encodeTile(layers);
  } catch (error) {
    return tmsError(`Aucune donnée : la tuile ${z}/${x}/${y} n'a pas pu être calculée à partir des données de la pyramide (${error instanceof Error ? error.message : String(error)}).`);
  }
  return new Response(bytes, { headers: { "Content-Type": MVT_TYPE, "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" } });
}
