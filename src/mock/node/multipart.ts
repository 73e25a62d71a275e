// Streaming BodyReader of the local server (busboy): a multipart/form-data body is parsed as it arrives, the file
// field goes straight to the blob store (FileBlobStore writes it to disk with its size limit and MD5), text fields
// are collected with a small size limit each. Nothing is held whole in memory. Bodies that are not multipart or
// are malformed give French `problems` (the route answers 400); a file over the limit throws BlobTooLargeError
// (413) and a disk failure StorageError (507/503), the partial file removed.
import { Readable, Transform } from "node:stream";
import type { TransformCallback } from "node:stream";
import busboy from "busboy";
import type { BlobStore, WrittenBlob } from "../core/blobs.ts";
import { BlobTooLargeError } from "../core/blobs.ts";
import type { BodyReader, ReceivedMultipart } from "../http/body.ts";
import { addField, notMultipart, unreadableMultipart } from "../http/body.ts";
import { FileBlobStore } from "./file-blobs.ts";

/** Options of streamingBodyReader. */
export interface StreamingBodyOptions {
  /** The Node stream of a request's body, when the transport has it (else request.body is read). */
  incomingOf?: (request: Request) => Readable | undefined;
  /** Largest text field, in bytes (default 64 KiB). */
  fieldSize?: number;
  /** Most text fields (default 100). */
  maxFields?: number;
  /** Largest whole body, in bytes (default: no limit beyond the file's). */
  maxBodyBytes?: number;
}

const KIB = 1024;

// busboy's messages, in French.
const FRENCH: Record<string, string> = {
  "Unexpected end of form": "le corps s'arrête avant la fin du formulaire",
  "Unexpected end of file": "le corps s'arrête au milieu d'un fichier",
  "Malformed part header": "en-tête de partie mal formé",
  "Multipart: Boundary not found": "délimiteur (boundary) absent du Content-Type",
  "Malformed content type": "Content-Type mal formé",
};
const french = (message: string): string => FRENCH[message] ?? message;

// Counts the bytes of a body and fails past the limit.
class Counter extends Transform {
  private seen = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) done(new BlobTooLargeError(this.limit));
    else done(null, chunk);
  }
}

/** A BodyReader that streams multipart bodies (see the top of the file). */
export function streamingBodyReader(options: StreamingBodyOptions = {}): BodyReader {
  const fieldSize = options.fieldSize ?? 64 * KIB;
  const maxFields = options.maxFields ?? 100;
  return {
    async multipart(request, blobs, { fileField, limit }): Promise<ReceivedMultipart> {
      const refused = notMultipart(request, fileField);
      if (refused) return refused;
      const type = request.headers.get("content-type") ?? "";
      let parser: busboy.Busboy;
      try {
        parser = busboy({ headers: { "content-type": type }, limits: { fieldSize, fields: maxFields, files: 20, parts: maxFields + 20 } });
      } catch (error) {
        return { fields: {}, problems: [unreadableMultipart(french(error instanceof Error ? error.message : String(error)))] };
      }
      const source = options.incomingOf?.(request) ?? (request.body && !request.bodyUsed ? Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>) : undefined);
      if (!source) return { fields: {}, problems: ["Corps de requête absent ou déjà lu."] };
      return parse(source, parser, blobs, { fileField, limit, fieldSize, maxBodyBytes: options.maxBodyBytes ?? Infinity });
    },
  };
}

// Pipes the body through busboy; settles once parsing ended and the file (if any) is stored.
function parse(
  source: Readable,
  parser: busboy.Busboy,
  blobs: BlobStore,
  options: { fileField: string; limit: number; fieldSize: number; maxBodyBytes: number },
): Promise<ReceivedMultipart> {
  const received: ReceivedMultipart = { fields: {}, problems: [] };
  const counter = new Counter(options.maxBodyBytes);
  let writing: Promise<void> | undefined;
  let fatal: unknown;
  // Set when the body itself failed (interrupted, malformed): the file write then fails as a consequence.
  let bodyFailed = false;
  let ended = false;

  return new Promise<ReceivedMultipart>((resolve, reject) => {
    let settled = false;
    const detach = (): void => {
      source.unpipe(counter);
      counter.unpipe(parser);
      source.off("aborted", onAborted).off("close", onClose).off("error", onSourceError).off("end", onEnd);
    };
    // Stops parsing at once (file too large, disk failure, interrupted body).
    const stop = (error: unknown): void => {
      detach();
      parser.destroy(error instanceof Error ? error : new Error(String(error)));
    };
    const finish = async (): Promise<void> => {
      if (settled) return;
      settled = true;
      detach();
      await writing;
      if (fatal !== undefined) return reject(fatal);
      if (received.problems.length > 0 && received.file) {
        await blobs.delete(received.file.blob.key).catch(() => undefined);
        delete received.file;
      }
      resolve(received);
    };

    parser.on("file", (name, stream, info) => {
      // Errors of a part are those of the body, reported by the parser (the blob store sees them as the end of its source).
      stream.on("error", () => undefined);
      if (name !== options.fileField || received.file || writing) {
        stream.resume();
        return;
      }
      const stored = blobs instanceof FileBlobStore ? blobs.write(stream, options.limit) : blobs.write(Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>, options.limit);
      writing = stored.then(
        (blob: WrittenBlob) => {
          received.file = { name: info.filename ?? "", blob };
        },
        (error: unknown) => {
          // A failure of the body itself (interrupted, malformed) is already a problem; the rest is fatal.
          if (!bodyFailed && fatal === undefined) {
            fatal = error;
            stop(error);
          }
        },
      );
    });
    parser.on("field", (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated) received.problems.push(`Champ « ${name} » trop long : ${Math.floor(options.fieldSize / KIB)} Kio au plus.`);
      else addField(received, name, value);
    });
    parser.on("fieldsLimit", () => received.problems.push("Trop de champs dans le corps multipart."));
    parser.on("filesLimit", () => received.problems.push("Trop de fichiers dans le corps multipart."));
    parser.on("partsLimit", () => received.problems.push("Trop de parties dans le corps multipart."));
    parser.on("error", (error: Error) => {
      bodyFailed = true;
      if (fatal === undefined) {
        if (error instanceof BlobTooLargeError) fatal = error;
        else received.problems.push(unreadableMultipart(french(error.message)));
      }
      void finish();
    });
    parser.on("close", () => void finish());

    const onEnd = (): void => {
      ended = true;
    };
    const onAborted = (): void => {
      bodyFailed = true;
      stop(new Error("corps de requête interrompu par le client"));
    };
    const onClose = (): void => {
      if (!ended) onAborted();
    };
    const onSourceError = (error: Error): void => {
      bodyFailed = true;
      stop(error);
    };
    counter.on("error", (error) => {
      fatal = error;
      stop(error);
    });
    source.on("end", onEnd).on("aborted", onAborted).on("close", onClose).on("error", onSourceError);
    source.pipe(counter).pipe(parser);
  });
}
