// Starts the simulated datastore (MSW service worker, src/mock/browser.ts) once per page, lazily loaded.
import type { Fault } from "../mock/browser.ts";
import { PREFIX } from "./state/storage.ts";

/** Key under which the simulated datastore's state is persisted (cleared by "Tout recommencer"). */
export const SIMULATOR_STORAGE_KEY = `${PREFIX}simulated-datastore`;

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

/**
 * MSW reads localStorage (its cookie store) and fails where the browser forbids site storage: give it an
 * in-memory one. The site itself already noticed (src/runtime/state/storage.ts) and says progress won't persist.
 */
function shimForbiddenStorage(): void {
  try {
    void globalThis.localStorage;
  } catch {
    const memory = new Map<string, string>();
    const storage: Storage = {
      get length() {
        return memory.size;
      },
      clear: () => memory.clear(),
      getItem: (key) => memory.get(key) ?? null,
      key: (index) => [...memory.keys()][index] ?? null,
      removeItem: (key) => void memory.delete(key),
      setItem: (key, value) => void memory.set(key, String(value)),
    };
    Object.defineProperty(globalThis, "localStorage", { value: storage, configurable: true });
  }
}

/** Resolves when requests to the API are answered by the simulated datastore. */
export function simulatorReady(): Promise<void> {
  shimForbiddenStorage();
  ready ??= import("../mock/browser.ts").then(async ({ startSimulatedDatastore }) => {
    await startSimulatedDatastore({ storageKey: SIMULATOR_STORAGE_KEY, fault: () => hooks.fault(), onPersistenceLost: () => hooks.onPersistenceLost() });
  });
  return ready;
}
