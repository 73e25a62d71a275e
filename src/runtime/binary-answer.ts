// Answers that are not text (images, vector tiles, TIFF, archives…): the block says what came back instead of
// printing bytes, shows images, and offers the bytes to save under the name the server gives.
import { STRINGS } from "../shared/strings.ts";

/** A binary answer: its bytes, type and the file name to save it under. */
export interface BinaryAnswer {
  blob: Blob;
  type: string;
  name: string;
}

/** Attribute of the preview under a block's answer (test contract). */
export const BINARY_ATTR = "data-binary-answer";

const TEXTUAL = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|geo\+json|problem\+json|gml\+xml))|[+/_.](json|xml)(\s*;|$)/i;
const SHOWN = /^image\/(png|jpeg|gif|webp|svg\+xml)$/i;
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

/** Shows (or removes, when `answer` is undefined) the preview and the save link under a block's answer. */
export function showBinaryAnswer(root: HTMLElement, answer: BinaryAnswer | undefined): void {
  const previous = root.querySelector<HTMLElement>(`[${BINARY_ATTR}]`);
  const oldUrl = previous?.dataset["objectUrl"];
  if (oldUrl) URL.revokeObjectURL(oldUrl);
  previous?.remove();
  const response = root.querySelector(".api-block__response");
  if (!answer || !response) return;
  const url = URL.createObjectURL(answer.blob);
  const container = document.createElement("div");
  container.className = "binary-answer";
  container.setAttribute(BINARY_ATTR, answer.type);
  container.dataset["objectUrl"] = url;
  if (SHOWN.test(answer.type.split(";")[0]!.trim())) {
    const image = document.createElement("img");
    image.className = "binary-answer__image";
    image.src = url;
    image.alt = STRINGS.binary.preview(answer.name);
    container.append(image);
  }
  const link = document.createElement("a");
  link.className = "binary-answer__save";
  link.href = url;
  link.download = answer.name;
  link.textContent = STRINGS.binary.download(answer.name);
  container.append(link);
  response.after(container);
}
