// Storage failures of the local server (disk full, read-only, locked, I/O error): what a commit or a file write
// that did not happen throws. The HTTP layer answers 507 (full) or 503 (otherwise) with the API's error body; the
// message says, in French, that nothing was changed. It is an ApiError, so every transport answers it as such.
import { ApiError } from "../core/errors.ts";

/** Why the storage refused a write. */
export type StorageFailure = "full" | "readonly" | "busy" | "io";

const REASON_TEXT: Record<StorageFailure, string> = {
  full: "le disque qui contient l'état de l'entrepôt simulé est plein",
  readonly: "le dossier de l'état de l'entrepôt simulé est en lecture seule",
  busy: "la base de l'entrepôt simulé est verrouillée par un autre processus",
  io: "erreur d'entrée-sortie sur le disque de l'entrepôt simulé",
};

/** A write that could not be committed; `status` is 507 for a full disk, 503 otherwise. */
export class StorageError extends ApiError {
  /** `code` is the SQLite or system error code (SQLITE_FULL, ENOSPC…), kept for logs; `cause` the original error. */
  constructor(
    readonly failure: StorageFailure,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(failure === "full" ? 507 : 503, [
      `Enregistrement impossible : ${REASON_TEXT[failure]} (${code}). Rien n'a été modifié${failure === "full" ? " ; libérez de la place puis réessayez" : " ; réessayez plus tard"}.`,
    ]);
    this.name = "StorageError";
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

// Error code of a SQLite or system error, if any.
const codeOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "code" in error && typeof (error as { code: unknown }).code === "string" ? (error as { code: string }).code : undefined;

/** The storage failure a SQLite or filesystem error stands for, or undefined for any other error. */
export function storageFailureOf(error: unknown): StorageFailure | undefined {
  const code = codeOf(error);
  if (code === undefined) return undefined;
  if (code === "SQLITE_FULL" || code === "ENOSPC" || code === "EDQUOT" || code === "EFBIG") return "full";
  if (code.startsWith("SQLITE_READONLY") || code === "EROFS" || code === "EACCES" || code === "EPERM" || code === "SQLITE_PERM") return "readonly";
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED") || code === "EBUSY") return "busy";
  if (code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_CANTOPEN") || code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB" || code === "SQLITE_PROTOCOL" || code === "SQLITE_NOLFS" || code === "EIO") return "io";
  return undefined;
}

/** `error` as a StorageError when it is a storage failure; otherwise `error` itself. */
export function asStorageError(error: unknown): unknown {
  if (error instanceof StorageError) return error;
  const failure = storageFailureOf(error);
  return failure ? new StorageError(failure, codeOf(error)!, { cause: error }) : error;
}
