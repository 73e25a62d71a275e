// The JSON editor of a request body: CodeMirror 6 replaces the textarea once the reader starts editing. This module
// is light; CodeMirror and its JSON language come in their own chunk (json-editor-view.ts), loaded on first use.

/** A mounted editor: `setText` replaces its text (e.g. "Rétablir le corps d'origine"), `destroy` gives the textarea back. */
export interface JsonEditor {
  destroy(): void;
  setText(text: string): void;
}

/** Options of mountJsonEditor: `onChange` gets every edit's text, `label` is the editor's accessible name. */
export interface JsonEditorOptions {
  onChange(text: string): void;
  label: string;
}

/**
 * Replaces a textarea by a JSON editor (highlighting, bracket matching, line numbers, French error with line and
 * column): the textarea stays in the form, hidden, its value kept equal to the editor's text (with an `input` event).
 */
export async function mountJsonEditor(textarea: HTMLTextAreaElement, options: JsonEditorOptions): Promise<JsonEditor> {
  const { createJsonEditor } = await import("./json-editor-view.ts");
  return createJsonEditor(textarea, options);
}
