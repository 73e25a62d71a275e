// The font the simulated WMS-Vecteur writes labels with: Noto Sans (SIL Open Font License), the Latin subset of
// @fontsource/noto-sans (French accents, Œ, typographic quotes; about 17 KB a weight), regular or bold, read by
// opentype.js. Nothing is loaded until a label must be drawn: in Node the WOFF file is read from node_modules;
// in the browser bundle it is a chunk of its own (esbuild's binary loader), imported on demand like opentype.js.
/// <reference path="./opentype.d.ts" />
import type { Font } from "opentype.js";

/** The weights the font package has. */
export type FontWeight = "normal" | "bold";

const FILES: Record<FontWeight, string> = { normal: "noto-sans-latin-400-normal.woff", bold: "noto-sans-latin-700-normal.woff" };

// The few Node built-ins used, typed here so that the browser's type check needs no Node types.
interface NodeBuiltins {
  createRequire(from: string): { resolve(id: string): string };
  readFileSync(path: string): Uint8Array;
}
type BuiltinLoader = (id: string) => unknown;

// Node's process.getBuiltinModule (Node 20.16 and later), absent in a browser: no import of node:fs to bundle.
const builtinModule = (): BuiltinLoader | undefined =>
  (globalThis as { process?: { getBuiltinModule?: BuiltinLoader } }).process?.getBuiltinModule;

// The font file's bytes, from node_modules (Node) or the bundle's chunk (browser).
async function fontBytes(weight: FontWeight): Promise<Uint8Array> {
  const builtin = builtinModule();
  if (builtin) {
    const { createRequire } = builtin("node:module") as Pick<NodeBuiltins, "createRequire">;
    const { readFileSync } = builtin("node:fs") as Pick<NodeBuiltins, "readFileSync">;
    return readFileSync(createRequire(import.meta.url).resolve(`@fontsource/noto-sans/files/${FILES[weight]}`));
  }
  const module = weight === "bold"
    ? await import("@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff")
    : await import("@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff");
  return module.default;
}

const loaded = new Map<FontWeight, Promise<Font>>();

/** The label font of this weight, loaded and parsed once (a failed load is tried again next time). */
export function labelFont(weight: FontWeight): Promise<Font> {
  let font = loaded.get(weight);
  if (!font) {
    font = Promise.all([import("opentype.js"), fontBytes(weight)]).then(([module, bytes]) => {
      const { parse } = module.default ?? module;
      return parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    });
    font.catch(() => loaded.delete(weight));
    loaded.set(weight, font);
  }
  return font;
}
