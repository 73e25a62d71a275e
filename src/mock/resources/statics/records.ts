// Static file records (styles, templates).
import * as z from "zod/mini";
import { collection, recordGuard } from "../../core/collection.ts";
import { BASE_GUARD, baseDefaults, OBJECT_GUARD } from "../common/records.ts";
import type { BaseRecord } from "../common/records.ts";
import type { StaticInfos, StaticType } from "../../formats/styles.ts";
import type { JsonObject } from "../../core/json.ts";

/** A static file (style, template…): its analysis, and its bytes in the blob store. */
export interface StaticRecord extends BaseRecord {
  /** Key of the file's content in the blob store. */
  blob?: string;
  name: string;
  type: StaticType;
  description?: string;
  extra?: JsonObject;
  type_infos: StaticInfos;
  /** DERIVATION-SQL: the SQL text, read by db_to_db when an execution starts. */
  sql?: string;
  size: number;
}

/** The static files. */
const GUARD = z.looseObject({ ...BASE_GUARD, name: z.string(), type: z.string(), type_infos: OBJECT_GUARD, size: z.number() });

/** The static files. */
export const STATICS = collection<StaticRecord>("static", { blobs: (item) => (item.blob ? [item.blob] : []), upgrade: recordGuard(GUARD as unknown as z.ZodMiniType<StaticRecord>, baseDefaults) });
