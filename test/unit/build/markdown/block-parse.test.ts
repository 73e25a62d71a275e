import { test } from "node:test";
import assert from "node:assert/strict";
import MarkdownIt from "markdown-it";
import { BlockSyntaxError, parseBlock, type Fence } from "../../../../src/build/markdown/block-parse.ts";
import { blockSource, installBlockContainer } from "../../../../src/build/markdown/api-block.ts";

const noFiles = () => {
  throw new Error("no file expected");
};
const md = new MarkdownIt();
installBlockContainer(md);
/** The fences of a block whose inner text is `text`, read as the build reads them (markdown-it-container). */
const lines = (text: string): Fence[] => {
  const source = `??? GET "https://x.test/"\n${text}\n???`;
  const tokens = md.parse(source, {});
  return blockSource(tokens, tokens.findIndex((token) => token.type === "container_api_open"), source.split("\n")).fences;
};

test("a GET block: the titled fence is display only, the JSON fence is the example response", () => {
  const { spec, exampleLang } = parseBlock(
    '??? GET "https://data.geopf.fr/api/datastores/{datastore}/uploads/{upload}"',
    lines('\n``` title="Contenu" \nhttps://data.geopf.fr/api/datastores/{datastore}/uploads/{upload}\n```\n\n```json\n{"_id": "{upload}", "status": "OPEN"}\n```'),
    "/p/#1",
    noFiles,
  );
  assert.equal(spec.method, "GET");
  assert.equal(spec.body, undefined);
  assert.equal(spec.example, '{"_id": "{upload}", "status": "OPEN"}');
  assert.equal(exampleLang, "json");
  assert.deepEqual(spec.placeholders, ["datastore", "upload"]);
  assert.deepEqual(spec.captures, [{ path: ["_id"], variable: "upload" }]);
});

test("a POST block: first JSON fence is the body, second the response; body placeholders are listed", () => {
  const { spec } = parseBlock(
    '??? POST "https://x.test/api/datastores/{datastore}/processings/executions"',
    lines('```json\n{"inputs": {"upload": ["{upload}"]}}\n```\n```json\n{"_id": "{execution}", "output": {"stored_data": {"_id": "{stored data}"}}}\n```'),
    "/p/#2",
    noFiles,
  );
  assert.equal(spec.body, '{"inputs": {"upload": ["{upload}"]}}');
  assert.deepEqual(spec.placeholders, ["datastore", "upload"]);
  assert.deepEqual(spec.captures.map((capture) => capture.variable), ["execution", "stored data"]);
});

test("a POST without body can still show a response with the 'reponse' role", () => {
  const { spec } = parseBlock('??? POST "https://x.test/a"', lines('```json reponse\n{"_id": "{x}"}\n```'), "/p/#3", noFiles);
  assert.equal(spec.body, undefined);
  assert.deepEqual(spec.captures, [{ path: ["_id"], variable: "x" }]);
});

test("an upload block lists its sample files with their sizes; {fichier} is not a variable", () => {
  const { spec } = parseBlock(
    '??? POST "https://x.test/api/datastores/{datastore}/uploads/{upload}/data?path=data/{fichier}"',
    lines("```files\n/samples/a.csv\n/samples/sub/b.txt\n```"),
    "/p/#4",
    (sitePath) => sitePath.length,
  );
  assert.deepEqual(spec.files, [
    { name: "a.csv", href: "/samples/a.csv", size: 14 },
    { name: "b.txt", href: "/samples/sub/b.txt", size: 18 },
  ]);
  assert.deepEqual(spec.placeholders, ["datastore", "upload"]);
});

const failure = (header: string, body: string, resolve = noFiles as (p: string) => number) => {
  try {
    parseBlock(header, lines(body), "/p/#9", resolve);
  } catch (error) {
    assert.ok(error instanceof BlockSyntaxError, String(error));
    return error;
  }
  assert.fail("expected a BlockSyntaxError");
};

