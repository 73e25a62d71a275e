// Who may consult an organization: its official members only (membership of one of its communities is not enough).
import type { Context } from "../../core/context.ts";
import { forbidden } from "../../core/errors.ts";
import type { OrganizationRecord } from "./records.ts";
import { findOrganization } from "./records.ts";

/** The organization, or 403 unless the caller is one of its official members. */
export function memberOrganization(ctx: Context, caller: string, id: string, forWrite = false): OrganizationRecord {
  const organization = findOrganization(ctx, id);
  if (!organization.members.includes(caller)) throw forbidden(`Vous n'êtes pas membre officiel de l'organisme ${id} (être membre d'une de ses communautés ne suffit pas).`);
  return forWrite ? findOrganization(ctx, id, true) : organization;
}
