// Request snippets: exact curl and Python outputs, and proof that they parse (bash -n, python3 ast.parse).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileUrls, jsonToPython, pythonString, shellQuote, toCurl, toPython } from "../../../src/shared/snippets.ts";
import type { SnippetRequest } from "../../../src/shared/snippets.ts";

const API = "https://data.geopf.fr/api/datastores/f3b7";
const PRINT = "print(response.json() if response.content else response.status_code)";
const MASKED_HEAD = ["import os, requests", "", 'TOKEN = os.environ["TOKEN"]', 'headers = {"Authorization": f"Bearer {TOKEN}"}', ""];
const lines = (...parts: string[]): string => parts.join("\n");

const GET: SnippetRequest = { method: "GET", url: `${API}/uploads?page=1&limit=10`, token: "secret" };
const POST: SnippetRequest = {
  method: "POST",
  url: `${API}/uploads`,
  body: '{\n  "name": "L\'équipe \\"A\\" – 🚀",\n  "srs": "EPSG:2154",   \n  "n": 12345678901234567890\n}\n',
};
const PATCH: SnippetRequest = { method: "PATCH", url: `${API}/stored_data/s1`, body: '{"edition": {"from": "2021-09-01"}, "ok": true, "x": null, "l": [1.5, false]}' };
const DELETE: SnippetRequest = { method: "DELETE", url: `${API}/uploads/u1`, token: "secret" };
const UPLOAD: SnippetRequest = {
  method: "POST",
  url: `${API}/uploads/u1/data?path=data/{fichier}`,
  files: [{ name: "DEPARTEMENT.shp" }, { name: "DEPARTEMENT.dbf", url: `${API}/uploads/u1/data?path=autre/DEPARTEMENT.dbf` }],
};

test("GET: masked token by default", () => {
  assert.equal(toCurl(GET), lines(`curl "${API}/uploads?page=1&limit=10" \\`, '  -H "Authorization: Bearer $TOKEN"'));
  assert.equal(toPython(GET), lines(...MASKED_HEAD, `url = "${API}/uploads?page=1&limit=10"`, "response = requests.get(url, headers=headers)", "response.raise_for_status()", PRINT));
});

