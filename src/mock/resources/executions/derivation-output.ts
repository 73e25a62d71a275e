// db_to_db's output: the templated SQL of each DERIVATION-SQL static (read when the execution started, see
// processings/derivation.ts) runs on the output VECTOR-DB (empty for a new one), the inputs it names readable
// as schemas; checked on the structure first (ExecutionFailure on the first problem, nothing changed), then
// appended to the output's journal, replayed with the rows by the diffusion services. The input files it reads
// are kept with the output.
import { unionBbox } from "../common/geo.ts";
import type { OutputBuilder } from "./records.ts";
import type { JournalEntry } from "./vector-journal.ts";
import { buildDatabase } from "./vector-journal.ts";
import { applyOrFail, settleJournal } from "./vector-sql-output.ts";

/** Runs the derivations on the output stored data. */
export const derivationOutput: OutputBuilder = (storedData, snapshot) => {
  const db = buildDatabase(storedData.details);
  const journal: JournalEntry[] = [...(storedData.details?.journal ?? [])];
  const messages: string[] = [];
  const sources = snapshot.sources ?? [];
  const before = new Map([...db.tables.values()].map((table) => [table.name, table.columns.length]));
  for (const derivation of snapshot.derivations ?? []) {
    const inputs = derivation.inputs.map((id) => {
      const source = sources.find((candidate) => candidate._id === id);
      return source?.details ? { schema: id, details: source.details } : { schema: id };
    });
    const entry: JournalEntry = { op: "sql", origin: derivation.origin, sql: derivation.sql, ...(inputs.length > 0 ? { inputs } : {}) };
    applyOrFail(db, entry, derivation.origin);
    journal.push(entry);
    messages.push(`Requêtes du ${derivation.origin} exécutées`);
  }
  for (const table of db.tables.values()) {
    const columns = before.get(table.name);
    if (columns === undefined) messages.push(`Table ${table.name} créée`);
    else if (columns !== table.columns.length) messages.push(`Table ${table.name} : ${table.columns.length} colonne(s) (${columns} avant)`);
  }
  // A new output takes the extent of the inputs it was derived from.
  const read = sources.filter((source) => (snapshot.derivations ?? []).some((d) => d.inputs.includes(source._id)));
  const inputBbox = unionBbox(read.map((source) => source.details?.bbox));
  if (inputBbox && !storedData.details?.bbox) storedData.details = { ...storedData.details, bbox: inputBbox };
  settleJournal(storedData, db, journal, [], read.flatMap((source) => source.files ?? []));
  storedData.srs = storedData.srs ?? read[0]?.srs ?? "EPSG:4326";
  return messages;
};
