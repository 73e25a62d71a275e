// Drawing what a WMS harvest captured of a WMS-Vecteur (stored data `details.harvestedVector`): the captured
// relations drawn as the WMS-Vecteur draws them (render/draw.ts, SLD styles, tables read back from the captured
// VECTOR-DB copies), kept only inside the capture's clip box (the harvested slabs), over what is already drawn.
import { parsedBlobs } from "./blob-cache.ts";
import type { Store } from "../core/store.ts";
import type { StoredDataRecord, VectorCapture } from "../resources/stored-data/records.ts";
import { blankImage } from "./image.ts";
import type { RgbaImage } from "./image.ts";
import { drawLayers } from "./render/draw.ts";
import type { StyledTable } from "./render/draw.ts";
import type { Frame, MapCrs } from "./render/project.ts";
import { MAP_CRS } from "./render/project.ts";
import { parseSld } from "./render/sld.ts";
import type { Style } from "./render/sld.ts";
import { vectorTables } from "./vector-data.ts";
import type { Table } from "./vector-data.ts";
import { toLonLat } from "./raster-render.ts";

// The parsed SLD of a blob, undefined when it is gone or unreadable.
const styleOf = parsedBlobs(parseSld, 200);

// The styled tables of one capture, topmost first (relations whose table or style cannot be read are left out).
async function styledTables(store: Store, capture: VectorCapture): Promise<StyledTable[]> {
  const tables = new Map<string, Map<string, Table>>();
  const out: StyledTable[] = [];
  for (const relation of capture.relations) {
    const id = relation.storedData._id;
    if (!tables.has(id)) tables.set(id, await vectorTables(store, relation.storedData).catch(() => new Map<string, Table>()));
    const table = tables.get(id)!.get(relation.name);
    const style = await styleOf(store, relation.style.blob);
    if (table && style) out.push({ table, style });
  }
  return out;
}

/** Draws the harvested vector layers of the pyramids (in order) over `image`, a map of `bounds` in `crs` (x east, y north). */
export async function drawHarvestedVector(store: Store, pyramids: StoredDataRecord[], image: RgbaImage, crs: string, bounds: [number, number, number, number]): Promise<void> {
  const captures = pyramids.flatMap((pyramid) => pyramid.details?.harvestedVector ?? []);
  const known = (MAP_CRS as readonly string[]).includes(crs) ? (crs as MapCrs) : undefined;
  const toWgs84 = toLonLat(crs);
  if (captures.length === 0 || !known || !toWgs84) return;
  const { width, height, data } = image;
  const frame: Frame = { crs: known, bounds, width, height };
  const [minX, minY, maxX, maxY] = bounds;
  for (const capture of captures) {
    const layer = blankImage(width, height);
    await drawLayers(layer, frame, await styledTables(store, capture));
    const clip = capture.clip;
    for (let j = 0; j < height; j++) {
      for (let i = 0; i < width; i++) {
        const at = (j * width + i) * 4;
        const alpha = layer.data[at + 3]! / 255;
        if (alpha === 0) continue;
        if (clip) {
          const [lon, lat] = toWgs84(minX + ((i + 0.5) * (maxX - minX)) / width, maxY - ((j + 0.5) * (maxY - minY)) / height);
          if (lon < clip[0] || lon > clip[2] || lat < clip[1] || lat > clip[3]) continue;
        }
        // Source-over compositing of the drawn layer on the image.
        const below = (data[at + 3]! / 255) * (1 - alpha);
        const total = alpha + below;
        for (let c = 0; c < 3; c++) data[at + c] = Math.round((layer.data[at + c]! * alpha + data[at + c]! * below) / total);
        data[at + 3] = Math.round(total * 255);
      }
    }
  }
}
