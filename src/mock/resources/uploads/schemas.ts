// Schemas of the upload bodies (POST and PATCH …/uploads).
import * as z from "zod/mini";
import { object, refused, text } from "../../core/schema.ts";
import { jsonObject, srs } from "../common/schemas.ts";
import { UPLOAD_TYPES } from "./records.ts";

/** POST …/uploads. */
export const CREATE_UPLOAD = object({
  name: text(),
  description: text(),
  type: z.enum(UPLOAD_TYPES),
  srs,
  type_infos: z.optional(jsonObject),
  open: z.optional(z.boolean()),
  tags: z.optional(z.record(z.string(), z.string())),
  callback: z.optional(jsonObject),
});

const FIXED = "ne peut pas être modifié pour une livraison : créez une nouvelle livraison";

/** PATCH …/uploads/{upload}: only `name` and `description` change. */
export const PATCH_UPLOAD = object({ name: z.optional(text()), description: z.optional(text()), type: refused(FIXED), srs: refused(FIXED) });