test("malformed blocks are refused with a message and the offending line", () => {
  assert.match(failure('??? FETCH "https://x.test/a"', "").message, /méthode HTTP inconnue « FETCH »/);
  assert.match(failure("??? GET https://x.test/a", "").message, /en-tête de bloc mal formé/);
  assert.match(failure('??? GET "/relative"', "").message, /http/);
  const badJson = failure('??? GET "https://x.test/a"', '\n```json\n{"a": 1,}\n```');
  assert.match(badJson.message, /exemple de réponse : JSON invalide/);
  assert.equal(badJson.lineOffset, 2);
  const badBody = failure('??? PATCH "https://x.test/a"', '```json\n{oops}\n```');
  assert.match(badBody.message, /corps de la requête : JSON invalide/);
  assert.match(failure('??? GET "https://x.test/a"', "```json\n{}\n```\n```json\n{}\n```").message, /bloc de code en trop/);
  assert.match(failure('??? GET "https://x.test/a"', "```json\n{}").message, /non fermé/);
  const stray = failure('??? GET "https://x.test/a"', "\nsome prose");
  assert.match(stray.message, /texte inattendu/);
  assert.equal(stray.lineOffset, 2);
  assert.match(failure('??? GET "https://x.test/a"', "```files\n/a.csv\n```").message, /POST \(multipart\) ou PUT/);
  const missingFile = failure('??? POST "https://x.test/a"', "```files\n/absent.csv\n```", () => {
    throw new Error("ENOENT");
  });
  assert.match(missingFile.message, /introuvable : public\/absent\.csv/);
  assert.equal(missingFile.lineOffset, 2);
});

