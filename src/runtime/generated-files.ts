// Files produced in the page by a component (a converted export, a built archive) that a later block sends: a block's
// ```files line `@name` names one (spec: SampleFile.source === "page"). Kept for the tab's life; a block whose file
// was not produced yet says which step produces it.

/** A produced file and where it was produced (to point the reader back to that step). */
export interface GeneratedFile {
  blob: Blob;
  name: string;
  /** Title of the step that produced it. */
  producer: string;
  /** Anchor of that step in its page, e.g. #convertir. */
  href: string;
}

/** Event dispatched on document when a file is produced or replaced; detail: the file's name. */
export const GENERATED_FILE_EVENT = "generated-file";

const files = new Map<string, GeneratedFile>();

/** Records a produced file under its name (replacing an earlier one of the same name) and tells the blocks. */
export function putGeneratedFile(file: GeneratedFile): void {
  files.set(file.name, file);
  document.dispatchEvent(new CustomEvent(GENERATED_FILE_EVENT, { detail: file.name }));
}

/** The produced file of that name, if any. */
export function generatedFile(name: string): GeneratedFile | undefined {
  return files.get(name);
}
