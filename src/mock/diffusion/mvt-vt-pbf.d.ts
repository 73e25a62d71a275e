// Types of vt-pbf (which ships none): the one function the simulation uses, serialising geojson-vt tiles.
declare module "vt-pbf" {
  import type { LegacyTile } from "geojson-vt";

  /** Options of the serialisation: the vector tile specification version and the tile extent. */
  export interface FromGeojsonVtOptions {
    version?: number;
    extent?: number;
  }

  /** Serialises geojson-vt tiles, one MVT layer per key, to uncompressed Mapbox Vector Tile bytes. */
  export function fromGeojsonVt(layers: Record<string, LegacyTile>, options?: FromGeojsonVtOptions): Uint8Array<ArrayBuffer>;

  /** The CommonJS module object, as a bundler or Node exposes it to `import()`. */
  const vtpbf: { fromGeojsonVt: typeof fromGeojsonVt };
  export default vtpbf;
}
