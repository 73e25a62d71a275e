// The part of Eleventy's configuration API this project uses (Eleventy ships no TypeScript types of its own).
import type { MarkdownIt } from "markdown-it";

/** Eleventy's `eleventyConfig`, narrowed to the calls made by src/build/plugins/*. */
export interface EleventyConfig {
  addPlugin(plugin: (config: EleventyConfig) => unknown, options?: unknown): unknown;
  addFilter(name: string, filter: (...args: any[]) => unknown): void;
  addAsyncFilter(name: string, filter: (...args: any[]) => Promise<unknown>): void;
  addShortcode(name: string, shortcode: (...args: any[]) => unknown): void;
  addGlobalData(name: string, value: unknown): void;
  addPassthroughCopy(paths: string | Record<string, string>): void;
  addWatchTarget(path: string): void;
  addTransform(name: string, transform: (this: any, content: string) => string | Promise<string>): void;
  addPreprocessor(name: string, extensions: string, callback: (data: any, content: string) => unknown): void;
  setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
  setLibrary(name: "md", library: MarkdownIt): void;
  amendLibrary(name: "md", amend: (library: MarkdownIt) => void): void;
  on(event: "eleventy.before" | "eleventy.after", listener: (event: EleventyEvent) => unknown): void;
  setServerOptions(options: Record<string, unknown>): void;
  dir: { input: string; output: string };
}

/** Argument of the eleventy.before / eleventy.after listeners. */
export interface EleventyEvent {
  /** Deprecated by Eleventy: ignores --output. Use `directories`. */
  dir: { input: string; output: string; includes: string; data: string };
  directories: { input: string; output: string; includes: string; data: string };
  runMode: "build" | "watch" | "serve";
  outputMode: string;
  /** eleventy.after only: the pages this build wrote (all of them in a full build, the changed ones in watch mode). */
  results?: { url: string | false; outputPath: string | false; content: string }[];
}
