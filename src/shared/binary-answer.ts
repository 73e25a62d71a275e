// Answers that are not text (images, vector tiles, TIFF, archives…): which types are bytes, the name to save them
// under and what the block says of them (no DOM: src/runtime/binary-answer.ts shows them).
import { STRINGS } from "./strings.ts";

/** A binary answer: its bytes, type and the file name to save it under. */
export interface BinaryAnswer {
  blob: Blob;
  type: string;
  name: string;
}

const TEXTUAL = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|geo\+json|problem\+json|gml\+xml))|[+/_.](json|xml)(\s*;|$)/i;
/** Image types a page can show as they are. */
export const SHOWN_IMAGE = /^image\/(png|jpeg|gif|webp|svg\+xml)$/i;
const EXTENSIONS: Record<string, string> = {
  "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp", "image/tiff": "tif",
  "application/x-protobuf": "pbf", "application/vnd.mapbox-vector-tile": "pbf", "application/zip": "zip", "application/pdf": "pdf",
};

/** Whether a Content-Type names bytes rather than text (no type: text). */
export function isBinaryType(contentType: string | null): boolean {
  const type = (contentType ?? "").split(";")[0]!.trim();
  return type !== "" && !TEXTUAL.test(type);
}

/** The name to save an answer under: Content-Disposition's, else the URL's last segment, else `reponse.<ext>`. */
export function answerName(disposition: string | null, url: string, type: string): string {
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition ?? "")?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      // A malformed name: fall back to the plain one.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition ?? "")?.[1];
  if (plain) return plain.trim();
  const extension = EXTENSIONS[type.split(";")[0]!.trim().toLowerCase()] ?? "bin";
  let last = "";
  try {
    last = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
  } catch {
    last = "";
  }
  return /\.[A-Za-z0-9]{1,5}$/.test(last) ? last : `reponse.${extension}`;
}

/** The status text of a binary answer: what it is and its size. */
export function binarySummary(answer: Pick<BinaryAnswer, "type"> & { size: number }): string {
  const type = answer.type.split(";")[0]!.trim().toLowerCase();
  const kind = type.startsWith("image/") ? `${STRINGS.binary.image} ${type.slice(6).toUpperCase()}` : EXTENSIONS[type] === "pbf" ? STRINGS.binary.tile : `${STRINGS.binary.file} ${type}`;
  return STRINGS.binary.summary(kind, STRINGS.map.size(answer.size));
}