test("an upload block may carry multipart fields (```form) whose placeholders are listed", () => {
  const { spec } = parseBlock(
    '??? POST "https://x.test/api/datastores/{datastore}/statics"',
    lines("```files\n/samples/pays.sld\n```\n```form\ntype=GEOSERVER-STYLE\nname = Style des pays {suffixe}\n```"),
    "/p/#5",
    () => 10,
  );
  assert.deepEqual(spec.form, [
    { name: "type", value: "GEOSERVER-STYLE" },
    { name: "name", value: "Style des pays {suffixe}" },
  ]);
  assert.deepEqual(spec.placeholders, ["datastore", "suffixe"]);
  assert.match(failure('??? GET "https://x.test/a"', "```form\ntype=X\n```").message, /GET n'a pas de corps/);
  assert.match(failure('??? POST "https://x.test/a"', "```files\n/a\n```\n```form\nsans egal\n```", () => 1).message, /nom=valeur/);
});

test("a ```headers fence gives the request headers, whose placeholders are listed", () => {
  const { spec } = parseBlock(
    '??? GET "https://x.test/api/users/me"',
    lines("```headers\nAuthorization: Basic {identifiants}\napikey:  {clé} \n```"),
    "/p/#6",
    noFiles,
  );
  assert.deepEqual(spec.headers, [
    { name: "Authorization", value: "Basic {identifiants}" },
    { name: "apikey", value: "{clé}" },
  ]);
  assert.deepEqual(spec.placeholders, ["identifiants", "clé"]);
});

test("malformed ```headers lines are refused with their line", () => {
  const noColon = failure('??? GET "https://x.test/a"', "```headers\nAuthorization Basic x\n```");
  assert.match(noColon.message, /Nom: valeur : « Authorization Basic x »/);
  assert.equal(noColon.lineOffset, 2);
  const badName = failure('??? GET "https://x.test/a"', "\n```headers\nAccept: */*\nMon en-tête: x\n```");
  assert.match(badName.message, /nom d'en-tête invalide « Mon en-tête »/);
  assert.equal(badName.lineOffset, 4);
  const empty = failure('??? GET "https://x.test/a"', "```headers\napikey:   \n```");
  assert.match(empty.message, /valeur vide pour l'en-tête « apikey »/);
  assert.equal(empty.lineOffset, 2);
  assert.match(failure('??? GET "https://x.test/a"', "```headers\nA: 1\na: 2\n```").message, /« a » donné deux fois/);
  assert.match(failure('??? GET "https://x.test/a"', "```headers\n\n```").message, /```headers vide/);
  assert.match(failure('??? GET "https://x.test/a"', "```headers\nA: 1\n```\n```headers\nB: 2\n```").message, /un seul bloc ```headers/);
});

test("a ```form fence without files is a url-encoded body (a token request), its JSON answer still captures", () => {
  const { spec } = parseBlock(
    '??? POST "https://x.test/realms/demo/protocol/openid-connect/token"',
    lines("```form\ngrant_type=password\nclient_id=guichet\nusername={login}\npassword={mot de passe}\n```\n```json\n{\"access_token\": \"{jeton}\"}\n```"),
    "/p/#7",
    noFiles,
  );
  assert.deepEqual(spec.urlencoded?.map((field) => field.name), ["grant_type", "client_id", "username", "password"]);
  assert.equal(spec.form, undefined);
  assert.equal(spec.body, undefined);
  assert.deepEqual(spec.captures, [{ path: ["access_token"], variable: "jeton" }]);
  assert.deepEqual(spec.placeholders, ["login", "mot de passe"]);
  const both = failure('??? POST "https://x.test/a"', "```json corps\n{}\n```\n```form\na=1\n```");
  assert.match(both.message, /à la fois un corps JSON et des champs de formulaire/);
  assert.equal(both.lineOffset, 1);
});

test("a PUT with ```files sends each file as the whole body; no multipart fields there", () => {
  const { spec } = parseBlock('??? PUT "https://x.test/api/datastores/{datastore}/annexes/{annexe}"', lines("```files\n/samples/a.png\n```"), "/p/#8", () => 42);
  assert.equal(spec.fileBody, "raw");
  assert.deepEqual(spec.files, [{ name: "a.png", href: "/samples/a.png", size: 42 }]);
  const post = parseBlock('??? POST "https://x.test/a"', lines("```files\n/samples/a.png\n```"), "/p/#8", () => 42).spec;
  assert.equal(post.fileBody, undefined);
  const form = failure('??? PUT "https://x.test/a"', "```files\n/a\n```\n```form\ntype=X\n```", () => 1);
  assert.match(form.message, /PUT envoie le fichier comme corps entier/);
  assert.equal(form.lineOffset, 4);
});

test("a ```files line @name is a file produced in the page, read at run time", () => {
  const { spec } = parseBlock('??? PUT "https://x.test/a/{fichier}"', lines("```files\n@observations.geojson\n/samples/b.csv\n```"), "/p/#9", () => 7);
  assert.deepEqual(spec.files, [
    { name: "observations.geojson", href: "", size: 0, source: "page" },
    { name: "b.csv", href: "/samples/b.csv", size: 7 },
  ]);
  const bad = failure('??? POST "https://x.test/a"', "```files\n/a\n@dossier/x.zip\n```", () => 1);
  assert.match(bad.message, /nom de fichier produit dans la page attendu après @/);
  assert.equal(bad.lineOffset, 3);
});

test("utilisateur=<login> after the URL runs the block as that seeded user; others are refused on the opening line", () => {
  const { spec } = parseBlock('??? GET "https://x.test/api/users/me"  utilisateur=anne', [], "/p/#10", noFiles);
  assert.equal(spec.user, "anne");
  assert.equal(spec.url, "https://x.test/api/users/me");
  assert.equal(parseBlock('??? GET "https://x.test/a"', [], "/p/#10", noFiles).spec.user, undefined);
  const unknown = failure('??? GET "https://x.test/a" utilisateur=zoe', "");
  assert.match(unknown.message, /utilisateur inconnu « zoe » \(attendu : dave, anne\)/);
  assert.equal(unknown.lineOffset, 0);
  assert.match(failure('??? GET "https://x.test/a" compte=anne', "").message, /option inconnue « compte=anne »/);
});

test("the build's one scanner (markdown-it-container): a block without its closing line is refused, a block in a list item is read", () => {
  const unclosed = '??? GET "https://x.test/a"\n\n```json\n{}\n```\n';
  assert.throws(() => blockSource(md.parse(unclosed, {}), 0, unclosed.split("\n")), /bloc non fermé/);
  const listed = '- Étape :\n\n  ??? GET "https://x.test/a"\n  ```json\n  {"_id": "{x}"}\n  ```\n  ???\n';
  const tokens = md.parse(listed, {});
  const open = tokens.findIndex((token) => token.type === "container_api_open");
  assert.deepEqual(blockSource(tokens, open, listed.split("\n")).fences.map((fence) => [fence.info, fence.content, fence.offset]), [["json", '{"_id": "{x}"}', 1]]);
});
