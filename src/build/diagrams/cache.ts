// Rendered diagrams kept between builds in node_modules/.cache/entrepot-diagrams/, one SVG file per diagram and theme,
// named by a hash of everything that shapes the drawing: Mermaid's version, its configuration and the source.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { MERMAID_VERSION, mermaidConfig, type DiagramTheme } from "./mermaid-renderer.ts";

/** Bumped when the post-processing of src/build/diagrams/markup.ts changes what is stored. */
const FORMAT = 2;

/** Default folder of the cache (DIAGRAM_CACHE_DIR overrides it; the benchmark empties its own copy). */
export const DIAGRAM_CACHE_DIR = process.env["DIAGRAM_CACHE_DIR"] ?? path.join("node_modules", ".cache", "entrepot-diagrams");

/** The cache key of a diagram drawn in a theme. */
export function diagramKey(source: string, theme: DiagramTheme): string {
  const input = JSON.stringify([FORMAT, MERMAID_VERSION, mermaidConfig(theme), source]);
  return crypto.createHash("sha256").update(input).digest("hex").slice(0, 32);
}

/** SVGs on disk, with a memory layer for repeated diagrams within a build and across `--serve` rebuilds. */
export class DiagramCache {
  private readonly memory = new Map<string, string>();

  constructor(private readonly dir: string = DIAGRAM_CACHE_DIR) {}

  /** The stored SVG for `key`, if any. */
  get(key: string): string | undefined {
    const known = this.memory.get(key);
    if (known !== undefined) return known;
    try {
      const svg = fs.readFileSync(path.join(this.dir, `${key}.svg`), "utf8");
      this.memory.set(key, svg);
      return svg;
    } catch {
      return undefined;
    }
  }

  /** Stores an SVG; a cache that cannot be written (read-only node_modules) only costs a redraw next time. */
  set(key: string, svg: string): void {
    this.memory.set(key, svg);
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      const file = path.join(this.dir, `${key}.svg`);
      fs.writeFileSync(`${file}.${process.pid}.tmp`, svg);
      fs.renameSync(`${file}.${process.pid}.tmp`, file);
    } catch {
      // keep the memory copy only
    }
  }
}
