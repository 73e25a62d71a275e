// The documents of the standard search index `geoplateforme`: one per layer of each PUBLISHED offering of the
// indexed types (a WFS offering: one per feature type), built from its configuration (title, abstract, keywords,
// extent), the configuration's tags (theme, licence) and its stored data's (production_year, producer).
import type { Context } from "../core/context.ts";
import type { JsonObject } from "../core/json.ts";
import type { Bbox } from "../resources/common/geo.ts";
import { bboxPolygon } from "../resources/common/geo.ts";
import type { ConfigurationType } from "../resources/configurations/records.ts";
import { ENDPOINTS } from "../seed.ts";
import type { Published } from "./published.ts";
import { featureTypes, keywords, publishedBbox, publishedOn, text } from "./published.ts";

/** Name of the standard index. */
export const STANDARD_INDEX = "geoplateforme";

/** A search document, as the search service answers it. */
export interface SearchDocument {
  id: string;
  offering_id: string;
  index_name: string;
  layer_name: string;
  title: string;
  description: string;
  type: string;
  url: string;
  open: boolean;
  theme?: string;
  licence?: string;
  production_years: number[];
  publication_date: string;
  keywords: string[];
  extent: JsonObject;
  metadata_urls: string[];
  srs: string[];
  extra: JsonObject;
  producers: string[];
}

// Configuration types whose publications are indexed, and the service type their documents name.
const INDEXED: [ConfigurationType, string][] = [["WFS", "WFS"], ["WMS-VECTOR", "WMS"], ["WMS-RASTER", "WMS"], ["WMTS-TMS", "WMTS"], ["DOWNLOAD", "DOWNLOAD"], ["ALTIMETRY", "ALTIMETRY"]];

// A stable UUID-shaped id of a text (FNV-1a 64-bit, twice): a document keeps its id while its layer stays published.
function idOf(textValue: string): string {
  const fnv = (seed: bigint): string => {
    let hash = seed;
    for (const byte of new TextEncoder().encode(textValue)) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
    return hash.toString(16).padStart(16, "0");
  };
  const h = fnv(0xcbf29ce484222325n) + fnv(0x84222325cbf29ce4n);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// The URL a document points to: a description of the layer on its endpoint.
function layerUrl(published: Published, type: string, layer: string): string {
  const root = ENDPOINTS.find((endpoint) => endpoint._id === published.offering.endpoint)?.urls[0]?.url ?? "";
  if (type === "WFS") return `${root}?service=WFS&version=2.0.0&request=DescribeFeatureType&typeNames=${layer}`;
  if (type === "WMS") return `${root}?service=WMS&version=1.3.0&request=${published.configuration.type === "WMS-VECTOR" ? "DescribeLayer" : "GetCapabilities"}&layers=${layer}`;
  if (type === "WMTS") return `${root}?SERVICE=WMTS&REQUEST=GetCapabilities`;
  return `${root}`;
}

// The parts every document of one publication shares.
function common(published: Published, type: string): Omit<SearchDocument, "id" | "layer_name" | "title" | "description" | "keywords" | "extent" | "url"> {
  const { offering, configuration, storedData } = published;
  const years = storedData.map((data) => Number(data.tags.production_year)).filter((year) => Number.isInteger(year));
  const producers = storedData.map((data) => data.tags.producer).filter((producer): producer is string => typeof producer === "string" && producer !== "");
  return {
    offering_id: offering._id,
    index_name: STANDARD_INDEX,
    type,
    open: offering.open,
    ...(configuration.tags.theme !== undefined ? { theme: configuration.tags.theme } : {}),
    ...(configuration.tags.licence !== undefined ? { licence: configuration.tags.licence } : {}),
    production_years: [...new Set(years)],
    publication_date: new Date(offering.creation).toISOString().slice(0, 10),
    metadata_urls: [],
    srs: [...new Set(storedData.map((data) => data.srs).filter((srs): srs is string => typeof srs === "string"))],
    extra: {},
    producers: [...new Set(producers)],
  };
}

const extentOf = (bbox: Bbox): JsonObject => bboxPolygon(bbox);

/** Every document of the standard index, as the publications are now (open and private endpoints). */
export function standardDocuments(ctx: Context): SearchDocument[] {
  const documents: SearchDocument[] = [];
  for (const [configurationType, type] of INDEXED) {
    for (const open of [true, false]) {
      for (const published of publishedOn(ctx, configurationType, open)) {
        const shared = common(published, type);
        if (configurationType === "WFS") {
          for (const feature of featureTypes([published])) {
            documents.push({
              ...shared, id: idOf(`${published.offering._id}:${feature.name}`), layer_name: feature.name, title: feature.title, description: feature.abstract,
              keywords: feature.keywords, extent: extentOf(feature.bbox), url: layerUrl(published, type, feature.name),
            });
          }
          continue;
        }
        const infos = published.configuration.type_infos;
        const layer = published.configuration.layer_name;
        documents.push({
          ...shared, id: idOf(`${published.offering._id}:${layer}`), layer_name: layer, title: text(infos.title) || published.configuration.name, description: text(infos.abstract),
          keywords: keywords(infos.keywords), extent: extentOf(publishedBbox(published)), url: layerUrl(published, type, layer),
        });
      }
    }
  }
  return documents;
}
