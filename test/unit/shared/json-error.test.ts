import { test } from "node:test";
import assert from "node:assert/strict";
import { jsonError, jsonErrorText, lineColumn } from "../../../src/shared/json-error.ts";

// Each case: invalid text, the French message it must get, and its 1-based line and column.
const CASES: [string, RegExp, number, number][] = [
  ['{\n  "a": 1\n  "b": 2\n}', /^virgule manquante$/, 3, 3],
  ['{\n  name: "x"\n}', /guillemet attendu autour du nom de propriété/, 2, 3],
  ["{'a': 1}", /guillemets simples/, 1, 2],
  ['{"a": 1,\n}', /virgule en trop avant « } »/, 2, 1],
  ["[1, 2, ]", /virgule en trop avant « ] »/, 1, 8],
  ['{"a": ', /fin de texte inattendue : « } » manquant pour fermer l'objet ouvert ligne 1/, 1, 7],
  ['{"a": [1,\n 2', /fin de texte inattendue : « ] » manquant pour fermer le tableau ouvert ligne 1/, 2, 3],
  ["", /fin de texte inattendue : le texte est vide/, 1, 1],
  ['{"a": "x', /chaîne non terminée/, 1, 7],
  ['{"a": [1, 2}', /« } » inattendu : « ] » attendu pour fermer le tableau ouvert ligne 1/, 1, 12],
  ['{"a" 1}', /deux-points \(:\) manquant/, 1, 6],
  ['{"a": 1}}', /texte en trop après la fin du JSON/, 1, 9],
  ['{"a": NaN}', /valeur inconnue « NaN »/, 1, 7],
  ['{"a": tru}', /valeur inconnue « tru »/, 1, 7],
  ['{"a": 01}', /pas de zéro en tête/, 1, 8],
  ['{"a": 1.}', /nombre mal formé/, 1, 7],
  ['{"a": "\\x"}', /séquence d'échappement invalide/, 1, 7],
  ['{"a": "\\u12"}', /séquence \\u invalide/, 1, 7],
  ['{"a": "\t"}', /caractère de contrôle/, 1, 7],
  ['// note\n{}', /commentaires ne sont pas permis/, 1, 1],
  ['{"a":1,,"b":2}', /guillemet attendu autour du nom de propriété/, 1, 8],
  ["[,1]", /valeur manquante avant la virgule/, 1, 2],
];

for (const [text, message, line, column] of CASES) {
  test(`jsonError: ${JSON.stringify(text)} → ${message.source} at ${line}:${column}`, () => {
    const error = jsonError(text);
    assert.ok(error, "the text is invalid");
    assert.match(error.message, message);
    assert.deepEqual([error.line, error.column], [line, column]);
    assert.doesNotMatch(error.message, /Expected|Unexpected|JSON at position/);
  });
}

test("jsonError: valid JSON (any value, any spacing) has no error", () => {
  for (const text of ['{"a": [1, 2, {"b": null}]}', "  42 ", '"x"', "[]", '{\n  "é": "\\u00e9"\n}']) assert.equal(jsonError(text), undefined, text);
});

test("jsonErrorText gives one French sentence with the line and the column", () => {
  assert.equal(jsonErrorText(jsonError('{\n  "a": 1\n  "b": 2\n}')!), "ligne 3, colonne 3 : virgule manquante");
});

test("lineColumn counts lines from 1 and columns from 1 after the last newline", () => {
  assert.deepEqual(lineColumn("ab\ncd\nef", 0), { line: 1, column: 1 });
  assert.deepEqual(lineColumn("ab\ncd\nef", 4), { line: 2, column: 2 });
  assert.deepEqual(lineColumn("ab\ncd\nef", 6), { line: 3, column: 1 });
});
