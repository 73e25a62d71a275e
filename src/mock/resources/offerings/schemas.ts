// Schema of POST …/configurations/{configuration}/offerings, per configuration type (its messages name the
// datastore's endpoints of that type).
import * as z from "zod/mini";
import { named, object, received } from "../../core/schema.ts";
import { jsonObject } from "../common/schemas.ts";
import { ENDPOINTS } from "../../seed.ts";

/** The endpoints of a configuration type, as messages list them: `<id> (ouvert)`, or "aucun". */
export function endpointsHint(type: string): string {
  return ENDPOINTS.filter((endpoint) => endpoint.type === type).map((endpoint) => `${endpoint._id} (${endpoint.open ? "ouvert" : "privé"})`).join(", ") || "aucun";
}

const OPEN = "true pour une diffusion ouverte, false pour une diffusion privée";

const build = (type: string) =>
  object({
    endpoint: named(z.string(), `identifiant du point d'accès (points d'accès ${type} de l'entrepôt : ${endpointsHint(type)})`),
    open: z.optional(z.boolean({ error: (issue) => `booléen attendu (${OPEN}) ; reçu : ${received(issue.input)}` })),
    permissions: z.optional(named(z.array(jsonObject), "liste d'objets", true)),
    public_activity: z.optional(z.boolean()),
  }, undefined, "ignore");

const SCHEMAS = new Map<string, ReturnType<typeof build>>();

/** `{endpoint, open?, permissions?, public_activity?}` for a configuration of the given type (`open` defaults to false; other keys, such as `visibility`, are ignored). */
export function offeringSchema(type: string): ReturnType<typeof build> {
  let schema = SCHEMAS.get(type);
  if (!schema) SCHEMAS.set(type, (schema = build(type)));
  return schema;
}
