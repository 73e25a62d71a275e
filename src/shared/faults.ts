// Failures the reader can simulate from the settings; the simulated datastore (src/mock/browser.ts) implements them.

/** Slow answers, a server error, no answer at all, or none. */
export type Fault = "none" | "latency" | "server-error" | "network-error";

/** Every fault, in the order the settings offer them. */
export const FAULTS = ["none", "latency", "server-error", "network-error"] as const satisfies readonly Fault[];

/** Delay added to each answer by the "latency" fault. */
export const FAULT_LATENCY_MS = 2500;
