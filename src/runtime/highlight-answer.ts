// Highlights a block's real answer (JSON, XML) like the build's Shiki examples, without Shiki in the browser: the
// tokens of src/shared/answer-tokens.ts written as text nodes and hl-* spans (code.css), with textContent only.
import { answerTokens } from "../shared/answer-tokens.ts";

/** Writes the answer into a <code> element as text nodes and hl-* spans (never innerHTML). */
export function highlightAnswer(code: HTMLElement, text: string, lang: "json" | "xml" | "text"): void {
  const fragment = document.createDocumentFragment();
  for (const token of answerTokens(text, lang)) {
    if (!token.cls) {
      fragment.append(token.text);
      continue;
    }
    const span = document.createElement("span");
    span.className = token.cls;
    span.textContent = token.text;
    fragment.append(span);
  }
  code.replaceChildren(fragment);
}
