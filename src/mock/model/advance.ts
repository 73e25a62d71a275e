// Lazy progression: every planned change (check steps, execution steps, publications) whose time has come is
// applied in chronological order, with the context's clock set to the change's own time. No timers: the
// state only holds timestamps, so progression survives reloads.
import type { Context } from "./context.ts";
import { applyCheckEvent, nextCheckEvent } from "./checks.ts";
import { applyExecutionEvent, nextExecutionEvent } from "./execution-lifecycle.ts";
import { applyOfferingEvent, nextOfferingEvent } from "./offerings.ts";

interface Pending {
  at: number;
  apply: (ctx: Context) => void;
}

// The earliest change due at or before `until`, if any.
function nextDue(ctx: Context, until: number): Pending | undefined {
  let best: Pending | undefined;
  const consider = (at: number | undefined, apply: (ctx: Context) => void): void => {
    if (at !== undefined && at <= until && (!best || at < best.at)) best = { at, apply };
  };
  for (const execution of Object.values(ctx.state.checkExecutions)) consider(nextCheckEvent(execution), (c) => applyCheckEvent(c, execution));
  for (const execution of Object.values(ctx.state.executions)) consider(nextExecutionEvent(execution), (c) => applyExecutionEvent(c, execution));
  for (const offering of Object.values(ctx.state.offerings)) consider(nextOfferingEvent(offering), (c) => applyOfferingEvent(c, offering));
  return best;
}

/** Applies every change due up to ctx.now; returns how many were applied. */
export function advance(ctx: Context): number {
  const until = ctx.now;
  let applied = 0;
  // Each change moves one object one step forward, so the loop always ends; the bound is a safety net.
  for (let pending = nextDue(ctx, until); pending && applied < 100000; pending = nextDue(ctx, until)) {
    pending.apply({ ...ctx, now: pending.at });
    applied++;
  }
  return applied;
}
