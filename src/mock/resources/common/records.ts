// Shapes shared by the records of several resources: events and log lines.

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
}

/** Fields every record has. */
export interface BaseRecord {
  _id: string;
  datastore: string;
  creation: number;
  update: number;
  lastEvent: LastEvent;
}
