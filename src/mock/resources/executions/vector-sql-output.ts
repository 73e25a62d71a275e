// vector_to_db when SQL is involved: the upload holds a structure file (.sql), deletion / modification files
// (.delete, .update, applied only with parameters.delete / parameters.update), or the output already has a
// journal (vector-journal.ts). Order inside one execution: structure, deletions, modifications, insertions.
// New steps are checked by running them on the structure (tables without rows): a statement that does not
// parse or names a missing table/column makes the execution fail (ExecutionFailure) before anything changes.
// Rows of a layer go to the table of the same (normalised) name; a layer without a table gets one
// (ogc_fid serial primary key, its columns, geom). Counts and extent grow with the rows inserted (deletions
// and modifications keep them, as the real API shows); size: 8 KiB per relation + the rows' bytes.
import { envelopeToWgs84 } from "../../formats/crs.ts";
import { normaliseName } from "../../formats/names.ts";
import { SqlError } from "../../sql/tokens.ts";
import type { SqlDatabase } from "../../sql/database.ts";
import { bboxPolygon, unionBbox } from "../common/geo.ts";
import { baseName, extension, stem, vectorLayers } from "../uploads/file-analysis.ts";
import type { ExecutionRecord, InputSnapshot } from "./records.ts";
import type { RelationSource, StoredDataDetails, StoredDataRecord } from "../stored-data/records.ts";
import type { JournalEntry } from "./vector-journal.ts";
import { applyEntry, buildDatabase, ExecutionFailure, hasJournal, journalSources, relationsInfos } from "./vector-journal.ts";
import { sourceFiles, sourceOf } from "./vector-outputs.ts";

type Details = NonNullable<StoredDataDetails["relations"]>[number];
const roundUp = (bytes: number, block: number): number => Math.ceil(bytes / block) * block;
const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Whether vector_to_db takes the SQL path for this output and these files. */
export function usesJournal(storedData: StoredDataRecord, snapshot: InputSnapshot): boolean {
  return hasJournal(storedData.details) || snapshot.files.some((file) => file.analysis?.kind === "sql" || file.analysis?.kind === "changes");
}

/** Applies a step, or fails the execution naming the file and the problem. */
export function applyOrFail(db: SqlDatabase, entry: JournalEntry, origin: string): void {
  try {
    applyEntry(db, entry);
  } catch (error) {
    const detail = error instanceof SqlError ? `erreur SQL ${error.message}` : error instanceof Error ? error.message : String(error);
    throw new ExecutionFailure(`${origin} : ${detail}`);
  }
}

