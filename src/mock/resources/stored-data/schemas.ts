// Schema of PATCH …/stored_data/{stored data}: descriptive fields only.
import * as z from "zod/mini";
import { keysRule, named, object, short, text } from "../../core/schema.ts";
import { extent } from "../common/geojson.ts";
import { jsonObject } from "../common/schemas.ts";

// Whether a text is a real calendar date YYYY-MM-DD.
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const date = named(
  z.string().check(z.refine(isCalendarDate, { error: (issue) => `${short(issue.input)} n'est pas une date valide au format AAAA-MM-JJ` })),
  "date AAAA-MM-JJ",
  true,
);

// edition: {from?, to?}, at least one, from ≤ to.
const edition = named(
  object({ from: z.optional(date), to: z.optional(date) }).check(
    keysRule((given) => (given.from === undefined && given.to === undefined ? [["", "donnez au moins « from » ou « to »"]] : [])),
    z.refine(({ from, to }) => from === undefined || to === undefined || !isCalendarDate(from) || !isCalendarDate(to) || from <= to, {
      error: (issue) => {
        const { from, to } = issue.input as { from: string; to: string };
        return `la date de début ${from} est postérieure à la date de fin ${to}`;
      },
    }),
  ),
  'objet {"from": "AAAA-MM-JJ", "to": "AAAA-MM-JJ"}',
);

const FIELDS = {
  name: z.optional(text()),
  description: z.optional(z.string()),
  open: z.optional(z.boolean()),
  edition: z.optional(edition),
  extent: z.optional(extent),
  extra: z.optional(jsonObject),
  public_activity: z.optional(z.boolean()),
};

/** PATCH …/stored_data/{stored data}: at least one field. */
export const PATCH_STORED_DATA = object(FIELDS).check(
  z.refine((body) => Object.keys(body).length > 0, {
    error: `Le corps est vide : donnez au moins un des champs ${Object.keys(FIELDS).join(", ")}`,
    when: (payload) => payload.issues.length === 0,
  }),
);
