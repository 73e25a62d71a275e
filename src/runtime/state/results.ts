// The last result of each block, persisted so that a reload shows where the reader stands. A stored result of
// another shape is ignored (and reported, see storage.ts): the block then shows nothing, as if never run.
import * as z from "zod/mini";
import { STRINGS } from "../../shared/strings.ts";
import { readJson, writeJson } from "./storage.ts";

/** What a block shows of its last run. */
export interface StoredResult {
  status: number | "error";
  ms: number;
  text: string;
  url: string;
  captured: Record<string, string>;
}

const Stored = z.object({
  status: z.union([z.number(), z.literal("error")]),
  ms: z.number(),
  text: z.string(),
  url: z.string(),
  captured: z.record(z.string(), z.string()),
});

// Responses are stored truncated: the page keeps the full text only until reload.
const MAX_STORED = 50_000;

/** The last result of a block, if any (and well-formed). */
export function loadResult(profile: string, blockId: string): StoredResult | undefined {
  return readJson(`result:${profile}:${blockId}`, Stored, STRINGS.ignored.result);
}

/** Stores the last result of a block. */
export function saveResult(profile: string, blockId: string, result: StoredResult): void {
  const text = result.text.length > MAX_STORED ? `${result.text.slice(0, MAX_STORED)}\n…` : result.text;
  writeJson(`result:${profile}:${blockId}`, { ...result, text });
}
