// Date formats of the API: ISO timestamps, last_event dates and log line timestamps.
import type { LogLine } from "../resources/common/records.ts";

/** `2023-07-03T18:21:07.051Z` (creation, update, launch, start, finish). */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}

/** `2023-07-03T14:01:15.108` (last_event.date has no zone in the API's examples). */
export function eventDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, -1);
}

/** `YYYY-MM-DD HH:MM:SS,mmm` in UTC. */
export function logTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)},${iso.slice(20, 23)}`;
}

/** One log line as the API returns it: `2026-07-24 00:12:00,876INFO||core||134||message`. */
export function formatLog(line: LogLine): string {
  return `${logTimestamp(line.at)}${line.level}||${line.module}||${line.line}||${line.message}`;
}

/** The visible log lines at `now`, formatted. */
export function visibleLogs(lines: readonly LogLine[], now: number): string[] {
  return lines.filter((line) => line.at <= now).map(formatLog);
}
