// What a map can show from a block's answer: a PUBLISHED offering (GET …/offerings/{offering}) and its service URLs.
// In the main bundle: small, no map library.
import * as z from "zod/mini";

/** The service a map reads a layer from. */
export type ServiceKind = "WFS" | "WMS" | "TMS" | "DOWNLOAD";

/** A layer to show, as the offering describes it. */
export interface MapTarget {
  /** Configuration type of the offering (WFS, WMS-VECTOR, WMTS-TMS, VECTOR-TMS, WMS-RASTER, DOWNLOAD…). */
  type: string;
  layer: string;
  kind: ServiceKind;
  /** The offering's URLs of that service (WFS: one per feature type). */
  urls: string[];
  /** The offering's id, to tell two maps apart. */
  id: string;
  /** On a private endpoint (`open: false`, or URLs under …/private/): its services want a key. */
  private: boolean;
  /** The HASH key sent to a private service (`apikey=` on every URL), once the reader gave one. */
  key?: string;
}

const OfferingUrl = z.object({ type: z.string(), url: z.string().check(z.url({ protocol: /^https?$/ })) });

// Only the fields the map reads; the API adds many others.
const PublishedOffering = z.object({
  _id: z.optional(z.string()),
  type: z.string(),
  layer_name: z.string().check(z.minLength(1)),
  status: z.literal("PUBLISHED"),
  open: z.optional(z.boolean()),
  urls: z.array(OfferingUrl).check(z.minLength(1)),
});

// Offering URL type → service kind, in order of preference.
const KINDS: [string, ServiceKind][] = [["WFS", "WFS"], ["WMS", "WMS"], ["TMS", "TMS"], ["DOWNLOAD", "DOWNLOAD"]];

/** The layer an answer offers to show on a map: a PUBLISHED offering with a service the map reads, else undefined. */
export function mapTargetOf(json: unknown): MapTarget | undefined {
  const parsed = PublishedOffering.safeParse(json);
  if (!parsed.success) return undefined;
  const offering = parsed.data;
  for (const [urlType, kind] of KINDS) {
    const urls = offering.urls.filter((item) => item.type.toUpperCase() === urlType).map((item) => item.url);
    const isPrivate = offering.open === false || urls.some((url) => /^https?:\/\/[^/]+\/private\//.test(url));
    if (urls.length > 0) return { type: offering.type, layer: offering.layer_name, kind, urls, id: offering._id ?? offering.layer_name, private: isPrivate };
  }
  return undefined;
}