test("revealed token", () => {
  const revealed = { ...GET, token: "ab'c$d", revealToken: true };
  assert.equal(toCurl(revealed), lines(`curl "${API}/uploads?page=1&limit=10" \\`, "  -H 'Authorization: Bearer ab'\\''c$d'"));
  assert.equal(toPython(revealed).split("\n").slice(0, 4).join("\n"), lines("import requests", "", 'TOKEN = "ab\'c$d"', 'headers = {"Authorization": f"Bearer {TOKEN}"}'));
  assert.match(toCurl({ ...GET, revealToken: true, token: "secret" }), /Bearer secret"$/);
  assert.match(toCurl({ ...GET, revealToken: true, token: undefined }), /Bearer \$TOKEN"$/, "nothing to reveal: stays masked");
  assert.ok(!toCurl(GET).includes("secret") && !toPython(GET).includes("secret"), "masked snippets never hold the token");
});

test("POST JSON: quotes, accents, unicode, big numbers, trailing spaces removed", () => {
  assert.equal(toCurl(POST), lines(
    `curl -X POST "${API}/uploads" \\`,
    '  -H "Authorization: Bearer $TOKEN" \\',
    '  -H "Content-Type: application/json" \\',
    "  --data-raw '{",
    "  \"name\": \"L'\\''équipe \\\"A\\\" – 🚀\",",
    '  "srs": "EPSG:2154",',
    '  "n": 12345678901234567890',
    "}'",
  ));
  assert.equal(toPython(POST), lines(
    ...MASKED_HEAD,
    `url = "${API}/uploads"`,
    "response = requests.post(url, headers=headers, json={",
    '    "name": "L\'équipe \\"A\\" – 🚀",',
    '    "srs": "EPSG:2154",',
    '    "n": 12345678901234567890',
    "})",
    "response.raise_for_status()",
    PRINT,
  ));
});

test("PATCH: Python literals True/False/None, nested values", () => {
  assert.equal(toCurl(PATCH), lines(
    `curl -X PATCH "${API}/stored_data/s1" \\`,
    '  -H "Authorization: Bearer $TOKEN" \\',
    '  -H "Content-Type: application/json" \\',
    `  --data-raw '${PATCH.body!}'`,
  ));
  assert.equal(toPython(PATCH), lines(
    ...MASKED_HEAD,
    `url = "${API}/stored_data/s1"`,
    "response = requests.patch(url, headers=headers, json={",
    '    "edition": {',
    '        "from": "2021-09-01"',
    "    },",
    '    "ok": True,',
    '    "x": None,',
    '    "l": [',
    "        1.5,",
    "        False",
    "    ]",
    "})",
    "response.raise_for_status()",
    PRINT,
  ));
});

test("DELETE", () => {
  assert.equal(toCurl(DELETE), lines(`curl -X DELETE "${API}/uploads/u1" \\`, '  -H "Authorization: Bearer $TOKEN"'));
  assert.equal(toPython(DELETE), lines(...MASKED_HEAD, `url = "${API}/uploads/u1"`, "response = requests.delete(url, headers=headers)", "response.raise_for_status()", PRINT));
});

test("file upload: one command per file, {fichier} substituted unless the file has its own URL", () => {
  assert.deepEqual(fileUrls(UPLOAD), [`${API}/uploads/u1/data?path=data/DEPARTEMENT.shp`, `${API}/uploads/u1/data?path=autre/DEPARTEMENT.dbf`]);
  assert.equal(toCurl(UPLOAD), lines(
    `curl -X POST "${API}/uploads/u1/data?path=data/DEPARTEMENT.shp" \\`,
    '  -H "Authorization: Bearer $TOKEN" \\',
    '  -F "file=@DEPARTEMENT.shp"',
    "",
    `curl -X POST "${API}/uploads/u1/data?path=autre/DEPARTEMENT.dbf" \\`,
    '  -H "Authorization: Bearer $TOKEN" \\',
    '  -F "file=@DEPARTEMENT.dbf"',
  ));
  assert.equal(toPython(UPLOAD), lines(
    ...MASKED_HEAD,
    "for name, url in [",
    `    ("DEPARTEMENT.shp", "${API}/uploads/u1/data?path=data/DEPARTEMENT.shp"),`,
    `    ("DEPARTEMENT.dbf", "${API}/uploads/u1/data?path=autre/DEPARTEMENT.dbf"),`,
    "]:",
    '    with open(name, "rb") as file:',
    '        response = requests.post(url, headers=headers, files={"file": file})',
    "    response.raise_for_status()",
    `    ${PRINT}`,
  ));
  const single: SnippetRequest = { ...UPLOAD, files: [{ name: "départements été.csv" }], body: '{"ignored": true}' };
  assert.equal(toCurl(single), lines(
    `curl -X POST "${API}/uploads/u1/data?path=data/d%C3%A9partements%20%C3%A9t%C3%A9.csv" \\`,
    '  -H "Authorization: Bearer $TOKEN" \\',
    '  -F "file=@départements été.csv"',
  ));
  assert.equal(toPython(single), lines(
    ...MASKED_HEAD,
    `url = "${API}/uploads/u1/data?path=data/d%C3%A9partements%20%C3%A9t%C3%A9.csv"`,
    'with open("départements été.csv", "rb") as file:',
    '    response = requests.post(url, headers=headers, files={"file": file})',
    "response.raise_for_status()",
    PRINT,
  ));
});

test("extra form fields stay text", () => {
  const statics: SnippetRequest = { method: "POST", url: `${API}/statics`, files: [{ name: "pays.sld" }], fields: [{ name: "name", value: "@pays" }] };
  assert.equal(toCurl(statics), lines(`curl -X POST "${API}/statics" \\`, '  -H "Authorization: Bearer $TOKEN" \\', '  --form-string "name=@pays" \\', '  -F "file=@pays.sld"'));
  assert.ok(toPython(statics).includes('data = {"name": "@pays"}\n') && toPython(statics).includes("data=data, files="));
});

test("quoting helpers", () => {
  assert.equal(shellQuote("https://a/b?c=1&d=2"), '"https://a/b?c=1&d=2"');
  assert.equal(shellQuote("it's $HOME"), "'it'\\''s $HOME'");
  assert.equal(pythonString('a"b\\c\n\u0001\u0085é🚀\ud800'), '"a\\"b\\\\c\\n\\x01\\x85é🚀\\ud800"');
  assert.equal(jsonToPython('{"a": [], "b": {}, "c": -0.5e-3}'), '{\n    "a": [],\n    "b": {},\n    "c": -0.5e-3\n}');
  assert.equal(jsonToPython("{pas du json"), undefined);
  assert.match(toCurl({ method: "GET", url: "https://a/{upload}" }), /^curl --globoff "https:\/\/a\/\{upload\}"/);
  assert.match(toPython({ method: "POST", url: "https://a", body: "{pas du json" }), /data="\{pas du json"\.encode\(\)/);
});

const SAMPLES: SnippetRequest[] = [
  GET, { ...GET, revealToken: true, token: "x'y\"z$`!\\" }, POST, PATCH, DELETE, UPLOAD,
  { method: "PUT", url: "https://a/b?x=$(touch /tmp/pwned)&y=`id`!", body: '{"s": "\'; rm -rf / #", "t": "\\u0000\\n\\t", "k\\"": [null]}' },
  { method: "POST", url: "https://a/{x}", files: [{ name: 'o\'dd;"name".csv' }], fields: [{ name: "n", value: "<v'" }], token: "t", revealToken: true },
  { method: "POST", url: "https://a", body: "pas du json '\"\\" },
  { method: "GET", url: `${API}/processings/executions/e1`, poll: true },
  { method: "GET", url: `${API}/uploads/u1/checks`, poll: true, user: "anne" },
  { method: "POST", url: "https://a/token", urlencoded: [{ name: "grant_type", value: "password" }, { name: "password", value: "a&b=c $x" }] },
  { method: "PUT", url: "https://a/new/{fichier}", files: [{ name: "obs.zip", source: "page" }], fileBody: "raw", headers: [{ name: "Authorization", value: "Basic dTpw" }] },
];

// Runs a command with the text on stdin.
const run = (command: string, args: string[], input: string) => spawnSync(command, args, { input, encoding: "utf8" });

test("generated curl commands parse with bash -n", () => {
  for (const sample of SAMPLES) {
    const script = toCurl(sample);
    const result = run("bash", ["-n"], script);
    assert.equal(result.status, 0, `${result.stderr}\n${script}`);
    assert.ok(!/[ \t]$/m.test(script), `trailing space in:\n${script}`);
  }
});

test("generated curl commands pass the exact arguments to curl", () => {
  const sample = SAMPLES[6]!;
  // `printf '%s\n'` stands in for curl: each argument on its own line, after bash's quoting rules.
  const result = run("bash", ["-c", `TOKEN=tok; curl() { printf '<%s>\\n' "$@"; }\n${toCurl(sample)}`], "");
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, lines("<-X>", "<PUT>", `<${sample.url}>`, "<-H>", "<Authorization: Bearer tok>", "<-H>", "<Content-Type: application/json>", "<--data-raw>", `<${sample.body!}>`, ""));
});

test("generated Python parses with ast.parse", () => {
  for (const sample of SAMPLES) {
    const script = toPython(sample);
    const result = run("python3", ["-c", "import ast,sys; ast.parse(sys.stdin.read())"], script);
    assert.equal(result.status, 0, `${result.stderr}\n${script}`);
    assert.ok(!/[ \t]$/m.test(script), `trailing space in:\n${script}`);
  }
});

test("the Python literal evaluates to the JSON body", () => {
  const body = SAMPLES[6]!.body!;
  const program = `import ast, json, sys\nvalue = ast.literal_eval(sys.stdin.read())\nprint(json.dumps(value, ensure_ascii=False, sort_keys=True))`;
  const result = run("python3", ["-c", program], jsonToPython(body)!);
  assert.equal(result.status, 0, result.stderr);
  const expected = JSON.parse(body) as Record<string, unknown>;
  assert.deepEqual(JSON.parse(result.stdout), expected);
});

test("a block run as Anne reads $TOKEN_ANNE, never the token unless revealed", () => {
  const anne: SnippetRequest = { method: "GET", url: `${API}/uploads`, user: "anne", token: "anne-secret" };
  assert.match(toCurl(anne), /-H "Authorization: Bearer \$TOKEN_ANNE"$/);
  assert.ok(toPython(anne).includes('TOKEN_ANNE = os.environ["TOKEN_ANNE"]\nheaders = {"Authorization": f"Bearer {TOKEN_ANNE}"}'));
  assert.ok(!toCurl(anne).includes("anne-secret") && !toPython(anne).includes("anne-secret"));
  assert.match(toCurl({ ...anne, revealToken: true }), /Bearer anne-secret"$/);
});

test("url-encoded fields: curl --data-urlencode, Python data=", () => {
  const sample = SAMPLES[SAMPLES.length - 2]!;
  const result = run("bash", ["-c", `TOKEN=tok; curl() { printf '<%s>\\n' "$@"; }\n${toCurl(sample)}`], "");
  assert.equal(result.stdout, lines("<-X>", "<POST>", "<https://a/token>", "<-H>", "<Authorization: Bearer tok>", "<--data-urlencode>", "<grant_type=password>", "<--data-urlencode>", "<password=a&b=c $x>", ""));
  assert.ok(toPython(sample).includes('response = requests.post(url, headers=headers, data={"grant_type": "password", "password": "a&b=c $x"})'));
});

test("a raw PUT file: curl -T with the block's own Authorization, Python data=file; a page file is named and explained", () => {
  const sample = SAMPLES[SAMPLES.length - 1]!;
  const result = run("bash", ["-c", `curl() { printf '<%s>\\n' "$@"; }\n${toCurl(sample)}`], "");
  assert.equal(result.stdout, lines("<https://a/new/obs.zip>", "<-H>", "<Authorization: Basic dTpw>", "<-T>", "<obs.zip>", ""));
  assert.match(toCurl(sample), /^# obs\.zip : fichier produit dans la page/);
  const python = toPython(sample);
  assert.ok(python.includes('headers = {"Authorization": "Basic dTpw"}'));
  assert.ok(python.includes('with open("obs.zip", "rb") as file:\n    response = requests.put(url, headers=headers, data=file)'));
  assert.ok(!python.includes("os.environ"));
});

test("a block that waits for a final status copies a polling loop (curl + jq, Python while + time.sleep)", () => {
  const sample = SAMPLES[SAMPLES.length - 4]!;
  const curl = toCurl(sample);
  assert.ok(curl.includes(lines("while :; do", `  response=$(curl "${API}/processings/executions/e1" \\`, "    -sS \\", '    -H "Authorization: Bearer $TOKEN")')), curl);
  assert.ok(curl.includes("    WAITING|PROGRESS) ;;"), curl);
  assert.match(curl, /CREATED\) echo ".*executions\/e1\/launch" >&2; break ;;/);
  assert.ok(curl.endsWith(lines("  sleep 5", "done", `printf '%s\\n' "$response" | jq .`)), curl);
  const python = toPython(sample);
  assert.ok(python.startsWith("import os, time, requests"), python);
  assert.ok(python.includes(lines("while True:", "    response = requests.get(url, headers=headers)")), python);
  assert.ok(python.endsWith(lines("    time.sleep(5)", "print(response.json())")), python);
  assert.equal(toCurl({ ...sample, poll: false }).includes("while"), false, "no loop when the block does not wait");
});

test("curl: a URL's accents are percent-encoded as a browser sends them; placeholders stay shell variables", () => {
  const tile: SnippetRequest = { method: "GET", url: "https://data.geopf.fr/vector-tms/1.0.0/monde.eco/1/0/0.pbf?filter=royaume='Néarctique' AND nom LIKE 'Forêt%'", withoutToken: true };
  assert.equal(toCurl(tile), `curl "https://data.geopf.fr/vector-tms/1.0.0/monde.eco/1/0/0.pbf?filter=royaume='N%C3%A9arctique' AND nom LIKE 'For%C3%AAt%'"`);
  const shared: SnippetRequest = { method: "GET", url: "https://data.geopf.fr/api/communities/{communauté voisine}?nom=Élise", withoutToken: true, variables: (name) => (name === "communauté voisine" ? "COMMUNAUTE_VOISINE" : undefined) };
  assert.equal(toCurl(shared), 'curl "https://data.geopf.fr/api/communities/${COMMUNAUTE_VOISINE}?nom=%C3%89lise"');
});
