// The schedulable command of the data flows (npm run flux) against the simulated servers in Node: the GeoNature
// export delivered, checked and loaded into a VECTOR-DB; the Theia deposit PUT then listed in previous/ with its size.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import flux from "../../../_data/flux.json" with { type: "json" };
import { createNodeDatastore } from "../../../src/mock/node.ts";
import { GEONATURE_API, OBSERVATION_COUNT } from "../../../src/mock/geonature/records.ts";
import { SIMULATED_DATASTORE_ID } from "../../../src/mock/seed.ts";
import { main } from "../../../scripts/flux.ts";

const TOKEN = "jeton-du-test";
const short = { checkStart: 10, checkDuration: 20, checkStagger: 5, executionWaiting: 10, executionProgress: 20, offeringPublish: 10 };
const { server } = createNodeDatastore({ token: TOKEN, delays: short });
before(() => server.listen({ onUnhandledRequest: "error" }));
after(() => server.close());

test("geonature: every page of the private export becomes observations.geojson, delivered, checked and loaded in base", async () => {
  const lines: string[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), "flux-"));
  const code = await main(["geonature", "--instance", GEONATURE_API, "--export", "1", "--jeton", flux.simulated.geonature_token, "--sortie", dir, "--api", "https://data.geopf.fr/api", "--entrepot", SIMULATED_DATASTORE_ID, "--pause-ms", "20"], { ENTREPOT_JETON: TOKEN }, (line) => lines.push(line));
  assert.equal(code, 0, lines.join("\n"));
  const geojson = JSON.parse(readFileSync(path.join(dir, "observations.geojson"), "utf8"));
  assert.equal(geojson.features.length, OBSERVATION_COUNT);
  assert.equal(geojson.features[0].properties.licence, "Licence fermée SINP");
  assert.match(readFileSync(path.join(dir, "observations.md5"), "utf8"), /^[0-9a-f]{32} {2}data\/observations\.geojson\n$/);
  const storedData = /donnée stockée ([0-9a-f-]+)/.exec(lines.at(-1)!)?.[1];
  assert.ok(storedData, lines.join("\n"));
  const response = await fetch(`https://data.geopf.fr/api/datastores/${SIMULATED_DATASTORE_ID}/stored_data/${storedData}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  const body = (await response.json()) as { status: string; type_infos: { relations: { name: string; attributes: Record<string, string> }[] } };
  assert.equal(body.status, "GENERATED");
  const relation = body.type_infos.relations.find((item: { name: string }) => item.name === "observations");
  assert.ok(relation, JSON.stringify(body.type_infos));
  for (const column of ["cd_nom", "nom_vernaculaire", "date_debut", "observateurs", "licence"]) assert.ok(column in relation.attributes, column);
});

test("geonature: a wrong token stops the command with the instance's French reason", async () => {
  const lines: string[] = [];
  assert.equal(await main(["geonature", "--instance", GEONATURE_API, "--export", "1", "--jeton", "faux"], {}, (line) => lines.push(line)), 1);
  assert.match(lines.join("\n"), /HTTP 401.*Jeton inconnu/);
});

test("theia: the sample archive is deposited, then listed in previous/ with its size; a wrong password is refused", async () => {
  const lines: string[] = [];
  const code = await main(["theia", "--producteur", flux.simulated.theia_producer], { THEIA_MOT_DE_PASSE: flux.simulated.theia_password }, (line) => lines.push(line));
  assert.equal(code, 0, lines.join("\n"));
  const deposited = /Archive (\S+) déposée \((\d+) octets\)/.exec(lines.join("\n"));
  assert.ok(deposited, lines.join("\n"));
  assert.match(lines.at(-1)!, new RegExp(`^previous/ : ${deposited[1]!.replace(".", "\\.")}, ${deposited[2]} octets, reçu le `));
  const refused: string[] = [];
  assert.equal(await main(["theia", "--producteur", flux.simulated.theia_producer], { THEIA_MOT_DE_PASSE: "faux" }, (line) => refused.push(line)), 1);
  assert.match(refused.join("\n"), /HTTP 401.*mot de passe incorrect/);
});
