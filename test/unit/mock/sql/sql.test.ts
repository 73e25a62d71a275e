// The simulated PostgreSQL: tokenizer and parser errors (French, with the line), DDL on the catalogue (types,
// primary keys, views expanding * at creation), DML with expressions (arithmetic, comparison, AND/OR/NOT, LIKE,
// IN, IS NULL, BETWEEN, CASE, casts, functions), three-valued logic, schemas of read-only inputs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SqlDatabase } from "../../../../src/mock/sql/database.ts";
import { dataStatementLines, parseSql } from "../../../../src/mock/sql/parser.ts";
import { SqlError, tokenize } from "../../../../src/mock/sql/tokens.ts";

const failure = (sql: string, db = new SqlDatabase()): string => {
  try {
    db.run(sql);
  } catch (error) {
    assert.ok(error instanceof SqlError, String(error));
    return error.message;
  }
  assert.fail(`accepté : ${sql}`);
};

const fresh = (): SqlDatabase => {
  const db = new SqlDatabase();
  db.run(`CREATE TABLE t (id SERIAL PRIMARY KEY, nom varchar(10), n integer, x double precision, ok boolean);
INSERT INTO t (nom, n, x, ok) VALUES ('Alpha', 1, 1.5, true), ('beta', 2, NULL, false), ('Gamma', NULL, 3.25, NULL);`);
  return db;
};
const rows = (db: SqlDatabase, sql: string) => {
  const [statement] = parseSql(sql);
  assert.equal(statement!.k, "select");
  return db.select((statement as Extract<typeof statement, { k: "select" }>)!.select, 1).rows;
};

test("tokenizer: words folded, quoted identifiers kept, strings with '', numbers, comments, lines", () => {
  const tokens = tokenize(`SELECT "Nom", 'l''eau' -- commentaire\n/* bloc\n */ FROM T WHERE x >= 1.5e2`);
  assert.deepEqual(tokens.map((t) => [t.kind, t.text, t.line]), [
    ["word", "select", 1], ["quoted", "Nom", 1], ["op", ",", 1], ["string", "l'eau", 1], ["word", "from", 3], ["word", "t", 3],
    ["word", "where", 3], ["word", "x", 3], ["op", ">=", 3], ["number", "1.5e2", 3], ["end", "", 3],
  ]);
  assert.throws(() => tokenize("SELECT 'ouverte\n"), /ligne 1 : chaîne de caractères non refermée/);
  assert.throws(() => tokenize("SELECT 1 ?"), /caractère « \? » inattendu/);
});

test("CREATE TABLE: normalised types, serial, primary key (column or constraint), duplicate and unknown errors", () => {
  const db = new SqlDatabase();
  db.run("CREATE TABLE a (id serial PRIMARY KEY, v varchar(5), d double precision, g geometry(multipolygon, 4326), b bigint);\nCREATE TABLE b (k1 int, k2 text, PRIMARY KEY (k1, k2));");
  assert.deepEqual(db.relations(), [
    { name: "a", type: "TABLE", attributes: { id: "integer", v: "character varying(5)", d: "double precision", g: "geometry(MultiPolygon,4326)", b: "bigint" }, primary_key: ["id"] },
    { name: "b", type: "TABLE", attributes: { k1: "integer", k2: "text" }, primary_key: ["k1", "k2"] },
  ]);
  assert.match(failure("CREATE TABLE a (x integer);", db), /^ligne 1 : la relation « a » existe déjà$/);
  assert.match(failure("\n\nCREATE TABLE c (x integer, x text);"), /^ligne 3 : la colonne « x » est déclarée deux fois$/);
  assert.match(failure("CREATE TABLE c (x entier);"), /^ligne 1 : type « entier » inconnu$/);
  assert.match(failure("CREATE TABLE c (x integer"), /^ligne 1 : « \) » attendu, trouvé la fin du texte$/);
  assert.match(failure("CREATE TABLE c (x integer, PRIMARY KEY (y));"), /colonne « y » de la clé primaire n'existe pas/);
  assert.match(failure("CREATE FUNCTION f() RETURNS integer AS $$ SELECT 1; $$ LANGUAGE sql;"), /CREATE FUNCTION n'est pas exécuté par l'entrepôt simulé/);
  assert.match(failure("SELEC 1;"), /instruction SQL .* attendu, trouvé « selec »/);
});

