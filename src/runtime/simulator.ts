// Starts the simulated datastore (MSW service worker, src/mock/browser/datastore.ts) once per page, lazily loaded.
import type { Fault } from "../shared/faults.ts";
import { STRINGS } from "../shared/strings.ts";
import { provideLocalStorage, reportIgnored, storageKey } from "./state/storage.ts";

/** Key under which the simulated datastore's state is persisted (cleared by "Tout recommencer"). */
export const SIMULATOR_STORAGE_KEY = storageKey("simulated-datastore");

/** What the page tells the simulator: the fault to simulate now, the pace's factor, and whom to warn when saving fails. */
export interface SimulatorHooks {
  fault: () => Fault;
  delayFactor: () => number;
  onPersistenceLost: () => void;
}

let hooks: SimulatorHooks = { fault: () => "none", delayFactor: () => 1, onPersistenceLost: () => undefined };
let ready: Promise<void> | undefined;
let started: Promise<{ reset(): Promise<void> }> | undefined;

/** Sets the hooks; call before the first request (main.ts does). */
export function configureSimulator(next: SimulatorHooks): void {
  hooks = next;
}

/** Resolves when requests to the API are answered by the simulated datastore. */
export function simulatorReady(): Promise<void> {
  // MSW reads localStorage (its cookie store): where the browser forbids it, it gets the site's memory fallback.
  provideLocalStorage();
  started ??= import("../mock/browser/datastore.ts").then(({ startSimulatedDatastore }) =>
    startSimulatedDatastore({
      storageKey: SIMULATOR_STORAGE_KEY,
      fault: () => hooks.fault(),
      delayFactor: () => hooks.delayFactor(),
      onPersistenceLost: () => hooks.onPersistenceLost(),
      // Corrupt IndexedDB records (each described in the console) are named with the site's other ignored entries.
      onIgnored: () => reportIgnored(STRINGS.ignored.simulatedRecords),
    }),
  );
  ready ??= started.then(() => undefined);
  return ready;
}

/** Clears the simulated datastore (records, files) in every tab, started here or not; never rejects. */
export async function resetSimulator(): Promise<void> {
  const handle = await started?.catch(() => undefined);
  if (handle) return handle.reset().catch((error: unknown) => console.warn("Entrepôt simulé : réinitialisation incomplète.", error));
  try {
    const { clearSavedDatastore } = await import("../mock/browser/reset.ts");
    await clearSavedDatastore();
  } catch (error) {
    console.warn("Entrepôt simulé : réinitialisation incomplète.", error);
  }
}
