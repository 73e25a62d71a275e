// Static file records (styles, templates).
import type { BaseRecord } from "../common/records.ts";
import { collection } from "../../core/collection.ts";
import type { StaticInfos, StaticType } from "../../formats/styles.ts";

/** A static file (style, template…): only its analysis is kept, not its bytes. */
export interface StaticRecord extends BaseRecord {
  /** Key of the file's content in the blob store. */
  blob?: string;
  name: string;
  type: StaticType;
  description?: string;
  type_infos: StaticInfos;
  size: number;
}

/** The static files. */
export const STATICS = collection<StaticRecord>("static", { blobs: (item) => (item.blob ? [item.blob] : []) });
