// Copied curl snippets written for a script (the bash export, src/shared/export/shell.ts): placeholders as shell
// variables, quoting that bash expands back to the same JSON, no token when the request goes elsewhere.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { toCurl, type SnippetRequest } from "../../../src/shared/snippets.ts";

const lines = (...parts: string[]): string => parts.join("\n");

test("in a script: placeholders as shell variables in the URL, headers, fields and JSON body; no token when asked", () => {
  const variables = (name: string) => (name === "$API" ? "API" : name === "stored data" ? "stored_data" : name === "clé" ? "cle" : undefined);
  const request: SnippetRequest = {
    method: "POST",
    url: "{$API}/datastores/d/stored_data/{stored data}/tags?x={inconnue}",
    body: '{ "id": "{stored data}", "quote": "a\\"b $HOME" }',
    headers: [{ name: "apikey", value: "{clé}" }],
    variables,
  };
  assert.equal(toCurl(request), lines(
    'curl -X POST --globoff "${API}/datastores/d/stored_data/${stored_data}/tags?x={inconnue}" \\',
    '  -H "Authorization: Bearer $TOKEN" \\',
    '  -H "apikey: ${cle}" \\',
    '  -H "Content-Type: application/json" \\',
    '  --data-raw "{ \\"id\\": \\"${stored_data}\\", \\"quote\\": \\"a\\\\\\"b \\$HOME\\" }"',
  ));
  const filled = spawnSync("bash", ["-c", `API=https://h/api stored_data=s-1 cle=k; printf '%s\\n' ${toCurl(request).split(" \\\n  ").slice(3).join(" ").replace(/^--data-raw /, "")}`], { encoding: "utf8" });
  assert.equal(JSON.parse(filled.stdout.trim().split("\n").at(-1)!).id, "s-1");
  assert.equal(JSON.parse(filled.stdout.trim().split("\n").at(-1)!).quote, 'a"b $HOME');
  assert.doesNotMatch(toCurl({ ...request, withoutToken: true }), /Authorization/);
  assert.equal(toCurl({ ...request, variables: undefined }).split("\n")[0], "curl -X POST --globoff '{$API}/datastores/d/stored_data/{stored data}/tags?x={inconnue}' \\");
  assert.equal(spawnSync("bash", ["-n"], { input: toCurl(request) }).status, 0);
});
