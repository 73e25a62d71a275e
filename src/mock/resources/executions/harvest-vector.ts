// wms_to_pyramid on the simulated WMS-Vecteur: what GeoServer draws for the harvested layers, captured when the
// harvest starts — each drawn relation's VECTOR-DB (a copy of its record, whose kept source files hold the
// features) and SLD style (name and content's blob), topmost first as the WMS draws them. The harvested pyramid
// keeps the capture (`details.harvestedVector`) and the blobs it reads (as entries of `files`), so that its tiles
// are drawn (diffusion/harvested-vector.ts) as the WMS drew them, whatever the source becomes afterwards.
import type { Context } from "../../core/context.ts";
import { cloneJson, objectItems } from "../../core/json.ts";
import type { Published } from "../../diffusion/published.ts";
import { STATICS } from "../statics/records.ts";
import type { StoredDataRecord, VectorCapture } from "../stored-data/records.ts";

type KeptFile = StoredDataRecord["files"][number];

/** The relations a WMS-Vecteur draws for the layers (first of LAYERS at the bottom), or the first problem found. */
export function captureVectorLayers(ctx: Context, layers: Published[]): { capture: VectorCapture["relations"]; files: KeptFile[] } | string {
  const capture: VectorCapture["relations"] = [];
  const files: KeptFile[] = [];
  for (const layer of [...layers].reverse()) {
    for (const item of objectItems(layer.configuration.type_infos.used_data)) {
      const storedData = layer.storedData.find((candidate) => candidate._id === item.stored_data);
      if (!storedData) return `la donnée stockée ${String(item.stored_data)} de la couche ${layer.configuration.layer_name} n'existe plus`;
      const copy = cloneJson(storedData) as unknown as StoredDataRecord;
      files.push(...copy.files.filter((file) => file.blob).map((file) => ({ path: `moisson-vecteur/${copy._id}/${file.path}`, size: file.size, blob: file.blob! })));
      for (const relation of objectItems(item.relations)) {
        const style = typeof relation.style === "string" ? ctx.records.get(STATICS, relation.style) : undefined;
        if (!style) return `le style de la table « ${String(relation.name)} » de la couche ${layer.configuration.layer_name} n'existe plus`;
        capture.push({ storedData: copy, name: String(relation.name), style: { name: style.name, ...(style.blob ? { blob: style.blob } : {}) } });
        if (style.blob) files.push({ path: `moisson-vecteur/styles/${style._id}.sld`, size: style.size, blob: style.blob });
      }
    }
  }
  return { capture, files };
}
