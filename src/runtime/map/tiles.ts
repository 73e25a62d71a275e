// Tile loading that tells "no data here" from a failure: ROK4 answers 404 where a pyramid has no tile (an empty
// place, not an error), while any other failure is counted and reported by the panel.
import type Tile from "ol/Tile.js";
import type ImageTile from "ol/ImageTile.js";
import TileState from "ol/TileState.js";
import type VectorTile from "ol/VectorTile.js";
import type { FeatureLike } from "ol/Feature.js";

/** Called once per tile that could not be read (network, HTTP error other than 404, unreadable bytes). */
export type OnFailure = () => void;

/** Loads an image tile by fetch (CORS, as the services allow): 404 → empty tile. */
export function imageTileLoader(onFailure: OnFailure): (tile: Tile, url: string) => void {
  return (tile, url) => {
    const image = tile as ImageTile;
    fetch(url)
      .then(async (response) => {
        if (response.status === 404) return image.setState(TileState.EMPTY);
        if (!response.ok) throw new Error(String(response.status));
        const objectUrl = URL.createObjectURL(await response.blob());
        const element = image.getImage() as HTMLImageElement;
        element.addEventListener("load", () => URL.revokeObjectURL(objectUrl), { once: true });
        element.addEventListener("error", () => URL.revokeObjectURL(objectUrl), { once: true });
        element.src = objectUrl;
      })
      .catch(() => {
        onFailure();
        image.setState(TileState.ERROR);
      });
  };
}

/** Loads a vector tile (MVT) by fetch: 404 → a tile without features. */
export function vectorTileLoader(onFailure: OnFailure): (tile: Tile, url: string) => void {
  return (tile, url) => {
    const vector = tile as VectorTile<FeatureLike>;
    vector.setLoader((extent, _resolution, projection) => {
      fetch(url)
        .then(async (response) => {
          if (response.status === 404) return vector.setFeatures([]);
          if (!response.ok) throw new Error(String(response.status));
          const data = await response.arrayBuffer();
          vector.setFeatures(vector.getFormat().readFeatures(data, { extent, featureProjection: projection }));
        })
        .catch(() => {
          onFailure();
          vector.onError();
        });
    });
  };
}
