// markdown-it plugin: `??? METHOD "url"` … `???` request blocks of the official pages, rendered as runnable blocks.
// Errors stop the build with the source file and line (the line in the author's file, before Nunjucks ran).
import fs from "node:fs";
import path from "node:path";
import type { MarkdownIt, StateBlock, Token } from "markdown-it";
import { BLOCK_CLOSE, BLOCK_OPEN_LOOSE, BlockSyntaxError, parseBlock, type ParsedBlock } from "./block-parse.ts";
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

// Block numbers per document: keyed by the token list, which markdown-it creates once per parse.
const counters = new WeakMap<object, number>();

/** Installs the block rule and its renderer. */
export default function apiBlocks(md: MarkdownIt, options: ApiBlockOptions): void {
  const publicDir = options.publicDir ?? "public";
  const resolveFile = (sitePath: string) => fs.statSync(path.join(publicDir, sitePath)).size;

  md.block.ruler.before("fence", "api_block", (state: StateBlock, startLine: number, endLine: number, silent: boolean) => {
    // Fast exit for the many lines that cannot open a block (the rule runs at every block-level line).
    const lead = state.src.charAt(state.bMarks[startLine]! + state.tShift[startLine]!);
    if (lead !== "?" && !/^\s$/.test(lead)) return false;
    const lineText = (line: number) => state.src.slice(state.bMarks[line]!, state.eMarks[line]!);
    const first = lineText(startLine);
    if (state.sCount[startLine]! - state.blkIndent >= 4 || !BLOCK_OPEN_LOOSE.test(first.trimStart())) return false;
    if (silent) return true;

    const env = (state.env ?? {}) as PageEnv;
    const blockIndex = counters.get(state.tokens) ?? 0;
    counters.set(state.tokens, blockIndex + 1);
    const fail = (message: string, lineOffset: number): never => {
      const inputPath = env.page?.inputPath;
      const line = nthMatchingLine(inputPath, BLOCK_OPEN_LOOSE, blockIndex);
      const where = authorLocation(inputPath, line === undefined ? undefined : line + lineOffset, startLine + 1 + lineOffset);
      throw new Error(`${where} : bloc de requête « ${first.trim()} » : ${message}`);
    };

    let close = startLine + 1;
    let inFence = false;
    for (; close < endLine; close += 1) {
      const text = lineText(close);
      if (/^\s*(`{3,}|~{3,})/.test(text)) inFence = !inFence;
      else if (!inFence && BLOCK_CLOSE.test(text.trim())) break;
    }
    if (close >= endLine) fail("bloc non fermé (ligne « ??? » attendue)", 0);

    const inner: string[] = [];
    for (let line = startLine + 1; line < close; line += 1) inner.push(lineText(line));
    const pageUrl = typeof env.page?.url === "string" ? env.page.url : "/";
    let parsed: ParsedBlock;
    try {
      parsed = parseBlock(first, inner, `${pageUrl}#${blockIndex + 1}`, resolveFile);
    } catch (error) {
      if (error instanceof BlockSyntaxError) fail(error.message, error.lineOffset);
      throw error;
    }
    options.sources?.record(parsed!.spec, blockAnchor(parsed!.spec), env.title ?? pageUrl);
    const token = state.push("api_block", "section", 0);
    token.block = true;
    token.map = [startLine, close + 1];
    token.meta = { parsed: parsed! };
    state.line = close + 1;
    return true;
  });

  md.renderer.rules["api_block"] = (tokens: Token[], index: number) => {
    const { spec, exampleLang } = (tokens[index]!.meta as { parsed: ParsedBlock }).parsed;
    return renderApiBlock(spec, exampleLang, options.highlight);
  };
}
