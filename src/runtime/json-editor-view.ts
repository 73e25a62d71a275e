// CodeMirror 6 behind mountJsonEditor (json-editor.ts), in a chunk of its own. Colours come from the site's CSS
// variables (code.css: --hl-*, base.css), so the editor follows prefers-color-scheme and <html data-theme>.
// Under the CSP: CodeMirror adds its styles as constructed stylesheets or <style> elements, allowed by style-src
// 'unsafe-inline' (src/build/csp.ts); with a nonce instead, EditorView.cspNonce would carry it.
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { linter, lintGutter, type Diagnostic } from "@codemirror/lint";
import { json } from "@codemirror/lang-json";
import { tags } from "@lezer/highlight";
import { jsonError, jsonErrorText } from "../shared/json-error.ts";
import { PARTS_STRINGS } from "../shared/strings.ts";
import type { JsonEditor, JsonEditorOptions } from "./json-editor.ts";

// Token colours of the build's highlighted examples (github-light / github-dark, see code.css).
const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: "var(--hl-key)" },
  { tag: tags.string, color: "var(--hl-string)" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--hl-literal)" },
  { tag: [tags.punctuation, tags.separator, tags.brace, tags.squareBracket], color: "var(--hl-plain)" },
]);

const theme = EditorView.theme({
  "&": { color: "var(--hl-plain)", backgroundColor: "var(--hl-bg)", border: "1px solid var(--color-control-border)", borderRadius: "var(--radius)", fontSize: "0.875rem" },
  "&.cm-focused": { outline: "3px solid var(--color-focus)", outlineOffset: "1px" },
  ".cm-scroller": { fontFamily: "var(--font-mono)", lineHeight: "1.55", maxHeight: "32rem" },
  ".cm-content": { caretColor: "var(--color-text)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--color-text)" },
  ".cm-gutters": { backgroundColor: "var(--color-bg-soft)", color: "var(--color-text-muted)", borderRight: "1px solid var(--color-border)" },
  ".cm-activeLine": { backgroundColor: "color-mix(in srgb, var(--color-current-bg) 60%, transparent)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--color-current-bg)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "var(--hl-selection)" },
  "&.cm-focused .cm-matchingBracket": { backgroundColor: "var(--hl-bracket)", outline: "1px solid var(--color-control-border)" },
  ".cm-tooltip": { backgroundColor: "var(--color-bg-raised)", color: "var(--color-text)", border: "1px solid var(--color-control-border)" },
});

// The first JSON error as a CodeMirror diagnostic (an error at the very end covers the last character).
function diagnostics(view: EditorView): Diagnostic[] {
  const text = view.state.doc.toString();
  const error = jsonError(text);
  if (!error) return [];
  const from = Math.min(error.offset, Math.max(0, text.length - 1));
  return [{ from, to: Math.min(text.length, from + Math.max(1, error.length)), severity: "error", message: jsonErrorText(error) }];
}

/** Mounts the editor in place of the textarea (see mountJsonEditor). */
export function createJsonEditor(textarea: HTMLTextAreaElement, options: JsonEditorOptions): JsonEditor {
  const wrapper = document.createElement("div");
  wrapper.className = "json-editor";
  const status = document.createElement("p");
  status.className = "json-editor__status";
  status.setAttribute("aria-live", "polite");
  const hint = document.createElement("p");
  hint.className = "json-editor__hint";
  hint.id = `${textarea.id || "json-editor"}-hint-${Math.random().toString(36).slice(2, 8)}`;
  hint.textContent = PARTS_STRINGS.editor.hint;
  const showStatus = (text: string) => {
    const error = jsonError(text);
    status.textContent = error ? jsonErrorText(error) : "";
    status.hidden = !error;
  };
  const hadFocus = document.activeElement === textarea;
  const cursor = Math.min(textarea.selectionStart ?? 0, textarea.value.length);
  const view = new EditorView({
    parent: wrapper,
    state: EditorState.create({
      doc: textarea.value,
      selection: { anchor: cursor },
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        json(),
        syntaxHighlighting(highlight),
        linter(diagnostics, { delay: 250 }),
        lintGutter(),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        theme,
        EditorView.contentAttributes.of({ "aria-label": options.label, "aria-describedby": hint.id, spellcheck: "false" }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          const text = update.state.doc.toString();
          textarea.value = text;
          textarea.dispatchEvent(new Event("input", { bubbles: true }));
          showStatus(text);
          options.onChange(text);
        }),
      ],
    }),
  });
  wrapper.append(hint, status);
  showStatus(textarea.value);
  textarea.hidden = true;
  textarea.after(wrapper);
  if (hadFocus) view.focus();
  return {
    setText(text: string) {
      if (text !== view.state.doc.toString()) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    destroy() {
      view.destroy();
      wrapper.remove();
      textarea.hidden = false;
    },
  };
}
