// Reads a block's spec back from its markup (JSON written by the build) and validates it: a spec of another shape is
// refused with a French message shown in the block, never run half-read.
import * as z from "zod/mini";
import { BLOCK_USERS, HTTP_METHODS, type BlockSpec } from "../../shared/block-contract.ts";
import { BLOCK_STRINGS } from "../../shared/strings.ts";

const Field = z.object({ name: z.string(), value: z.string() });
const Step = z.union([z.string(), z.number(), z.object({ match: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) })]);

/** The shape of BlockSpec (src/shared/block-contract.ts). */
const Spec = z.object({
  id: z.string(),
  method: z.enum(HTTP_METHODS),
  url: z.string(),
  body: z.optional(z.string()),
  files: z.optional(z.array(z.object({ name: z.string(), href: z.string(), size: z.number(), source: z.optional(z.literal("page")) }))),
  form: z.optional(z.array(Field)),
  fileBody: z.optional(z.enum(["multipart", "raw"])),
  urlencoded: z.optional(z.array(Field)),
  headers: z.optional(z.array(Field)),
  user: z.optional(z.enum(BLOCK_USERS)),
  example: z.optional(z.string()),
  captures: z.array(z.object({ path: z.array(Step), variable: z.string() })),
  placeholders: z.array(z.string()),
});

/** The validated spec of a block, or the French reason it cannot be read. */
export type SpecReading = { ok: true; spec: BlockSpec } | { ok: false; error: string };

/** Parses and validates a spec's JSON text. */
export function parseSpec(text: string | null | undefined): SpecReading {
  let json: unknown;
  try {
    json = JSON.parse(text ?? "");
  } catch (error) {
    return { ok: false, error: BLOCK_STRINGS.specInvalid((error as Error).message) };
  }
  const checked = Spec.safeParse(json);
  if (checked.success) return { ok: true, spec: checked.data };
  const issue = checked.error.issues[0]!;
  return { ok: false, error: BLOCK_STRINGS.specInvalid(`${issue.path.join(".") || "(racine)"} : ${issue.message}`) };
}
