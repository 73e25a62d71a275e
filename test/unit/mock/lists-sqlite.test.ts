// The list tests (lists.test.ts) over SqliteSource: the same answers from the SQL filters as from the memory ones.
process.env["LISTS_TEST_SOURCE"] = "sqlite";
await import("./lists.test.ts");

export {};
