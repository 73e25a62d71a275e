// `npm run flux -- geonature …` / `npm run flux -- theia …`: the data flows of the "Flux de données" tutorials as a
// command a producer schedules (cron, CI). Options as --name value; tokens and passwords may come from the environment.
import { writeFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import flux from "../_data/flux.json" with { type: "json" };
import { geonatureFlow, theiaFlow } from "./flux-steps.ts";

const USAGE = `Usage :
  npm run flux -- geonature --instance https://mon-geonature.fr/geonature/api --export 1 [--jeton JETON]
                 [--sortie dossier] [--api https://data.geopf.fr/api --entrepot ID]   (jeton de l'entrepôt : ENTREPOT_JETON)
  npm run flux -- theia --producteur MSEC [--archive MSEC_THEIA.zip] [--depot ${flux.theia}]   (mot de passe : THEIA_MOT_DE_PASSE)

geonature : lit l'export page par page, écrit observations.geojson et observations.md5 (--sortie), puis, avec --api et
            --entrepot, les livre à l'API Entrepôt, attend les vérifications et les intègre en base (VECTOR-DB).
theia     : dépose l'archive (ou, sans --archive, une archive d'exemple construite pour le producteur) par PUT
            authentifié dans {producteur}/new/, puis affiche la liste de {producteur}/previous/.`;

/** Runs the command with its arguments; returns the exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = console.log): Promise<number> {
  const [flow, ...rest] = argv;
  try {
    const { values } = parseArgs({ args: rest, options: {
      instance: { type: "string" }, export: { type: "string" }, jeton: { type: "string" }, sortie: { type: "string" }, api: { type: "string" }, entrepot: { type: "string" },
      producteur: { type: "string" }, archive: { type: "string" }, depot: { type: "string" }, "pause-ms": { type: "string" },
    } });
    const pollMs = values["pause-ms"] ? Number(values["pause-ms"]) : undefined;
    if (flow === "geonature") {
      if (!values.instance || !values.export) throw new Error("--instance et --export sont obligatoires.");
      const token = values.jeton ?? env["GEONATURE_JETON"];
      const target = values.api && values.entrepot ? { api: values.api, datastore: values.entrepot, token: env["ENTREPOT_JETON"] ?? "" } : undefined;
      if (target && !target.token) throw new Error("Donnez le jeton de l'API Entrepôt dans la variable d'environnement ENTREPOT_JETON.");
      const result = await geonatureFlow({ api: values.instance, id: values.export, ...(token ? { token } : {}) }, target, { log, ...(pollMs ? { pollMs } : {}) });
      if (values.sortie) {
        writeFileSync(path.join(values.sortie, "observations.geojson"), result.geojson);
        writeFileSync(path.join(values.sortie, "observations.md5"), result.md5);
        log(`observations.geojson et observations.md5 écrits dans ${values.sortie}.`);
      }
      log(`Terminé : ${result.observations} observations${result.storedData ? `, donnée stockée ${result.storedData}` : ""}.`);
      return 0;
    }
    if (flow === "theia") {
      const password = env["THEIA_MOT_DE_PASSE"];
      if (!values.producteur || !password) throw new Error("--producteur et la variable d'environnement THEIA_MOT_DE_PASSE sont obligatoires.");
      const archive = values.archive ? { name: path.basename(values.archive), bytes: new Uint8Array(readFileSync(values.archive)) } : undefined;
      const result = await theiaFlow({ root: values.depot ?? flux.theia, producer: values.producteur, password }, archive, { log });
      const line = result.listing.match(new RegExp(`>${result.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}</a></td><td>([^<]*)</td><td>(\\d+)<`));
      log(line ? `previous/ : ${result.name}, ${line[2]} octets, reçu le ${line[1]} (UTC).` : `previous/ :\n${result.listing}`);
      return 0;
    }
    log(USAGE);
    return flow === undefined || flow === "--help" ? 0 : 2;
  } catch (error) {
    log(`Erreur : ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
