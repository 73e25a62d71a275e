// Starts the simulated datastore (MSW service worker, src/mock/browser.ts) once per page, lazily loaded.
import { PREFIX } from "./state/storage.ts";

/** Key under which the simulated datastore's state is persisted (cleared by "Tout recommencer"). */
export const SIMULATOR_STORAGE_KEY = `${PREFIX}simulated-datastore`;

let ready: Promise<void> | undefined;

/** Resolves when requests to the API are answered by the simulated datastore. */
export function simulatorReady(): Promise<void> {
  ready ??= import("../mock/browser.ts").then(async ({ startSimulatedDatastore }) => {
    await startSimulatedDatastore({ storageKey: SIMULATOR_STORAGE_KEY });
  });
  return ready;
}
