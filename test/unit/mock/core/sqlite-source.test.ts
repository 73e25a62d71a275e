// Conformance of the record sources: the same assertions against MemorySource (the reference) and SqliteSource,
// plus what only SQLite has (persistence, hand-edited rows, storage errors).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { MemorySource } from "../../../../src/mock/core/memory-source.ts";
import type { RecordSource, RowCondition, RowQuery, StoredRow } from "../../../../src/mock/core/source.ts";
import { Store } from "../../../../src/mock/core/store.ts";
import { collection } from "../../../../src/mock/core/collection.ts";
import { DATABASE_FILE, openSqliteSource, SqliteSource, StorageError } from "../../../../src/mock/node/sqlite-source.ts";
import { whereSql } from "../../../../src/mock/node/sqlite-query.ts";

const dirs: string[] = [];
process.on("exit", () => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
/** A new temporary directory, removed at exit. */
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sqlite-source-"));
  dirs.push(dir);
  return dir;
}

const row = (id: string, extra: Partial<StoredRow> = {}): StoredRow => ({
  kind: "upload",
  id,
  datastore: "ds1",
  json: JSON.stringify({ _id: id, datastore: extra.datastore ?? "ds1" }),
  due: null,
  blobs: [],
  group: null,
  size: 0,
  hidden: false,
  ...extra,
});
const ids = (rows: StoredRow[]): string[] => rows.map((r) => r.id);

