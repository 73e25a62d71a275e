// The part of the shapes test's flow that calls the annexes, metadata, tags, events, comments and sharings
// routes (each answer checked by the caller's request wrapper).
import assert from "node:assert/strict";
import ids from "../../../_data/ids.json" with { type: "json" };
import { SIMULATED_DATASTORE_ID } from "../../../src/mock/seed.ts";
import { bytesForm, DS } from "./helpers.ts";
import type { Reply, Send } from "./helpers.ts";

/** How the flow sends a request: through the checking wrapper, or raw for a body that is not JSON. */
export interface Caller {
  call: (method: string, path: string, send?: Send) => Promise<Reply>;
  raw: (path: string) => Promise<void>;
}

const ok = (reply: Reply, status = 200): Reply => (assert.equal(reply.status, status, JSON.stringify(reply.body)), reply);

// A minimal ISO 19139 record.
const iso = (identifier: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:gco="http://www.isotc211.org/2005/gco" uuid="${identifier}">
  <gmd:fileIdentifier><gco:CharacterString>${identifier}</gco:CharacterString></gmd:fileIdentifier>
  <gmd:hierarchyLevel><gmd:MD_ScopeCode codeListValue="dataset">dataset</gmd:MD_ScopeCode></gmd:hierarchyLevel>
</gmd:MD_Metadata>`;

/** Annexes and metadata: create, list, read, change, replace, (un)publish, download, delete. */
export async function annexesAndMetadata({ call, raw }: Caller): Promise<void> {
  const form = bytesForm("{}", "style.json", { paths: "styles/monde.json", labels: "style" });
  const annexe = ok(await call("POST", `${DS}/annexes`, { form })).body._id as string;
  ok(await call("GET", `${DS}/annexes`));
  ok(await call("GET", `${DS}/annexes/${annexe}`));
  ok(await call("PATCH", `${DS}/annexes/${annexe}`, { json: { published: true } }));
  ok(await call("PUT", `${DS}/annexes/${annexe}`, { form: bytesForm('{"version":8}', "style.json") }));
  ok(await call("POST", `${DS}/annexes/unpublication?labels=style`));
  ok(await call("POST", `${DS}/annexes/publication?labels=style`));
  await raw(`${DS}/annexes/${annexe}/file`);
  ok(await call("DELETE", `${DS}/annexes/${annexe}`), 204);

  const identifier = "IGNF_TEST_FORMES.xml";
  const metadata = ok(await call("POST", `${DS}/metadata`, { form: bytesForm(iso(identifier), "fiche.xml") })).body._id as string;
  ok(await call("GET", `${DS}/metadata`));
  ok(await call("GET", `${DS}/metadata/${metadata}`));
  ok(await call("PUT", `${DS}/metadata/${metadata}`, { form: bytesForm(iso(identifier), "fiche.xml") }));
  ok(await call("PATCH", `${DS}/metadata/${metadata}`, { json: { open_data: true } }));
  const publication = { file_identifiers: [identifier], endpoint: ids.endpoints.open.csw };
  ok(await call("POST", `${DS}/metadata/publication`, { json: publication }), 204);
  ok(await call("GET", `${DS}/metadata/${metadata}`));
  ok(await call("POST", `${DS}/metadata/unpublication`, { json: publication }), 204);
  await raw(`${DS}/metadata/${metadata}/file`);
  ok(await call("DELETE", `${DS}/metadata/${metadata}`), 204);
}

/** Tags, events, comments (and sharings where they exist) of an upload, a stored data and a configuration. */
export async function annotations({ call }: Caller, targets: { upload: string; storedData: string; configuration: string }): Promise<void> {
  const bases: [string, boolean][] = [[`${DS}/uploads/${targets.upload}`, true], [`${DS}/stored_data/${targets.storedData}`, true], [`${DS}/configurations/${targets.configuration}`, false]];
  for (const [base, sharable] of bases) {
    ok(await call("POST", `${base}/tags`, { json: { theme: "test", source: "shapes" } }));
    ok(await call("DELETE", `${base}/tags?tags=source`));
    ok(await call("GET", `${base}/events`));
    const comment = ok(await call("POST", `${base}/comments`, { json: { text: "Premier commentaire" } })).body._id as string;
    ok(await call("PUT", `${base}/comments/${comment}`, { json: { text: "Commentaire corrigé" } }));
    ok(await call("GET", `${base}/comments`));
    ok(await call("DELETE", `${base}/comments/${comment}`), 204);
    if (!sharable) continue;
    ok(await call("POST", `${base}/sharings`, { json: [SIMULATED_DATASTORE_ID] }));
    ok(await call("GET", `${base}/sharings`));
    ok(await call("DELETE", `${base}/sharings?datastores=${SIMULATED_DATASTORE_ID}`), 204);
  }
}
