// Starts the simulated datastore (MSW service worker, src/mock/browser.ts) once per page, lazily loaded.
import type { Fault } from "../shared/faults.ts";
import { provideLocalStorage, storageKey } from "./state/storage.ts";

/** Key under which the simulated datastore's state is persisted (cleared by "Tout recommencer"). */
export const SIMULATOR_STORAGE_KEY = storageKey("simulated-datastore");

/** What the page tells the simulator: the fault to simulate now, and whom to warn when saving fails. */
export interface SimulatorHooks {
  fault: () => Fault;
  onPersistenceLost: () => void;
}

let hooks: SimulatorHooks = { fault: () => "none", onPersistenceLost: () => undefined };
let ready: Promise<void> | undefined;

/** Sets the hooks; call before the first request (main.ts does). */
export function configureSimulator(next: SimulatorHooks): void {
  hooks = next;
}

/** Resolves when requests to the API are answered by the simulated datastore. */
export function simulatorReady(): Promise<void> {
  // MSW reads localStorage (its cookie store): where the browser forbids it, it gets the site's memory fallback.
  provideLocalStorage();
  ready ??= import("../mock/browser.ts").then(async ({ startSimulatedDatastore }) => {
    await startSimulatedDatastore({ storageKey: SIMULATOR_STORAGE_KEY, fault: () => hooks.fault(), onPersistenceLost: () => hooks.onPersistenceLost() });
  });
  return ready;
}