test("views: SELECT … WHERE evaluated when read, * expanded at creation, unknown column refused", () => {
  const db = fresh();
  db.run("CREATE VIEW v AS SELECT * FROM t WHERE n >= 1 AND nom LIKE '%a%';\nCREATE VIEW w AS SELECT nom AS libelle, n * 10 AS dix FROM t WHERE ok IS NOT NULL;");
  assert.deepEqual(db.read({ name: "v" }, 0).rows.map((r) => r.nom), ["Alpha", "beta"]);
  db.run("ALTER TABLE t ADD COLUMN extra integer; UPDATE t SET n = 5 WHERE nom = 'Gamma';");
  assert.deepEqual(db.read({ name: "v" }, 0).rows.map((r) => r.nom), ["Alpha", "beta", "Gamma"]);
  assert.deepEqual(Object.keys(db.read({ name: "v" }, 0).rows[0]!), ["id", "nom", "n", "x", "ok"]);
  assert.deepEqual(db.read({ name: "w" }, 0).rows, [{ libelle: "Alpha", dix: 10 }, { libelle: "beta", dix: 20 }]);
  assert.deepEqual(db.relations().find((r) => r.name === "w"), { name: "w", type: "VIEW", attributes: { libelle: "character varying(10)", dix: "integer" }, primary_key: [] });
  assert.match(failure("CREATE VIEW z AS SELECT * FROM t\nWHERE inconnue = 1;", db), /^ligne 2 : la colonne « inconnue » n'existe pas dans « t »/);
  assert.match(failure("CREATE VIEW z AS SELECT * FROM absente;", db), /la relation « absente » n'existe pas/);
});

test("expressions: arithmetic, casts, IN, BETWEEN, CASE, functions, NULL logic", () => {
  const db = fresh();
  assert.deepEqual(rows(db, "SELECT nom FROM t WHERE n IN (1, 3) OR x BETWEEN 3 AND 4 ORDER BY nom DESC"), [{ nom: "Gamma" }, { nom: "Alpha" }]);
  assert.deepEqual(rows(db, "SELECT upper(nom) AS u, coalesce(n, 0) + 1 AS n1, '7'::integer * 2 AS c, CASE WHEN ok THEN 'oui' WHEN NOT ok THEN 'non' ELSE '?' END AS r FROM t"), [
    { u: "ALPHA", n1: 2, c: 14, r: "oui" }, { u: "BETA", n1: 3, c: 14, r: "non" }, { u: "GAMMA", n1: 1, c: 14, r: "?" },
  ]);
  // NULL compared is unknown: neither = nor <> keeps the row.
  assert.deepEqual(rows(db, "SELECT nom FROM t WHERE n = NULL OR n <> NULL"), []);
  assert.deepEqual(rows(db, "SELECT nom FROM t WHERE n IS NULL"), [{ nom: "Gamma" }]);
  assert.deepEqual(rows(db, "SELECT nom FROM t WHERE nom ILIKE 'a%' AND NOT ok IS NULL"), [{ nom: "Alpha" }]);
  assert.deepEqual(rows(db, "SELECT 7 / 2 AS i, 7.0 / 2 AS f, 7 % 3 AS m, 'a' || 1 AS s"), [{ i: 3, f: 3.5, m: 1, s: "a1" }]);
  assert.match(failure("SELECT 1 / 0;", db), /division par zéro/);
  assert.match(failure("SELECT nom * 2 FROM t;", db), /opérateur \* impossible/);
  assert.match(failure("SELECT inconnue(1);", db), /la fonction inconnue\(\) n'existe pas/);
});

test("UPDATE, DELETE, INSERT, ALTER TABLE, DROP: values typed, keys unique, errors at the statement's line", () => {
  const db = fresh();
  db.run("ALTER TABLE t ADD COLUMN triple integer;\nUPDATE t SET triple = n * 3 WHERE n IS NOT NULL;\nDELETE FROM t WHERE nom = 'beta';");
  assert.deepEqual(db.read({ name: "t" }, 0).rows.map((r) => [r.id, r.triple]), [[1, 3], [3, null]]);
  db.run("INSERT INTO t (nom, n) VALUES ('Delta', '4');");
  assert.deepEqual(db.read({ name: "t" }, 0).rows.at(-1), { id: 4, nom: "Delta", n: 4, x: null, ok: null, triple: null });
  assert.match(failure("INSERT INTO t (id, nom) VALUES (1, 'double');", db), /^ligne 1 : la clé primaire \(id\) = \(1\) existe déjà dans « t »$/);
  assert.match(failure("INSERT INTO t (nom) VALUES ('beaucoup trop long');", db), /valeur trop longue pour le type character varying\(10\)/);
  assert.match(failure("\nUPDATE t SET n = 'abc';", db), /^ligne 2 : syntaxe invalide pour le type integer : "abc"$/);
  assert.match(failure("UPDATE t SET absente = 1;", db), /la colonne « absente » n'existe pas dans « t »/);
  assert.match(failure("ALTER TABLE t ADD COLUMN n integer;", db), /la colonne « n » existe déjà/);
  db.run("ALTER TABLE t ADD COLUMN IF NOT EXISTS n integer; ALTER TABLE t DROP COLUMN triple, RENAME COLUMN nom TO libelle; ALTER TABLE t RENAME TO u;");
  assert.deepEqual(Object.keys(db.relations()[0]!.attributes), ["id", "libelle", "n", "x", "ok"]);
  assert.equal(db.relations()[0]!.name, "u");
  db.run("DROP TABLE u; DROP TABLE IF EXISTS u;");
  assert.deepEqual(db.relations(), []);
  assert.match(failure("DROP TABLE u;", db), /la table « u » n'existe pas/);
  assert.match(failure("COPY t FROM stdin;", db), /COPY n'est pas accepté/);
});

test("inputs are schemas read, never written; CREATE TABLE … AS SELECT from them", () => {
  const input = fresh();
  const db = new SqlDatabase(new Map([["entree", input]]));
  db.run('CREATE TABLE copie AS SELECT nom, n FROM entree.t WHERE n > 1;\nINSERT INTO copie SELECT nom, n FROM "entree".t WHERE n = 1;');
  assert.deepEqual(db.read({ name: "copie" }, 0).rows, [{ nom: "beta", n: 2 }, { nom: "Alpha", n: 1 }]);
  assert.match(failure("UPDATE entree.t SET n = 0;", db), /la donnée en entrée « entree » est en lecture seule/);
  assert.match(failure("SELECT * FROM ailleurs.t;", db), /schéma « ailleurs » inconnu/);
});

test("data statements are found by the tokens, even in SQL that does not parse", () => {
  assert.deepEqual(dataStatementLines("CREATE TABLE t (a int);\ninsert into t values (1);\nCOPY t FROM stdin;\nSELECT 'INSERT';"), [{ line: 2, keyword: "INSERT" }, { line: 3, keyword: "COPY" }]);
  assert.deepEqual(dataStatementLines("CREATE TABLE (;\nINSERT"), [{ line: 2, keyword: "INSERT" }]);
  assert.deepEqual(dataStatementLines("CREATE TABLE t (a int);"), []);
});
