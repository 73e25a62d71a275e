// How the simulated datastore behaves, as the reader sets it in Réglages: the failures it simulates and the pace of
// its checks, executions and publications. The simulated datastore (src/mock/browser/datastore.ts) implements them.

/** Slow answers, a server error, no answer at all, or none. */
export type Fault = "none" | "latency" | "server-error" | "network-error";

/** Every fault, in the order the settings offer them. */
export const FAULTS = ["none", "latency", "server-error", "network-error"] as const satisfies readonly Fault[];

/** Delay added to each answer by the "latency" fault. */
export const FAULT_LATENCY_MS = 2500;

/** Realistic durations (checks and executions take seconds) or short ones (ten times faster, to replay quickly). */
export type Pace = "realistic" | "short";

/** Every pace, in the order the settings offer them. */
export const PACES = ["realistic", "short"] as const satisfies readonly Pace[];

/** What each pace multiplies the simulated durations by. */
export const PACE_FACTOR: Record<Pace, number> = { realistic: 1, short: 0.1 };

/** The blocks' polling interval in simulated mode, per pace (ms). */
export const SIMULATED_POLL_MS: Record<Pace, number> = { realistic: 1000, short: 100 };
