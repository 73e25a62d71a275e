// db_to_db, "Génération ou mise à jour d'une donnée vecteur à partir d'une donnée vecteur": SQL kept in static
// files of type DERIVATION-SQL run on a VECTOR-DB. `{{ params.x }}` is replaced by parameters.params.x (as
// written), `{{ inputs.n }}` by the schema of the n-th input VECTOR-DB (1-based, read only). Checked at
// creation (400): every static of `derivations` is a DERIVATION-SQL of the datastore, every params.x it uses
// is given, every inputs.n exists. The SQL is read and templated when the execution starts.
import ids from "../../../../_data/ids.json" with { type: "json" };
import type { Context } from "../../core/context.ts";
import type { Problems } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import { isObject } from "../../core/json.ts";
import { STATICS } from "../statics/records.ts";
import type { StaticRecord } from "../statics/records.ts";
import type { ExecutionRecord } from "../executions/records.ts";
import type { CheckDef, ProcessingDef } from "./catalog.ts";

/** The derivation processing. */
export const DB_TO_DB: ProcessingDef = {
  _id: ids.processings.db_to_db,
  name: "Génération ou mise à jour d'une donnée vecteur à partir d'une donnée vecteur",
  description: "Ce traitement exécute sur une ou plusieurs données vecteur en base les requêtes SQL de fichiers statiques de type DERIVATION-SQL, pour générer une nouvelle donnée vecteur ou modifier une donnée existante",
  priority: "STANDARD",
  input_types: { upload: [], stored_data: ["VECTOR-DB"] },
  output_type: { stored_data: "VECTOR-DB", storage: ["POSTGRESQL"] },
  parameters: [
    { name: "derivations", description: "Identifiants des fichiers statiques DERIVATION-SQL à exécuter, dans l'ordre", mandatory: true, static_type: "DERIVATION-SQL", constraints: { type: "array", items: { type: "string" } } },
    { name: "params", description: "Valeurs des variables {{ params.<nom> }} des requêtes", mandatory: false, constraints: { type: "object" } },
  ],
  required_checks: [] as CheckDef[],
  inputsRequired: true,
};

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The variables a derivation SQL uses: params.<name> (in order, once each); 400-worthy message for an unknown form. */
export function derivationVariables(sql: string): { used: string[]; inputs: number[]; unknown: string[] } {
  const used: string[] = [];
  const inputs: number[] = [];
  const unknown: string[] = [];
  for (const [, expression] of sql.matchAll(VARIABLE)) {
    const name = expression!;
    if (/^params\.[A-Za-z_][A-Za-z0-9_]*$/.test(name)) { if (!used.includes(name)) used.push(name); }
    else if (/^inputs\.[1-9][0-9]*$/.test(name)) inputs.push(Number(name.slice(7)));
    else unknown.push(name);
  }
  return { used, inputs, unknown };
}

const isDerivation = (record: StaticRecord | undefined): boolean => record?.type === "DERIVATION-SQL";

/** Creation rule of db_to_db (see the header). */
export function derivationRule(ctx: Context, input: { inputs: { stored_data: string[] }; parameters: JsonObject | Record<string, unknown> }, problems: Problems): void {
  const derivations = input.parameters.derivations;
  const params = isObject(input.parameters.params) ? input.parameters.params : {};
  for (const [key, value] of Object.entries(params)) {
    if (!["string", "number", "boolean"].includes(typeof value)) problems.add(`parameters.params.${key} : valeur simple attendue (texte, nombre ou booléen).`);
  }
  if (!Array.isArray(derivations)) return;
  if (derivations.length === 0) problems.add("parameters.derivations : liste vide ; donnez au moins un fichier statique DERIVATION-SQL.");
  derivations.forEach((id, index) => {
    if (typeof id !== "string") return;
    const record = ctx.records.get(STATICS, id);
    if (!record) return problems.add(`parameters.derivations[${index}] : fichier statique « ${id} » introuvable dans l'entrepôt.`);
    if (!isDerivation(record)) return problems.add(`parameters.derivations[${index}] : le fichier statique « ${record.name} » est de type ${record.type}, DERIVATION-SQL attendu.`);
    const used = Array.isArray(record.type_infos.used_variables) ? record.type_infos.used_variables : [];
    for (const variable of used) {
      const name = String(variable).slice("params.".length);
      if (!(name in params)) problems.add(`parameters.params.${name} : valeur obligatoire, utilisée par le fichier statique « ${record.name} » ({{ ${variable} }}).`);
    }
    const { inputs } = derivationVariables(record.sql ?? "");
    for (const n of inputs) {
      if (n > input.inputs.stored_data.length) problems.add(`parameters.derivations[${index}] : « ${record.name} » utilise {{ inputs.${n} }}, mais l'exécution n'a que ${input.inputs.stored_data.length} donnée(s) en entrée.`);
    }
  });
}

/** Whether the execution is a derivation. */
export const isDerivationExecution = (execution: ExecutionRecord): boolean => execution.processing === ids.processings.db_to_db;

/** The schema name `{{ inputs.n }}` becomes: the input stored data's id, quoted. */
export const inputSchema = (id: string): string => id;

/** When the execution starts: the SQL of its statics, templated (problems when a static is gone). */
export function derivationSql(ctx: Context, execution: ExecutionRecord): { problems: string[]; derivations: { origin: string; sql: string; inputs: string[] }[] } {
  const problems: string[] = [];
  const derivations: { origin: string; sql: string; inputs: string[] }[] = [];
  const params = isObject(execution.parameters.params) ? execution.parameters.params : {};
  const list = Array.isArray(execution.parameters.derivations) ? execution.parameters.derivations : [];
  for (const id of list) {
    const record = typeof id === "string" ? ctx.records.get(STATICS, id) : undefined;
    if (!record || !isDerivation(record) || record.sql === undefined) {
      problems.push(`Le fichier statique DERIVATION-SQL ${String(id)} n'existe plus`);
      continue;
    }
    const used = new Set<string>();
    const sql = record.sql.replace(VARIABLE, (whole, expression: string) => {
      if (expression.startsWith("params.")) return String(params[expression.slice(7)] ?? whole);
      const input = execution.inputs.stored_data[Number(expression.slice(7)) - 1];
      if (!input) return whole;
      used.add(input);
      return `"${inputSchema(input)}"`;
    });
    derivations.push({ origin: `fichier statique « ${record.name} » (${record._id})`, sql, inputs: [...used] });
  }
  return { problems, derivations };
}
