// Configuration records.
import * as z from "zod/mini";
import { collection, recordGuard } from "../../core/collection.ts";
import { BASE_GUARD, baseDefaults, OBJECT_GUARD } from "../common/records.ts";
import type { BaseRecord } from "../common/records.ts";
import type { JsonObject } from "../../core/json.ts";

/** Configuration types. */
export const CONFIGURATION_TYPES = [
  "WMS-VECTOR", "WFS", "WMTS-TMS", "WMS-RASTER", "DOWNLOAD", "ITINERARY-ISOCURVE", "ALTIMETRY", "SEARCH", "VECTOR-TMS",
] as const;
/** One of CONFIGURATION_TYPES. */
export type ConfigurationType = (typeof CONFIGURATION_TYPES)[number];
/** Configuration statuses. */
export type ConfigurationStatus = "UNPUBLISHED" | "PUBLISHED" | "SYNCHRONIZING";

/** A configuration. */
export interface ConfigurationRecord extends BaseRecord {
  type: ConfigurationType;
  name: string;
  layer_name: string;
  status: ConfigurationStatus;
  tags: Record<string, string>;
  type_infos: JsonObject;
  metadata: JsonObject[];
  attribution?: JsonObject;
}

/** The configurations. */
const GUARD = z.looseObject({
  ...BASE_GUARD, type: z.string(), name: z.string(), layer_name: z.string(), status: z.string(), tags: OBJECT_GUARD, type_infos: OBJECT_GUARD, metadata: z.array(OBJECT_GUARD),
});

/** The configurations. */
export const CONFIGURATIONS = collection<ConfigurationRecord>("configuration", { upgrade: recordGuard(GUARD as unknown as z.ZodMiniType<ConfigurationRecord>, (record) => ({ ...baseDefaults(record), metadata: [] })) });
