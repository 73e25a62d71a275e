// markdown-it plugin: `??? METHOD "url"` … `???` request blocks of the official pages, rendered as runnable blocks.
// markdown-it-container finds each block (the one scanner) and markdown-it reads its fences; a core rule then turns
// each container into one api_block token. Errors stop the build with the source file and line (the line in the
// author's file, before Nunjucks ran).
import fs from "node:fs";
import path from "node:path";
import container from "markdown-it-container";
import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { BLOCK_CLOSE, BLOCK_OPEN_LOOSE, BlockSyntaxError, parseBlock, type Fence, type ParsedBlock } from "./block-parse.ts";
import { blockAnchor, renderApiBlock } from "./api-block-html.ts";
import type { Highlight } from "./highlight.ts";
import type { VariableSourceIndex } from "./variable-sources.ts";
import { authorLocation, nthMatchingLine } from "../source-line.ts";

/** Options of the plugin. */
export interface ApiBlockOptions {
  highlight: Highlight;
  /** Folder whose files sample-file paths point into (default: public/). */
  publicDir?: string;
  /** Collects which block provides each variable. */
  sources?: VariableSourceIndex;
}

interface PageEnv {
  page?: { inputPath?: string; url?: string | false };
  title?: string;
}

/** The container name: tokens `container_api_open` / `container_api_close`. */
const NAME = "api";

/** Installs markdown-it-container for `???` (an opening line has words after the marks, a closing line none). */
export function installBlockContainer(md: MarkdownIt): void {
  md.use(container, NAME, { marker: "?", validate: (params: string) => /^\s+\S/.test(params) });
}

/** One request block found in a token list: its opening line, its fences, and where it ends in the token list. */
export interface BlockSource {
  header: string;
  fences: Fence[];
  /** Index of its closing token. */
  close: number;
}

/**
 * Reads the block whose container opens at tokens[open]: its fences (offsets from its opening line); text outside
 * fences and a missing closing line are author errors.
 */
export function blockSource(tokens: readonly Token[], open: number, sourceLines: readonly string[]): BlockSource {
  const start = tokens[open]!;
  const first = start.map![0];
  const header = `${start.markup}${start.info}`.trim();
  const fences: Fence[] = [];
  let index = open + 1;
  for (; tokens[index]!.type !== `container_${NAME}_close` || tokens[index]!.level !== start.level; index += 1) {
    const token = tokens[index]!;
    if (token.level !== start.level + 1) continue;
    const offset = token.map ? token.map[0] - first : 1;
    if (token.type === "fence") {
      const closed = token.map !== null && /^\s*(`{3,}|~{3,})\s*$/.test(sourceLines[token.map[1] - 1] ?? "") && token.map[1] - token.map[0] > 1;
      if (!closed) throw new BlockSyntaxError("bloc de code non fermé", offset);
      fences.push({ info: token.info.trim(), content: token.content.replace(/\n$/, ""), offset });
    } else if (token.nesting !== -1) {
      const line = (sourceLines[token.map?.[0] ?? first + 1] ?? "").trim();
      throw new BlockSyntaxError(`texte inattendu dans le bloc : « ${line.slice(0, 60)} » (seuls des blocs de code sont permis)`, offset);
    }
  }
  const last = start.map![1];
  if (!BLOCK_CLOSE.test((sourceLines[last] ?? "").trim()) || last >= sourceLines.length) throw new BlockSyntaxError("bloc non fermé (ligne « ??? » attendue)", 0);
  return { header, fences, close: index };
}

/** Installs the block rule and its renderer. */
export default function apiBlocks(md: MarkdownIt, options: ApiBlockOptions): void {
  const publicDir = options.publicDir ?? "public";
  const resolveFile = (sitePath: string) => fs.statSync(path.join(publicDir, sitePath)).size;
  installBlockContainer(md);

  md.core.ruler.after("block", "api_block", (state: StateCore) => {
    const tokens = state.tokens;
    if (!tokens.some((token) => token.type === `container_${NAME}_open`)) return;
    const env = (state.env ?? {}) as PageEnv;
    const pageUrl = typeof env.page?.url === "string" ? env.page.url : "/";
    const sourceLines = state.src.split("\n");
    let blockIndex = 0;
    for (let open = 0; open < tokens.length; open += 1) {
      if (tokens[open]!.type !== `container_${NAME}_open`) continue;
      const startLine = tokens[open]!.map![0];
      const header = sourceLines[startLine]!.trim();
      const fail = (message: string, lineOffset: number): never => {
        const inputPath = env.page?.inputPath;
        const line = nthMatchingLine(inputPath, BLOCK_OPEN_LOOSE, blockIndex);
        const where = authorLocation(inputPath, line === undefined ? undefined : line + lineOffset, startLine + 1 + lineOffset);
        throw new Error(`${where} : bloc de requête « ${header} » : ${message}`);
      };
      let parsed: ParsedBlock | undefined;
      let close = open;
      try {
        const source = blockSource(tokens, open, sourceLines);
        close = source.close;
        parsed = parseBlock(source.header, source.fences, `${pageUrl}#${blockIndex + 1}`, resolveFile);
      } catch (error) {
        if (error instanceof BlockSyntaxError) fail(error.message, error.lineOffset);
        throw error;
      }
      options.sources?.record(parsed!.spec, blockAnchor(parsed!.spec), env.title ?? pageUrl);
      const token = new state.Token("api_block", "section", 0);
      token.block = true;
      token.level = tokens[open]!.level;
      token.map = [startLine, tokens[open]!.map![1] + 1];
      token.meta = { parsed: parsed! };
      tokens.splice(open, close - open + 1, token);
      blockIndex += 1;
    }
  });

  md.renderer.rules["api_block"] = (tokens: Token[], index: number) => {
    const { spec, exampleLang } = (tokens[index]!.meta as { parsed: ParsedBlock }).parsed;
    return renderApiBlock(spec, exampleLang, options.highlight);
  };
}
