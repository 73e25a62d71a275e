// API errors: the model throws ApiError for every 4xx; transports turn it into the real API's error body
// `{"error": "<reason>", "error_description": ["…", …]}`.

/** HTTP reason phrases used as the `error` field. */
export const REASONS: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  500: "Internal Server Error",
  503: "Service Unavailable",
  507: "Insufficient Storage",
};

/** The API Entrepôt error body. */
export interface ErrorBody {
  error: string;
  error_description: string[];
}

/** An expected failure with its HTTP status and every message to report. */
export class ApiError extends Error {
  /** Build an error; `descriptions` become `error_description`. */
  constructor(
    readonly status: number,
    readonly descriptions: string[],
  ) {
    super(descriptions.join(" | "));
    this.name = "ApiError";
  }

  /** The JSON body to send. */
  body(): ErrorBody {
    return { error: REASONS[this.status] ?? "Error", error_description: this.descriptions };
  }
}

/** 400 with one or more messages. */
export const badRequest = (...messages: string[]): ApiError => new ApiError(400, messages);
/** 403 with one message. */
export const forbidden = (message: string): ApiError => new ApiError(403, [message]);
/** 404 with one message. */
export const notFound = (message: string): ApiError => new ApiError(404, [message]);
/** 409 with one or more messages. */
export const conflict = (...messages: string[]): ApiError => new ApiError(409, messages);

// Beyond this many problems, the rest are only counted.
const MAX_LISTED = 50;

/** Collects validation problems so that a 400 lists all of them at once. */
export class Problems {
  private readonly list: string[] = [];

  /** Record one problem. */
  add(message: string): void {
    this.list.push(message);
  }

  /** Whether nothing has been recorded. */
  get empty(): boolean {
    return this.list.length === 0;
  }

  /** Throw a 400 (or the given status) listing every problem, if any (the first 50, then a count). */
  throwIfAny(status = 400): void {
    if (this.list.length === 0) return;
    const shown = this.list.slice(0, MAX_LISTED);
    if (this.list.length > MAX_LISTED) shown.push(`… et ${this.list.length - MAX_LISTED} autres problèmes.`);
    throw new ApiError(status, shown);
  }
}
