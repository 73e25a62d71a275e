// The part of the shapes test's flow that calls the personal documents routes (each answer checked by the
// caller's request wrapper).
import assert from "node:assert/strict";
import { SECOND_USER } from "../../../src/mock/seed.ts";
import { bytesForm, DS } from "./helpers.ts";
import type { Reply } from "./helpers.ts";
import type { Caller } from "./shapes-extras.ts";

const ok = (reply: Reply, status = 200): Reply => (assert.equal(reply.status, status, JSON.stringify(reply.body)), reply);

/** Documents: upload, list, read, change, replace, sharings, download, delete; then the tags of a metadata record. */
export async function documents({ call, raw }: Caller): Promise<void> {
  const LIST = "/users/me/documents";
  const id = ok(await call("POST", LIST, { form: bytesForm("Bonjour", "note.txt", { name: "Note", description: "Un mot", labels: "a, b" }) })).body._id as string;
  ok(await call("GET", LIST));
  ok(await call("GET", `${LIST}/${id}`));
  ok(await call("PATCH", `${LIST}/${id}`, { json: { public_url: true } }));
  ok(await call("PUT", `${LIST}/${id}`, { form: bytesForm("Bonsoir", "note.txt") }));
  ok(await call("GET", `${LIST}/${id}/sharings`));
  await raw(`${LIST}/${id}/file`);
  ok(await call("POST", `${LIST}/${id}/sharings`, { json: [SECOND_USER._id] }));
  ok(await call("GET", `${LIST}/${id}/sharings`));
  ok(await call("DELETE", `${LIST}/${id}/sharings?users=${SECOND_USER._id}`), 204);
  ok(await call("DELETE", `${LIST}/${id}`), 204);
  // Tags of a metadata record (added, removed).
  const iso = `<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:gco="http://www.isotc211.org/2005/gco"><gmd:fileIdentifier><gco:CharacterString>FORMES_TAGS.xml</gco:CharacterString></gmd:fileIdentifier></gmd:MD_Metadata>`;
  const metadata = `${DS}/metadata/${ok(await call("POST", `${DS}/metadata`, { form: bytesForm(iso, "fiche.xml") })).body._id}`;
  ok(await call("POST", `${metadata}/tags`, { json: { theme: "limites" } }));
  ok(await call("DELETE", `${metadata}/tags?tags=theme`));
  ok(await call("DELETE", metadata), 204);
}
