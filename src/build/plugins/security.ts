// A strict Content-Security-Policy on every page (src/build/csp.ts), as the first element of <head>.
// Not in `npm run dev`: Eleventy's dev server injects an inline reload script.
import { escapeHtml } from "../html.ts";
import { CONTENT_SECURITY_POLICY } from "../csp.ts";
import type { EleventyConfig } from "../eleventy-config.ts";

/** Adds the CSP meta element to every HTML page of a build. */
export default function security(eleventyConfig: EleventyConfig): void {
  let serving = false;
  eleventyConfig.on("eleventy.before", ({ runMode }) => {
    serving = runMode === "serve" || runMode === "watch";
  });
  eleventyConfig.addTransform("csp", function (this: { page: { outputPath: string | false } }, content: string) {
    if (serving || !this.page.outputPath || !this.page.outputPath.endsWith(".html")) return content;
    const meta = `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">`;
    if (!/<head>/.test(content)) throw new Error(`${this.page.outputPath} : pas de <head> où placer la politique de sécurité`);
    return content.replace("<head>", `<head>\n  ${meta}`);
  });
}
