// Browser adapter: the simulated datastore served by an MSW service worker, its state kept in localStorage
// (in memory when storage is unavailable) and saved after every change, so that a reload resumes where the
// reader was — executions and checks keep progressing since their state is made of timestamps.
import { setupWorker } from "msw/browser";
import { createHandlers } from "./handlers.ts";
import type { SimulatedDatastoreOptions } from "./model/datastore.ts";
import { SimulatedDatastore } from "./model/datastore.ts";

/** Options of startSimulatedDatastore. */
export interface BrowserDatastoreOptions extends SimulatedDatastoreOptions {
  /** localStorage key of the saved state. */
  storageKey?: string;
  /** API base URL (default https://data.geopf.fr/api). */
  baseUrl?: string;
  /** URL of the service worker script (default /mockServiceWorker.js). */
  serviceWorkerUrl?: string;
}

/** A running simulation. */
export interface SimulatedDatastoreHandle {
  store: SimulatedDatastore;
  /** Whether the state is saved in localStorage (false: memory only, lost on reload). */
  persistent: boolean;
  /** Forgets everything created so far (uploads, stored data…) and clears the saved state. */
  reset(): void;
  /** Stops intercepting requests. */
  stop(): void;
}

/** Default localStorage key. */
export const DEFAULT_STORAGE_KEY = "entrepot-simulation";

// localStorage if usable (it may be missing, blocked or throw in private modes).
function usableStorage(): Storage | undefined {
  try {
    const storage = globalThis.localStorage;
    const probe = "__entrepot-simulation-probe__";
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return storage;
  } catch {
    return undefined;
  }
}

// The saved datastore, or a fresh one when nothing (readable) is saved.
function loadStore(storage: Storage | undefined, key: string, options: SimulatedDatastoreOptions): SimulatedDatastore {
  const saved = storage?.getItem(key);
  if (saved) {
    try {
      return SimulatedDatastore.fromJSON(saved, options);
    } catch (error) {
      console.warn("Simulation de l'API Entrepôt : état sauvegardé illisible, nouvel état.", error);
    }
  }
  return new SimulatedDatastore(options);
}

/** Starts the service worker and the simulated datastore. */
export async function startSimulatedDatastore(options: BrowserDatastoreOptions = {}): Promise<SimulatedDatastoreHandle> {
  const key = options.storageKey ?? DEFAULT_STORAGE_KEY;
  const storage = usableStorage();
  const store = loadStore(storage, key, options);
  store.subscribe((state) => {
    try {
      storage?.setItem(key, JSON.stringify(state));
    } catch (error) {
      console.warn("Simulation de l'API Entrepôt : impossible de sauvegarder l'état.", error);
    }
  });
  const handlerOptions = { onError: (error: unknown) => console.error("Simulation de l'API Entrepôt : erreur interne", error) };
  const worker = setupWorker(...createHandlers(store, options.baseUrl ? { ...handlerOptions, baseUrl: options.baseUrl } : handlerOptions));
  await worker.start({ serviceWorker: { url: options.serviceWorkerUrl ?? "/mockServiceWorker.js" }, onUnhandledRequest: "bypass", quiet: true });
  return {
    store,
    persistent: storage !== undefined,
    reset() {
      store.reset();
      try {
        storage?.removeItem(key);
      } catch {
        // Nothing saved, nothing to clear.
      }
    },
    stop() {
      worker.stop();
    },
  };
}
