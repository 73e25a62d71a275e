// The `urls` of an offering, per configuration type (shapes inferred from how cartes.gouv.fr reads them):
// DOWNLOAD → the resource; WFS → one GetCapabilities URL per feature type (typeNames=<layer_name>:<table>);
// WMS-VECTOR / WMS-RASTER → GetCapabilities with layers=; WMTS-TMS → a WMTS GetCapabilities and the TMS layer;
// ALTIMETRY → the resource's description on the altimetry service [inferred]; VECTOR-TMS → one TMS layer per relation,
// `{tmsv}/1.0.0/<layer_name>.<public_name>`; SEARCH → the index on the private search service.
import type { JsonObject } from "../../core/json.ts";
import { objectItems } from "../../core/json.ts";
import type { ConfigurationRecord } from "../configurations/records.ts";
import urls from "../../../../_data/urls.json" with { type: "json" };
import { SERVICE_ROOTS, VECTOR_TMS_ROOT } from "../../seed.ts";

/** Published names of a WFS or VECTOR-TMS configuration's relations (public_name, else native_name). */
export function publishedRelations(configuration: ConfigurationRecord): { name: string; native: string; storedData: string; relation: Record<string, unknown> }[] {
  return objectItems(configuration.type_infos.used_data).flatMap((item) =>
    objectItems(item.relations).map((relation) => {
      const native = String(relation.native_name ?? relation.name ?? "");
      return { name: typeof relation.public_name === "string" ? relation.public_name : native, native, storedData: String(item.stored_data), relation };
    }),
  );
}

/** The name of the custom search index a SEARCH configuration publishes (OpenSearch index names are lowercase). */
export const searchIndexName = (layerName: string): string => layerName.toLowerCase();

/** Offering URLs of a configuration on an open or private endpoint. */
export function offeringUrls(configuration: ConfigurationRecord | undefined, open: boolean): JsonObject[] {
  if (!configuration) return [];
  const roots = open ? SERVICE_ROOTS.open : SERVICE_ROOTS.private;
  const layer = configuration.layer_name;
  switch (configuration.type) {
    case "DOWNLOAD":
      return [{ type: "DOWNLOAD", url: `${roots.download}/resource/${layer}` }];
    case "WFS":
      return publishedRelations(configuration).map(({ name }) => ({ type: "WFS", url: `${roots.wfs}?service=WFS&version=2.0.0&request=GetCapabilities&typeNames=${layer}:${name}` }));
    case "WMS-VECTOR":
      return [{ type: "WMS", url: `${roots.wmsv}?service=WMS&version=1.3.0&request=GetCapabilities&layers=${layer}` }];
    case "WMS-RASTER":
      return [{ type: "WMS", url: `${roots.wmsr}?service=WMS&version=1.3.0&request=GetCapabilities&layers=${layer}` }];
    case "WMTS-TMS":
      return [
        { type: "WMTS", url: `${roots.wmts}?service=WMTS&version=1.0.0&request=GetCapabilities&layer=${layer}` },
        { type: "TMS", url: `${roots.tms}/1.0.0/${layer}` },
      ];
    case "ALTIMETRY":
      return [{ type: "ALTIMETRY", url: `${roots.alti}/resources/${layer}` }];
    case "VECTOR-TMS":
      // Open only; the layers of the vector tiles computed on the fly are `<layer_name>.<public_name>`.
      return publishedRelations(configuration).map(({ name }) => ({ type: "TMS", url: `${VECTOR_TMS_ROOT}/1.0.0/${layer}.${name}` }));
    case "SEARCH":
      return [{ type: "SEARCH", url: `${urls.search_private}/api/indexes/${searchIndexName(layer)}` }];
    default:
      return [];
  }
}
