// What the simulated diffusion services publish: the PUBLISHED offerings on the endpoints of one service
// type and visibility, with their configuration and stored data, turned into plain layer descriptions.
import { CONFIGURATIONS } from "../resources/configurations/records.ts";
import { STORED_DATA } from "../resources/stored-data/records.ts";
import { OFFERINGS } from "../resources/offerings/records.ts";
import type { Context } from "../core/context.ts";
import type { Bbox } from "../resources/common/geo.ts";
import { unionBbox, WORLD } from "../resources/common/geo.ts";
import { isObject, isStringArray, objectItems } from "../core/json.ts";
import { publishedRelations } from "../resources/offerings/urls.ts";
import type { ConfigurationRecord, ConfigurationType } from "../resources/configurations/records.ts";
import type { OfferingRecord } from "../resources/offerings/records.ts";
import type { StoredDataRecord } from "../resources/stored-data/records.ts";
import { ENDPOINTS } from "../seed.ts";

/** A published configuration. */
export interface Published {
  offering: OfferingRecord;
  configuration: ConfigurationRecord;
  /** Stored data of used_data, in order (missing ones left out). */
  storedData: StoredDataRecord[];
}

/** PUBLISHED (or MODIFYING) offerings on endpoints of `type` that are open (or private). */
export function publishedOn(ctx: Context, type: ConfigurationType, open: boolean): Published[] {
  const endpoints = new Set(ENDPOINTS.filter((endpoint) => endpoint.type === type && endpoint.open === open).map((endpoint) => endpoint._id));
  return ctx.records.list(OFFERINGS).flatMap((offering) => {
    const live = ctx.records.get(CONFIGURATIONS, offering.configuration);
    // A synchronising offering (MODIFYING) stays served, as it was before the synchronisation.
    if ((offering.status !== "PUBLISHED" && offering.status !== "MODIFYING") || !endpoints.has(offering.endpoint) || !live) return [];
    // Unavailable offerings are served to no one; a private service serves only what the key reaches.
    if (offering.available === false || (ctx.offeringFilter && !ctx.offeringFilter(offering._id))) return [];
    // What the offering serves: the configuration as it was at its last publication or synchronisation.
    const configuration = offering.served ? { ...live, type_infos: offering.served } : live;
    const storedData = objectItems(configuration.type_infos.used_data).flatMap((item) => {
      const found = typeof item.stored_data === "string" ? ctx.records.get(STORED_DATA, item.stored_data) : undefined;
      // A VECTOR-DB is served with the relations of the last publication (its rows are always the current ones).
      const relations = found && typeof item.stored_data === "string" ? offering.servedRelations?.[item.stored_data] : undefined;
      return found ? [relations ? { ...found, type_infos: { ...found.type_infos, relations } } : found] : [];
    });
    return [{ offering, configuration, storedData }];
  });
}

/** Text of a type_infos field that may be a string or a language map ({"fr": …}). */
export function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (isObject(value)) return String(value.fr ?? Object.values(value)[0] ?? "");
  return "";
}

/** Keywords of a type_infos (or relation). */
export const keywords = (value: unknown): string[] => (isStringArray(value) ? value : []);

/** The bbox given in type_infos ({west, south, east, north}), if any. */
export function declaredBbox(typeInfos: Record<string, unknown>): Bbox | undefined {
  const b = typeInfos.bbox;
  if (!isObject(b) || ![b.west, b.south, b.east, b.north].every((v) => typeof v === "number")) return undefined;
  return [b.west as number, b.south as number, b.east as number, b.north as number];
}

/** The bbox of a published configuration: declared, else the union of its stored data's, else the world. */
export function publishedBbox(published: Published): Bbox {
  return declaredBbox(published.configuration.type_infos) ?? unionBbox(published.storedData.map((s) => s.details?.bbox)) ?? WORLD;
}

/** One WFS feature type. */
export interface FeatureType {
  name: string;
  prefix: string;
  title: string;
  abstract: string;
  keywords: string[];
  srs: string;
  bbox: Bbox;
}

/** The feature types of the published WFS configurations: `<layer_name>:<public_name or native_name>`. */
export function featureTypes(published: Published[]): FeatureType[] {
  return published.flatMap(({ configuration, storedData }) =>
    publishedRelations(configuration).map(({ name, native, storedData: id, relation }) => {
      const data = storedData.find((candidate) => candidate._id === id);
      const relationBbox = data?.details?.relations?.find((r) => r.name === native)?.bbox;
      return {
        name: `${configuration.layer_name}:${name}`, prefix: configuration.layer_name,
        title: text(relation.title) || name, abstract: text(relation.abstract), keywords: keywords(relation.keywords),
        srs: data?.srs ?? "EPSG:4326", bbox: declaredBbox(configuration.type_infos) ?? relationBbox ?? data?.details?.bbox ?? WORLD,
      };
    }),
  );
}

/** Levels top..bottom used by a pyramid configuration (over all its used_data). */
export function usedLevels(configuration: ConfigurationRecord): { top: number; bottom: number } {
  const items = objectItems(configuration.type_infos.used_data);
  const tops = items.map((item) => Number(item.top_level)).filter(Number.isFinite);
  const bottoms = items.map((item) => Number(item.bottom_level)).filter(Number.isFinite);
  return { top: tops.length ? Math.min(...tops) : 0, bottom: bottoms.length ? Math.max(...bottoms) : 0 };
}

/** Tile format of a published pyramid configuration. */
export function tileFormat(published: Published): string {
  return published.storedData[0]?.details?.format ?? (published.storedData[0]?.type === "ROK4-PYRAMID-VECTOR" ? "application/x-protobuf" : "image/jpeg");
}
