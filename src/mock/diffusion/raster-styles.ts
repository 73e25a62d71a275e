// The ROK4 styles of published WMS-RASTER layers: the ROK4-STYLE statics named by `type_infos.styles` (the first
// is the default of GetMap), read from their kept files and parsed once per blob. A layer without styles has
// ROK4's implicit « normal » style (raw values). Used by GetCapabilities (Style, LegendURL) and GetMap (palette).
import { parsedBlobs } from "./blob-cache.ts";
import type { Store } from "../core/store.ts";
import { STATICS } from "../resources/statics/records.ts";
import { isStringArray } from "../core/json.ts";
import { parseRok4Style } from "../formats/rok4-style.ts";
import type { Rok4Style } from "../formats/rok4-style.ts";
import type { Published } from "./published.ts";

/** One style of a layer. */
export interface LayerStyle {
  identifier: string;
  title: string;
  abstract?: string;
  legend?: { url: string; format: string; width?: number; height?: number };
  palette?: Rok4Style["palette"];
}

/** ROK4's style when a layer names none: the raw values. */
export const NORMAL_STYLE: LayerStyle = { identifier: "normal", title: "Données brutes" };


// The parsed style file of a blob (undefined when gone or unreadable), cached by blob key.
const styleFile = parsedBlobs(parseRok4Style, 256);

/** The styles of each layer (by layer_name), in the configuration's order; [NORMAL_STYLE] when it has none. */
export async function layerStyles(store: Store, layers: Published[]): Promise<Map<string, LayerStyle[]>> {
  const statics = store.run((ctx) => layers.map((layer) => {
    const ids = layer.configuration.type_infos.styles;
    return (isStringArray(ids) ? ids : []).flatMap((id) => {
      const record = ctx.records.get(STATICS, id);
      return record?.type === "ROK4-STYLE" ? [record] : [];
    });
  }));
  const out = new Map<string, LayerStyle[]>();
  await Promise.all(layers.map(async (layer, index) => {
    const styles: LayerStyle[] = [];
    for (const record of statics[index]!) {
      const file = record.blob ? await styleFile(store, record.blob) : undefined;
      const identifier = file?.identifier ?? record.type_infos.identifier;
      if (!identifier) continue;
      const style: LayerStyle = { identifier, title: file?.title ?? record.name };
      if (file?.abstract) style.abstract = file.abstract;
      const url = record.type_infos.legend_url ?? file?.legend?.url;
      if (url) {
        style.legend = { url, format: file?.legend?.format ?? "image/png" };
        if (file?.legend?.width !== undefined) style.legend.width = file.legend.width;
        if (file?.legend?.height !== undefined) style.legend.height = file.legend.height;
      }
      if (file?.palette) style.palette = file.palette;
      styles.push(style);
    }
    out.set(layer.configuration.layer_name, styles.length > 0 ? styles : [NORMAL_STYLE]);
  }));
  return out;
}
