// The mechanics shared by every operation of the simulated datastore: the JSON state, the clock and id
// generator, lazy progression before each operation, transactions (any exception restores the previous
// state) and change notifications (so that a transport can save the state after each change).
import type { Context, Delays } from "./context.ts";
import { DEFAULT_DELAYS } from "./context.ts";
import { advance } from "./advance.ts";
import { cloneJson } from "./json.ts";
import type { DatastoreState } from "./types.ts";
import { emptyState } from "./types.ts";

/** Options of a SimulatedDatastore. */
export interface SimulatedDatastoreOptions {
  /** Clock in ms since epoch (default Date.now); inject a fake one in tests. */
  now?: () => number;
  /** Id generator (default crypto.randomUUID, UUID v4). */
  newId?: () => string;
  /** Durations of checks, executions and publications. */
  delays?: Partial<Delays>;
}

/** Called after every operation that changed the state (e.g. to save it). */
export type StateListener = (state: DatastoreState) => void;

/** State, clock, transactions and notifications; SimulatedDatastore adds the API's operations. */
export class StoreCore {
  protected state: DatastoreState;
  private readonly clock: () => number;
  private readonly newId: () => string;
  private readonly delays: Delays;
  private readonly listeners = new Set<StateListener>();

  /** A datastore with an empty (seed-only) state, or the given state. */
  constructor(options: SimulatedDatastoreOptions = {}, state: DatastoreState = emptyState()) {
    this.clock = options.now ?? (() => Date.now());
    this.newId = options.newId ?? (() => globalThis.crypto.randomUUID());
    this.delays = { ...DEFAULT_DELAYS, ...options.delays };
    this.state = cloneJson(state);
  }

  /** A deep copy of the state (plain JSON). */
  toJSON(): DatastoreState {
    return cloneJson(this.state);
  }

  /** Forgets every upload, stored data, configuration… (back to the seed). */
  reset(): void {
    this.state = emptyState();
    this.notify();
  }

  /** Registers a listener called after each change; returns its unsubscribe function. */
  subscribe(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies the changes due at `now` (default: the clock); returns how many were applied. */
  advance(now?: number): number {
    return this.run((ctx) => advance(now === undefined ? ctx : { ...ctx, now }));
  }

  /** Runs one operation in a transaction, after applying the changes that are due. */
  run<T>(operation: (ctx: Context) => T): T {
    const before = JSON.stringify(this.state);
    const ctx: Context = { state: this.state, now: this.clock(), newId: this.newId, delays: this.delays };
    try {
      advance(ctx);
      const result = operation(ctx);
      if (JSON.stringify(this.state) !== before) this.notify();
      return result;
    } catch (error) {
      this.state = JSON.parse(before) as DatastoreState;
      throw error;
    }
  }

  private notify(): void {
    for (const listener of this.listeners) listener(this.toJSON());
  }
}
