// Shows a binary answer under a block: the image when the browser can draw it, and a link that saves the bytes.
import { STRINGS } from "../shared/strings.ts";
import { SHOWN_IMAGE, type BinaryAnswer } from "../shared/binary-answer.ts";

/** Attribute of the preview under a block's answer (test contract). */
export const BINARY_ATTR = "data-binary-answer";

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
  if (SHOWN_IMAGE.test(answer.type.split(";")[0]!.trim())) {
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
