// The values the "Flux de données" tutorials' variables take in simulated mode: the simulated GeoNature instance
// (_data/flux.json) and the simulated Theia producer. The page fills them in (src/runtime/flows/index.ts) and so does
// the headless replay against the local datastore (scripts/tutorial-run.ts).
import flux from "../../../_data/flux.json" with { type: "json" };

/** {instance geonature}, {export geonature}, {jeton geonature} of the simulated instance. */
export const SIMULATED_GEONATURE_VALUES: Readonly<Record<string, string>> = {
  "instance geonature": flux.geonature_host,
  "export geonature": flux.simulated.geonature_export,
  "jeton geonature": flux.simulated.geonature_token,
};

/** The simulated Theia producer's id and password (the page's form is filled with them). */
export const SIMULATED_THEIA_PRODUCER = { id: flux.simulated.theia_producer, password: flux.simulated.theia_password };
