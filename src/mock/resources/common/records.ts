// Shapes shared by the records of several resources: events and log lines.
import * as z from "zod/mini";

/** Log levels of check and execution logs. */
export type LogLevel = "INFO" | "WARNING" | "ERROR";

/** One log line, rendered as `YYYY-MM-DD HH:MM:SS,mmm<LEVEL>||<module>||<n>||<message>`; visible once `at` is reached. */
export interface LogLine {
  at: number;
  level: LogLevel;
  module: string;
  line: number;
  message: string;
}

/** The last event of an object (`last_event` in responses). */
export interface LastEvent {
  title: string;
  date: number;
  /** Id of the user who made it (absent in records saved before initiators were kept: the default user). */
  initiator?: string;
}

/** Fields every record has. */
export interface BaseRecord {
  _id: string;
  datastore: string;
  creation: number;
  update: number;
  lastEvent: LastEvent;
}

/** Fields every stored record must have to be used: ids, dates, last event. */
export const BASE_GUARD = {
  _id: z.string(),
  datastore: z.string(),
  creation: z.number(),
  update: z.number(),
  lastEvent: z.looseObject({ title: z.string(), date: z.number(), initiator: z.optional(z.string()) }),
};

/** A list of log lines as stored. */
export const LOGS_GUARD = z.array(z.looseObject({ at: z.number(), level: z.string(), module: z.string(), line: z.number(), message: z.string() }));

/** A JSON object field. */
export const OBJECT_GUARD = z.record(z.string(), z.unknown());

/** What records saved by earlier versions may lack: the update date and last event follow the creation. */
export function baseDefaults(record: Record<string, unknown>): Record<string, unknown> {
  const creation = record["creation"];
  const dates = typeof creation === "number" ? { update: creation, lastEvent: { title: "Création", date: creation } } : {};
  return { ...dates, tags: {}, type_infos: {} };
}