/** What a successful step list leaves in the stored data: relations, counts, bbox, size, journal, kept files. */
export function settleJournal(storedData: StoredDataRecord, db: SqlDatabase, journal: JournalEntry[], added: { table: string; features: number; bytes: number; bbox?: Details["bbox"]; geometry?: string }[], extraFiles: StoredDataRecord["files"]): void {
  const previous = storedData.details?.relations ?? [];
  const infos = relationsInfos(db);
  const relations = db.relations();
  const details: Details[] = relations.map((relation) => {
    const before = previous.find((candidate) => candidate.name === relation.name);
    const mine = added.filter((item) => item.table === relation.name);
    const detail: Details = { name: relation.name, features: (before?.features ?? 0) + mine.reduce((n, item) => n + item.features, 0) };
    const geometryType = /^geometry\((\w+)/.exec(Object.values(relation.attributes).find((type) => type.startsWith("geometry")) ?? "")?.[1]?.toUpperCase() ?? before?.geometry_type ?? mine.find((item) => item.geometry)?.geometry;
    if (geometryType && geometryType !== "GEOMETRY") detail.geometry_type = geometryType;
    const bbox = unionBbox([before?.bbox, ...mine.map((item) => item.bbox)]);
    if (bbox) detail.bbox = bbox;
    if (before?.source) detail.source = before.source;
    return detail;
  });
  const bbox = unionBbox([storedData.details?.bbox, ...details.map((detail) => detail.bbox)]);
  storedData.type_infos = infos;
  storedData.details = { relations: details, journal };
  if (bbox) {
    storedData.details.bbox = bbox;
    storedData.extent = bboxPolygon(bbox);
  }
  const grown = added.reduce((n, item) => n + roundUp(40 * item.features + item.bytes, 8192), 0);
  const structure = 8192 * relations.length;
  storedData.size = Math.max(structure, storedData.size > 0 ? storedData.size : structure) + grown;
  storedData.files = sourceFiles([...storedData.files, ...extraFiles], journalSources(storedData.details));
}

/** vector_to_db on the SQL path (see the header). */
export function journalDbOutput(storedData: StoredDataRecord, snapshot: InputSnapshot, execution: ExecutionRecord): string[] {
  const db = buildDatabase(storedData.details);
  const journal: JournalEntry[] = [...(storedData.details?.journal ?? [])];
  const messages: string[] = [];
  const step = (entry: JournalEntry, origin: string): void => {
    applyOrFail(db, entry, origin);
    journal.push(entry);
  };
  for (const file of snapshot.files) {
    if (file.analysis?.kind !== "sql") continue;
    const before = new Set([...db.tables.keys(), ...db.views.keys()]);
    step({ op: "sql", origin: file.path, sql: file.analysis.text }, file.path);
    const created = [...db.tables.keys(), ...db.views.keys()].filter((name) => !before.has(name));
    messages.push(`Fichier ${file.path} exécuté${created.length > 0 ? ` : relation(s) créée(s) ${created.join(", ")}` : ""}`);
  }
  for (const kind of ["delete", "update"] as const) {
    for (const file of snapshot.files) {
      if (file.analysis?.kind !== "changes" || extension(file.path) !== kind) continue;
      if (execution.parameters[kind] !== true) {
        messages.push(`Fichier ${file.path} ignoré : le paramètre « ${kind} » de l'exécution ne vaut pas true`);
        continue;
      }
      const table = normaliseName(baseName(stem(file.path)));
      const columns = file.analysis.columns.map(normaliseName);
      step({ op: kind, table, path: file.path, columns, rows: file.analysis.rows }, file.path);
      messages.push(`${file.path} : ${file.analysis.rows.length} ${kind === "delete" ? "suppression(s)" : "modification(s)"} demandée(s) sur la table ${table}`);
    }
  }
  const added: Parameters<typeof settleJournal>[3] = [];
  for (const item of vectorLayers(snapshot.files)) {
    const { layer, path } = item;
    const name = normaliseName(layer.name);
    if (!db.tables.has(name)) {
      const columns = layer.columns.map((c) => `${quote(normaliseName(c.name))} ${c.type}`);
      const sql = `CREATE TABLE ${quote(name)} (ogc_fid serial PRIMARY KEY${columns.map((c) => `, ${c}`).join("")}${layer.geometry ? ", geom geometry" : ""})`;
      step({ op: "sql", origin: path, sql }, path);
      messages.push(`Table ${name} créée pour la couche « ${layer.name} » de ${path}`);
    }
    const table = db.tables.get(name)!;
    const mapping: RelationSource["columns"] = [];
    const ignored: string[] = [];
    for (const column of layer.columns) {
      const target = table.columns.find((c) => c.name === normaliseName(column.name) && !c.type.startsWith("geometry"));
      if (target) mapping.push({ source: column.name, name: target.name, type: target.type });
      else ignored.push(column.name);
    }
    const source = sourceOf(item, snapshot.files, snapshot.srs, mapping);
    if (!source) throw new ExecutionFailure(`${path} : le contenu du fichier n'est plus disponible`);
    step({ op: "insert", table: name, source }, path);
    const bbox = layer.extent ? envelopeToWgs84(layer.srs ?? snapshot.srs, layer.extent) : undefined;
    added.push({ table: name, features: layer.features, bytes: layer.attributeBytes + layer.geometryBytes, ...(bbox ? { bbox } : {}), ...(layer.geometry ? { geometry: layer.geometry.type } : {}) });
    messages.push(`Couche « ${layer.name} » de ${path} : ${layer.features} objet(s) insérés dans la table ${name}${ignored.length > 0 ? ` (colonnes absentes de la table, ignorées : ${ignored.join(", ")})` : ""}`);
  }
  const files = snapshot.files.flatMap((file) => (file.blob ? [{ path: file.path, size: file.size, md5: file.md5, blob: file.blob }] : []));
  settleJournal(storedData, db, journal, added, files as StoredDataRecord["files"]);
  storedData.srs = storedData.srs ?? snapshot.srs ?? "EPSG:4326";
  return messages;
}
