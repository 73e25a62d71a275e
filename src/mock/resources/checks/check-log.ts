// Shared pieces of the check runners: log entries, results, and the opening/closing lines every check writes.
import type { LogLevel } from "../common/records.ts";
import type { UploadFile, UploadRecord } from "../uploads/records.ts";

/** A log line before it is given a time. */
export interface LogEntry {
  level: LogLevel;
  module: string;
  line: number;
  message: string;
}

/** Result of a check. */
export interface CheckResult {
  outcome: "SUCCESS" | "FAILURE";
  logs: LogEntry[];
}

/** A check implementation. */
export type CheckRunner = (upload: UploadRecord) => CheckResult;

/** An INFO entry. */
export const info = (module: string, line: number, message: string): LogEntry => ({ level: "INFO", module, line, message });
/** A WARNING entry. */
export const warning = (module: string, line: number, message: string): LogEntry => ({ level: "WARNING", module, line, message });
/** An ERROR entry (any ERROR makes the check fail). */
export const error = (module: string, line: number, message: string): LogEntry => ({ level: "ERROR", module, line, message });

/** The data files of an upload (not its .md5 files). */
export const dataFiles = (upload: UploadRecord): UploadFile[] => upload.files.filter((file) => file.kind === "data");

/** Wraps a check's lines between the opening lines and the result line, in the style of the platform's checkers. */
export function framed(checker: string, upload: UploadRecord, body: LogEntry[]): CheckResult {
  const failed = body.some((entry) => entry.level === "ERROR");
  const outcome = failed ? "FAILURE" : "SUCCESS";
  return {
    outcome,
    logs: [
      info(`gpf-${checker.replace(/Checker$/, "").toLowerCase()}-checker`, 7, "Récupération des fichiers de la livraison"),
      info("cli", 255, `Vérification ${checker} pour la livraison ${upload._id}`),
      info("core", 134, `${dataFiles(upload).length} fichiers à analyser dans la livraison`),
      ...body,
      (failed ? error : info)("cli", 255, `Résultat de la vérification : ${outcome}`),
    ],
  };
}
