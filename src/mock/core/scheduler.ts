// Timed transitions without timers: a record's collection says when it next acts (its row's due time), and the
// lifecycle registered for that kind applies the change. Before each operation the store applies every due
// change in chronological order, each at its own time, reading only the rows that are due.
import type { Collection, RecordBase } from "./collection.ts";
import type { Context } from "./context.ts";

/** What a resource registers so that its records move on by themselves. */
export interface Lifecycle<T extends RecordBase = RecordBase> {
  collection: Collection<T>;
  /** Applies the record's next change; `ctx.now` is the change's own time. */
  apply(ctx: Context, record: T): void;
}

/** Declares a lifecycle. */
export function lifecycle<T extends RecordBase>(collection: Collection<T>, apply: (ctx: Context, record: T) => void): Lifecycle {
  return { collection, apply } as unknown as Lifecycle;
}

// Each change moves one record one step forward, so the loop ends; the bound is a safety net.
const MAX_STEPS = 100_000;

/** Applies every change due up to ctx.now; returns how many were applied. */
export function advance(ctx: Context, lifecycles: ReadonlyMap<string, Lifecycle>): number {
  const until = ctx.now;
  let applied = 0;
  for (let due = ctx.source.nextDue(until); due && applied < MAX_STEPS; due = ctx.source.nextDue(until)) {
    const lifecycle = lifecycles.get(due.kind);
    const record = lifecycle ? ctx.records.get(lifecycle.collection, due.id) : undefined;
    if (!lifecycle || !record) {
      // Nothing can move this row on: forget its due time rather than loop on it.
      const row = ctx.source.get(due.kind, due.id);
      if (row) ctx.source.put({ ...row, due: null });
      continue;
    }
    const before = lifecycle.collection.due?.(record);
    // A scheduled change is nobody's request: it is applied without the actor of the request that found it due.
    const { actor: _requester, ...scheduled } = ctx;
    lifecycle.apply({ ...scheduled, now: due.due }, record);
    ctx.records.flush();
    const row = ctx.source.get(due.kind, due.id);
    // A lifecycle that did not move its record on would be applied forever.
    if (row && row.due !== null && row.due === before && row.due <= until) ctx.source.put({ ...row, due: null });
    applied++;
  }
  return applied;
}
