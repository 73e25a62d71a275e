// `npm run tutorial -- <tutorial> [--base URL] [--token T] [--token-anne T] [--datastore D] [--var NAME=VALUE]…
// [--report junit|json] [--out FILE] [--site DIR]`: replays a tutorial headless from its block specs
// (src/shared/export/replay.ts), one line per step. Without --base, a local simulated datastore is started in this
// process with shortened delays (scripts/tutorial-run.ts). Against a real base, the variables no block provides
// (the GeoNature instance, the Theia producer…) are asked for before anything is sent. Exit code 1 on the first
// unexpected answer (the cleanup page still runs), 2 on a bad command line.
import fs from "node:fs";
import { loadParcours } from "../src/build/parcours-build.ts";
import { theiaValues } from "../src/shared/flows/theia.ts";
import { junitReport, missingInputs, missingInputsMessage, replayTutorial, stepLine, type TutorialRunOptions } from "./tutorial-run.ts";

const USAGE = "Usage : npm run tutorial -- <tutoriel> [--base URL] [--token JETON] [--token-anne JETON] [--datastore ID] [--var \"nom=valeur\"]… [--report junit|json] [--out FICHIER] [--site DOSSIER]";

// The command line as options; exits with a French message on an unknown or incomplete argument.
function parseArgs(args: readonly string[]): TutorialRunOptions & { tutorial: string; report?: "junit" | "json"; out?: string; site?: string } {
  const options: Record<string, string> = {};
  const values: Record<string, string> = {};
  const positional: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [flag, inline] = arg.includes("=") ? [arg.slice(2, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg.slice(2), undefined];
    const value = inline ?? args[++index];
    if (!["base", "token", "token-anne", "datastore", "var", "report", "out", "site"].includes(flag) || value === undefined) {
      console.error(`Argument inconnu ou incomplet : ${arg}\n${USAGE}`);
      process.exit(2);
    }
    if (flag === "var") {
      const equals = value.indexOf("=");
      if (equals < 1) {
        console.error(`--var : « nom=valeur » attendu (par exemple --var "instance geonature=geonature.mon-parc.fr"), pas « ${value} ».`);
        process.exit(2);
      }
      values[value.slice(0, equals).trim().replace(/^\{|\}$/g, "")] = value.slice(equals + 1);
    } else options[flag] = value;
  }
  if (positional.length !== 1) {
    console.error(USAGE);
    process.exit(2);
  }
  const report = options["report"];
  if (report !== undefined && report !== "junit" && report !== "json") {
    console.error(`--report : « junit » ou « json » attendu, pas « ${report} ».`);
    process.exit(2);
  }
  return {
    tutorial: positional[0]!,
    base: options["base"],
    token: options["token"] ?? process.env["TOKEN"],
    tokenAnne: options["token-anne"] ?? process.env["TOKEN_ANNE"],
    datastore: options["datastore"],
    values,
    report,
    out: options["out"],
    site: options["site"],
  };
}

const options = parseArgs(process.argv.slice(2));
const all = await loadParcours(options.site);
const parcours = all.find((entry) => entry.tutorial === options.tutorial);
if (!parcours) {
  console.error(`Tutoriel inconnu : « ${options.tutorial} ». Tutoriels : ${all.map((entry) => entry.tutorial).join(", ")}.`);
  process.exit(2);
}
if (options.base && !options.token) {
  console.error("Avec --base, donnez le jeton : --token JETON ou la variable d'environnement TOKEN.");
  process.exit(2);
}
// The Theia producer's credentials, as the page builds them from its producer and password fields.
const theiaPassword = process.env["THEIA_MOT_DE_PASSE"];
if (options.values?.["producteur theia"] && !options.values["identifiants theia"] && theiaPassword) {
  options.values["identifiants theia"] = theiaValues(options.values["producteur theia"], theiaPassword)["identifiants theia"]!;
}
const missing = options.base ? missingInputs(parcours, options) : [];
if (missing.length > 0) {
  console.error(missingInputsMessage(parcours.tutorial, missing));
  process.exit(2);
}
console.log(`${parcours.title} — ${options.base ?? "entrepôt local (délais raccourcis)"}`);
const report = await replayTutorial(parcours, { ...options, onStep: (step) => console.log(stepLine(step)) });
const failed = report.steps.filter((step) => step.outcome === "failed").length;
const skipped = report.steps.filter((step) => step.outcome === "skipped").length;
console.log(`${report.ok ? "Réussi" : "Échec"} : ${report.steps.length} étapes, ${failed} en échec, ${skipped} non rejouées, ${(report.ms / 1000).toFixed(1)} s.`);
if (options.report) {
  const text = options.report === "json" ? JSON.stringify(report, null, 2) : junitReport(parcours.title, report);
  if (options.out) fs.writeFileSync(options.out, text);
  else console.log(text);
}
process.exit(report.ok ? 0 : 1);
