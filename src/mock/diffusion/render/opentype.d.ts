// Types of opentype.js 2 (which ships none) for what the label renderer uses, and of the font files that the
// browser bundle imports as bytes (esbuild's binary loader, src/build/plugins/assets.ts).
declare module "opentype.js" {
  /** One drawing command of a glyph outline, in pixels (y downwards). */
  export type PathCommand =
    | { type: "M" | "L"; x: number; y: number }
    | { type: "Q"; x1: number; y1: number; x: number; y: number }
    | { type: "C"; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
    | { type: "Z" };

  /** An outline: its commands. */
  export interface Path {
    commands: PathCommand[];
  }

  /** Layout options (kerning from the font's GPOS or kern table). */
  export interface RenderOptions {
    kerning?: boolean;
  }

  /** A parsed font. */
  export interface Font {
    unitsPerEm: number;
    ascender: number;
    descender: number;
    /** The outline of `text` set at `fontSize` pixels, its baseline starting at (x, y). */
    getPath(text: string, x: number, y: number, fontSize: number, options?: RenderOptions): Path;
    /** The advance width of `text` at `fontSize` pixels. */
    getAdvanceWidth(text: string, fontSize: number, options?: RenderOptions): number;
  }

  /** Parses TrueType, OpenType or WOFF bytes. */
  export function parse(buffer: ArrayBuffer): Font;

  /** The module object, as a bundler or Node exposes the UMD build to `import()`. */
  const opentype: { parse: typeof parse };
  export default opentype;
}

declare module "*.woff" {
  /** The file's bytes. */
  const bytes: Uint8Array;
  export default bytes;
}