/** The suite every RecordSource must pass. */
function conformance(name: string, make: () => RecordSource & { close?: () => void }): void {
  describe(`RecordSource conformance: ${name}`, () => {
    const withSource = (body: (source: RecordSource) => void) => () => {
      const source = make();
      try {
        body(source);
      } finally {
        source.close?.();
      }
    };

    test("put and get, replace in place", withSource((source) => {
      source.transaction(() => source.put(row("a", { due: 5, blobs: ["b1"] })));
      assert.deepEqual(source.get("upload", "a"), row("a", { due: 5, blobs: ["b1"] }));
      assert.equal(source.get("upload", "zz"), undefined);
      assert.equal(source.get("other", "a"), undefined);
      source.transaction(() => source.put(row("a", { json: '{"_id":"a","datastore":"ds1","v":2}' })));
      assert.equal(source.get("upload", "a")!.json, '{"_id":"a","datastore":"ds1","v":2}');
      assert.equal(source.get("upload", "a")!.due, null);
    }));

    test("list keeps insertion order (a replaced row keeps its place), pages, filters by datastore", withSource((source) => {
      source.transaction(() => {
        for (const id of ["c", "a", "d", "b"]) source.put(row(id));
        source.put(row("x", { datastore: "ds2" }));
        source.put(row("k", { kind: "static" }));
      });
      source.transaction(() => source.put(row("c", { json: '{"_id":"c","datastore":"ds1","v":2}' })));
      assert.deepEqual(ids(source.list("upload", { datastore: "ds1" })), ["c", "a", "d", "b"]);
      assert.deepEqual(ids(source.list("upload")), ["c", "a", "d", "b", "x"]);
      assert.deepEqual(ids(source.list("upload", { datastore: "ds1", offset: 1, limit: 2 })), ["a", "d"]);
      assert.deepEqual(ids(source.list("upload", { datastore: "ds1", offset: 3 })), ["b"]);
      assert.deepEqual(ids(source.list("upload", { datastore: "ds1", limit: 1 })), ["c"]);
      assert.deepEqual(ids(source.list("upload", { datastore: "ds1", offset: 10, limit: 5 })), []);
      assert.deepEqual(ids(source.list("upload", { datastore: "ds2" })), ["x"]);
      assert.deepEqual(ids(source.list("none")), []);
      assert.equal(source.count("upload"), 5);
      assert.equal(source.count("upload", { datastore: "ds1" }), 4);
      assert.equal(source.count("upload", { datastore: "ds9" }), 0);
      assert.equal(source.count("static"), 1);
    }));

    test("delete removes the row, its due time and its blob references; a new row goes last", withSource((source) => {
      source.transaction(() => {
        source.put(row("a", { due: 10, blobs: ["b1", "b2"] }));
        source.put(row("b", { blobs: ["b2"] }));
        source.put(row("c"));
      });
      source.transaction(() => {
        source.delete("upload", "a");
        source.delete("upload", "nothing");
      });
      assert.equal(source.get("upload", "a"), undefined);
      assert.equal(source.nextDue(100), undefined);
      assert.equal(source.referenced("b1"), false);
      assert.equal(source.referenced("b2"), true);
      assert.deepEqual([...source.referencedBlobs()].sort(), ["b2"]);
      source.transaction(() => source.put(row("a")));
      assert.deepEqual(ids(source.list("upload")), ["b", "c", "a"]);
      assert.equal(source.count("upload"), 3);
    }));

    test("nextDue gives the earliest due row at or before the limit", withSource((source) => {
      source.transaction(() => {
        source.put(row("late", { due: 300 }));
        source.put(row("early", { due: 100 }));
        source.put(row("mid", { kind: "execution", due: 200 }));
        source.put(row("never"));
      });
      assert.equal(source.nextDue(99), undefined);
      assert.deepEqual(source.nextDue(100), { kind: "upload", id: "early", due: 100 });
      assert.deepEqual(source.nextDue(1000), { kind: "upload", id: "early", due: 100 });
      source.transaction(() => source.put(row("early", { due: null })));
      assert.deepEqual(source.nextDue(1000), { kind: "execution", id: "mid", due: 200 });
    }));

    test("referenced follows replacements", withSource((source) => {
      source.transaction(() => source.put(row("a", { blobs: ["b1"] })));
      assert.equal(source.referenced("b1"), true);
      source.transaction(() => source.put(row("a", { blobs: ["b3"] })));
      assert.equal(source.referenced("b1"), false);
      assert.equal(source.referenced("b3"), true);
      assert.deepEqual([...source.referencedBlobs()], ["b3"]);
    }));

    test("group totals follow inserts, replacements (size or group changed), deletes and rollbacks", withSource((source) => {
      source.transaction(() => {
        source.put(row("a", { group: "s1", size: 10 }));
        source.put(row("b", { group: "s1", size: 5 }));
        source.put(row("c", { group: "s2", size: 7 }));
        source.put(row("d"));
        source.put(row("e", { datastore: "ds2", group: "s1", size: 100 }));
      });
      const totals = (): Record<string, [number, number]> => Object.fromEntries(source.totals("upload", "ds1").map((t) => [t.group, [t.count, t.size]]));
      assert.deepEqual(totals(), { s1: [2, 15], s2: [1, 7] });
      source.transaction(() => source.put(row("a", { group: "s2", size: 1 })));
      source.transaction(() => source.put(row("b", { group: null })));
      assert.deepEqual(totals(), { s2: [2, 8] });
      assert.throws(() => source.transaction(() => {
        source.delete("upload", "c");
        throw new Error("rollback");
      }));
      assert.deepEqual(totals(), { s2: [2, 8] });
      source.transaction(() => source.delete("upload", "c"));
      assert.deepEqual(totals(), { s2: [1, 1] });
      assert.deepEqual(source.totals("upload", "ds2").map((t) => [t.group, t.count, t.size]), [["s1", 1, 100]]);
    }));

    test("visible lists and counts leave hidden rows out, and follow a row hidden or shown again", withSource((source) => {
      source.transaction(() => {
        for (const id of ["a", "b", "c", "d"]) source.put(row(id, { hidden: id === "b" }));
        source.put(row("e", { datastore: "ds2" }));
      });
      const visible = (query: RowQuery = {}): string[] => ids(source.list("upload", { datastore: "ds1", visible: true, ...query }));
      assert.deepEqual(visible(), ["a", "c", "d"]);
      assert.deepEqual(visible({ offset: 1, limit: 1 }), ["c"]);
      assert.deepEqual(ids(source.list("upload", { datastore: "ds1" })), ["a", "b", "c", "d"], "hidden rows are still there");
      assert.equal(source.count("upload", { datastore: "ds1", visible: true }), 3);
      assert.equal(source.count("upload", { datastore: "ds1" }), 4);
      assert.equal(source.get("upload", "b")!.hidden, true);
      source.transaction(() => {
        source.put(row("c", { hidden: true }));
        source.put(row("b"));
      });
      assert.deepEqual(visible(), ["a", "b", "d"]);
      assert.deepEqual(visible({ where: [{ path: ["_id"], in: ["a", "c"] }] }), ["a"]);
      source.transaction(() => source.delete("upload", "a"));
      assert.equal(source.count("upload", { datastore: "ds1", visible: true }), 2);
      assert.equal(source.count("upload", { datastore: "ds2", visible: true }), 1);
    }));

    test("a throw inside a transaction rolls every write back", withSource((source) => {
      source.transaction(() => source.put(row("keep", { blobs: ["k"] })));
      assert.throws(() =>
        source.transaction(() => {
          source.put(row("new", { due: 1, blobs: ["n"] }));
          source.put(row("keep", { json: "changed", blobs: [] }));
          source.delete("upload", "keep");
          throw new Error("boom");
        }), /boom/);
      assert.equal(source.get("upload", "new"), undefined);
      assert.equal(source.get("upload", "keep")!.json, row("keep").json);
      assert.equal(source.nextDue(10), undefined);
      assert.equal(source.referenced("k"), true);
      assert.equal(source.referenced("n"), false);
      assert.equal(source.count("upload"), 1);
    }));

    test("a nested transaction joins the outer one", withSource((source) => {
      const result = source.transaction(() => {
        source.transaction(() => source.put(row("inner")));
        assert.ok(source.get("upload", "inner"), "visible inside the outer transaction");
        return 42;
      });
      assert.equal(result, 42);
      assert.ok(source.get("upload", "inner"));
      assert.throws(() =>
        source.transaction(() => {
          source.transaction(() => source.put(row("lost")));
          throw new Error("outer fails");
        }));
      assert.equal(source.get("upload", "lost"), undefined, "the inner writes go with the outer rollback");
    }));

    test("clear removes every row", withSource((source) => {
      source.transaction(() => {
        source.put(row("a", { due: 1, blobs: ["b"] }));
        source.put(row("s", { kind: "static" }));
      });
      source.transaction(() => source.clear());
      assert.equal(source.count("upload"), 0);
      assert.equal(source.count("static"), 0);
      assert.equal(source.nextDue(10), undefined);
      assert.equal(source.referencedBlobs().size, 0);
    }));

    test("where: equals, in, like (% and case), entry (tags), paths through lists (*), not; count agrees", withSource((source) => {
      const put = (id: string, json: unknown, datastore = "ds1") => source.put({ ...row(id, { datastore }), json: JSON.stringify({ _id: id, datastore, ...(json as object) }) });
      source.transaction(() => {
        put("a", { name: "Données départementales", status: "GENERATED", n: 1, tags: { tuto: "oui", x: "1" }, used: [{ sd: "s1" }, { sd: "s2" }] });
        put("b", { name: "DONNÉES 100% brutes", status: "DELETED", n: 2, tags: { tuto: "non" }, used: [{ sd: "s3" }] });
        put("c", { name: "Autre_chose", status: "GENERATED", n: "1", tags: {}, used: "s1" });
        put("d", { status: "CREATED" });
        put("e", { name: "Données départementales", status: "GENERATED" }, "ds2");
        source.put({ ...row("bad"), json: "{pas du json" });
      });
      const where = (...conditions: RowCondition[]) => {
        const listed = ids(source.list("upload", { datastore: "ds1", where: conditions }));
        assert.equal(source.count("upload", { datastore: "ds1", where: conditions }), listed.length, "count agrees with list");
        return listed.filter((id) => id !== "bad");
      };
      assert.deepEqual(where({ path: ["status"], equals: "GENERATED" }), ["a", "c"]);
      assert.deepEqual(where({ path: ["n"], equals: 1 }), ["a"], "a number equals a number, not a string");
      assert.deepEqual(where({ path: ["n"], equals: "1" }), ["c"]);
      assert.deepEqual(where({ path: ["status"], in: ["CREATED", "DELETED"] }), ["b", "d"]);
      assert.deepEqual(where({ path: ["status"], in: [] }), []);
      assert.deepEqual(where({ path: ["name"], like: "données%" }), ["a", "b"], "case-insensitive, accents included");
      assert.deepEqual(where({ path: ["name"], like: "données départementales" }), ["a"], "no % is a whole-value match");
      assert.deepEqual(where({ path: ["name"], like: "%100\\%%" }), [], "a backslash is a plain character");
      assert.deepEqual(where({ path: ["name"], like: "%100%" }), ["b"]);
      assert.deepEqual(where({ path: ["name"], like: "autre_chose" }), ["c"], "_ is a plain character");
      assert.deepEqual(where({ path: ["name"], like: "autre%chose" }), ["c"]);
      assert.deepEqual(where({ path: ["name"], like: "autr_chose" }), []);
      assert.deepEqual(where({ path: ["tags"], entry: { key: "tuto", value: "oui" } }), ["a"]);
      assert.deepEqual(where({ path: ["tags"], entry: { key: "x\"]'); --", value: "1" } }), [], "a tag key is a value, never SQL or a path");
      assert.deepEqual(where({ path: ["used", "*", "sd"], equals: "s2" }), ["a"]);
      assert.deepEqual(where({ path: ["used", "*"], equals: "s1" }), ["c"], "* on a scalar reaches the scalar itself");
      assert.deepEqual(where({ not: { path: ["status"], equals: "DELETED" } }), ["a", "c", "d"]);
      assert.deepEqual(where({ not: { path: ["name"], like: "%" } }), ["d"], "a missing value satisfies no condition, so its not holds");
      assert.deepEqual(where({ path: ["status"], equals: "GENERATED" }, { path: ["tags"], entry: { key: "tuto", value: "oui" } }), ["a"]);
      assert.ok(ids(source.list("upload", { datastore: "ds1", where: [{ path: ["status"], equals: "NONE" }] })).includes("bad"), "an unparsable row is handed out, for its reader to report");
      assert.deepEqual(ids(source.list("upload", { datastore: "ds1", where: [{ path: ["status"], equals: "GENERATED" }], offset: 1, limit: 5 })).filter((id) => id !== "bad"), ["c"]);
      assert.equal(source.count("upload", { where: [{ path: ["name"], like: "données départementales" }] }), 3, "every datastore when none is given (and the unparsable row)");
    }));

    test("sort: by a path, asc or desc, null first, numbers before strings, ties in insertion order; pages after sorting", withSource((source) => {
      source.transaction(() => {
        for (const [id, at] of [["a", 30], ["b", 10], ["c", null], ["d", 20], ["e", 10], ["f", "z"]] as const) {
          source.put({ ...row(id), json: JSON.stringify({ _id: id, datastore: "ds1", last: at === null ? {} : { date: at } }) });
        }
      });
      const sorted = (direction: "asc" | "desc", page: { offset?: number; limit?: number } = {}) => ids(source.list("upload", { datastore: "ds1", sort: { path: ["last", "date"], direction }, ...page }));
      assert.deepEqual(sorted("asc"), ["c", "b", "e", "d", "a", "f"]);
      assert.deepEqual(sorted("desc"), ["f", "a", "d", "b", "e", "c"]);
      assert.deepEqual(sorted("desc", { offset: 1, limit: 3 }), ["a", "d", "b"]);
      assert.deepEqual(ids(source.list("upload", { datastore: "ds1", sort: { path: ["last", "date"], direction: "asc" }, where: [{ path: ["last", "date"], in: [10, 30] }] })), ["b", "e", "a"]);
    }));

    test("a Store runs operations over the source", withSource((source) => {
      const things = collection<{ _id: string; datastore: string; n: number }>("thing");
      const store = new Store([], { source, now: () => 1000 });
      store.run((ctx) => ctx.records.insert(things, { _id: "t1", datastore: "ds1", n: 1 }));
      store.run((ctx) => {
        ctx.records.get(things, "t1")!.n = 2;
      });
      assert.equal(store.run((ctx) => ctx.records.list(things, "ds1")[0]!.n), 2);
      assert.equal(store.run((ctx) => ctx.records.count(collection("thing"), "ds1")), 1);
    }));
  });
}

