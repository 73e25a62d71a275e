// Where an author error is: build errors name the line in the author's file (before Nunjucks ran), found by counting
// the lines that open the same kind of construct; used by src/build/markdown/api-block.ts and mermaid-fence.ts.
import fs from "node:fs";

/** Line (1-based) of the `index`-th (0-based) line of the file that matches `pattern`, if it can be found. */
export function nthMatchingLine(inputPath: string | undefined, pattern: RegExp, index: number): number | undefined {
  if (!inputPath) return undefined;
  try {
    const lines = fs.readFileSync(inputPath, "utf8").split("\n");
    let seen = -1;
    for (let number = 0; number < lines.length; number += 1) {
      if (pattern.test(lines[number]!) && ++seen === index) return number + 1;
    }
  } catch {
    // fall through: the caller reports the rendered line instead
  }
  return undefined;
}

/** `file:line` in the author's file, or the file and the line after Nunjucks when the source line is unknown. */
export function authorLocation(inputPath: string | undefined, line: number | undefined, renderedLine: number): string {
  return line !== undefined ? `${inputPath}:${line}` : `${inputPath ?? "?"} (ligne ${renderedLine} après Nunjucks)`;
}