conformance("MemorySource", () => new MemorySource());
conformance("SqliteSource", () => openSqliteSource(tempDir()));

describe("SqliteSource specifics", () => {
  test("creates <dir>/datastore.sqlite; rows survive a reopen, in order", () => {
    const dir = path.join(tempDir(), "sous", "dossier");
    const first = openSqliteSource(dir);
    assert.equal(first.opening.created, true);
    first.transaction(() => {
      for (const id of ["z", "y", "x"]) first.put(row(id, { due: id === "y" ? 7 : null, blobs: id === "x" ? ["bx"] : [] }));
    });
    first.close();
    assert.ok(fs.existsSync(path.join(dir, DATABASE_FILE)));
    const second = openSqliteSource(dir);
    try {
      assert.equal(second.opening.created, false);
      assert.deepEqual(ids(second.list("upload")), ["z", "y", "x"]);
      assert.deepEqual(second.nextDue(10), { kind: "upload", id: "y", due: 7 });
      assert.equal(second.referenced("bx"), true);
      assert.equal(second.db.pragma("journal_mode", { simple: true }), "wal");
      assert.equal(second.db.pragma("synchronous", { simple: true }), 2, "synchronous=FULL");
    } finally {
      second.close();
    }
  });

  test("the query plans use the indexes", () => {
    const source = openSqliteSource(tempDir());
    try {
      const plan = (sql: string, ...args: unknown[]) => (source.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join("; ");
      assert.match(plan("SELECT * FROM rows WHERE kind = ? AND datastore = ? ORDER BY seq LIMIT 10", "upload", "ds"), /USING INDEX rows_datastore/);
      assert.doesNotMatch(plan("SELECT * FROM rows WHERE kind = ? AND datastore = ? ORDER BY seq LIMIT 10", "upload", "ds"), /TEMP B-TREE/);
      assert.match(plan("SELECT kind, id, due FROM rows WHERE due IS NOT NULL AND due <= ? ORDER BY due LIMIT 1", 5), /USING INDEX rows_due/);
      assert.match(plan("SELECT 1 FROM blob_refs WHERE blob = ? LIMIT 1", "b"), /USING (COVERING )?INDEX blob_refs_blob/);
      assert.match(plan("SELECT * FROM rows WHERE kind = ? AND id = ?", "upload", "a"), /USING INDEX rows_key/);
      // A default list (hidden rows left out) reads its page through the visible index, in order.
      const visible = plan("SELECT * FROM rows WHERE kind = ? AND datastore = ? AND hidden = 0 ORDER BY seq LIMIT 10", "upload", "ds");
      assert.match(visible, /USING INDEX rows_visible/);
      assert.doesNotMatch(visible, /TEMP B-TREE/);
      // A filtered page walks the datastore's rows in order and stops once the page is full.
      const where = whereSql([{ not: { path: ["status"], equals: "DELETED" } }, { path: ["tags"], entry: { key: "k", value: "v" } }])!;
      const filtered = plan(`SELECT * FROM rows WHERE kind = ? AND datastore = ? AND ${where.sql} ORDER BY seq LIMIT 10`, "upload", "ds", ...where.params);
      assert.match(filtered, /USING INDEX rows_datastore/);
      assert.doesNotMatch(filtered, /TEMP B-TREE/);
    } finally {
      source.close();
    }
  });

  test("hand-edited rows (null json, wrong types) never make get/list/nextDue throw", () => {
    const dir = tempDir();
    const source = openSqliteSource(dir);
    source.transaction(() => {
      source.put(row("good"));
      source.put(row("bad"));
      source.put(row("odd"));
    });
    source.db.exec(`UPDATE rows SET json = NULL, blobs = 'pas du json' WHERE id = 'bad'`);
    source.db.exec(`UPDATE rows SET json = X'7B7D', due = 'bientôt', blobs = '[1, "b", null]' WHERE id = 'odd'`);
    source.db.exec(`INSERT INTO rows (kind, id, datastore, json) VALUES ('upload', 'nul', 'ds1', 'null')`);
    const listed = source.list("upload", { datastore: "ds1" });
    assert.deepEqual(ids(listed), ["good", "bad", "odd", "nul"]);
    assert.equal(source.get("upload", "bad")!.json, "");
    assert.deepEqual(source.get("upload", "bad")!.blobs, []);
    assert.equal(source.get("upload", "odd")!.json, "{}");
    assert.equal(source.get("upload", "odd")!.due, null);
    assert.deepEqual(source.get("upload", "odd")!.blobs, ["b"]);
    assert.equal(source.nextDue(Number.MAX_SAFE_INTEGER), undefined);
    // The core reports and skips them.
    const uploads = collection<{ _id: string; datastore: string }>("upload");
    const ignored: string[] = [];
    const store = new Store([], { source, onIgnored: (messages) => ignored.push(...messages) });
    assert.deepEqual(store.run((ctx) => ctx.records.list(uploads, "ds1").map((r) => r._id)), ["good"]);
    assert.equal(ignored.length, 3, ignored.join("\n"));
    source.close();
  });

  test("a commit that fails (read-only database) throws StorageError 503 and changes nothing", () => {
    const source = openSqliteSource(tempDir());
    source.transaction(() => source.put(row("a")));
    source.db.pragma("query_only = ON");
    assert.throws(
      () => source.transaction(() => source.put(row("b"))),
      (error: unknown) => error instanceof StorageError && error.status === 503 && /lecture seule/.test(error.body().error_description[0]!) && /Rien n'a été modifié/.test(error.message),
    );
    source.db.pragma("query_only = OFF");
    assert.deepEqual(ids(source.list("upload")), ["a"]);
    source.close();
  });

  test("StorageError for a full disk is 507 with the API's error body", () => {
    const error = new StorageError("full", "SQLITE_FULL");
    assert.equal(error.status, 507);
    assert.deepEqual(Object.keys(error.body()), ["error", "error_description"]);
    assert.match(error.body().error_description[0]!, /plein/);
  });

  test("a second opening of the same directory is refused while the first is open, allowed after close", () => {
    const dir = tempDir();
    const first = openSqliteSource(dir);
    assert.throws(() => openSqliteSource(dir), /déjà utilisé par un autre entrepôt simulé \(processus \d+.*DATASTORE_DIR/s);
    first.close();
    openSqliteSource(dir).close();
  });

  test("a file that is not a database is refused and left as it is", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, DATABASE_FILE), "ceci n'est pas une base SQLite, mais un texte assez long pour avoir un en-tête".repeat(20));
    const before = fs.readFileSync(path.join(dir, DATABASE_FILE));
    assert.throws(() => openSqliteSource(dir), /n'est pas une base SQLite lisible/);
    assert.deepEqual(fs.readFileSync(path.join(dir, DATABASE_FILE)), before);
  });

  test("another schema version is refused", () => {
    const dir = tempDir();
    openSqliteSource(dir).close();
    const db = new Database(path.join(dir, DATABASE_FILE));
    db.prepare("UPDATE meta SET value = '99' WHERE key = 'schema'").run();
    db.close();
    assert.throws(() => openSqliteSource(dir), /autre version du schéma \(99/);
  });

  test("counts follow every change, hand edits included, and are rebuilt for a database without them", () => {
    const dir = tempDir();
    const source = openSqliteSource(dir);
    source.transaction(() => {
      for (const id of ["a", "b", "c"]) source.put(row(id));
      source.put(row("x", { datastore: "ds2" }));
    });
    source.transaction(() => source.put(row("a", { datastore: "ds2" })));
    source.db.exec(`INSERT INTO rows (kind, id, datastore, json) VALUES ('upload', 'raw', 'ds1', '{}')`);
    source.db.exec(`DELETE FROM rows WHERE id = 'b'`);
    assert.equal(source.count("upload", { datastore: "ds1" }), 2);
    assert.equal(source.count("upload", { datastore: "ds2" }), 2);
    assert.equal(source.count("upload"), 4);
    source.close();
    const db = new Database(path.join(dir, DATABASE_FILE));
    db.exec("DROP TRIGGER rows_counted_in; DROP TRIGGER rows_counted_out; DROP TRIGGER rows_counted_moved; DROP TABLE counts;");
    db.close();
    const again = openSqliteSource(dir);
    assert.equal(again.count("upload", { datastore: "ds1" }), 2);
    assert.equal(again.count("upload"), 4);
    again.close();
  });

  test("SqliteSource is what openSqliteSource returns", () => {
    const source = openSqliteSource(tempDir());
    assert.ok(source instanceof SqliteSource);
    source.close();
  });
});
