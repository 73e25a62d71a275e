// The real build (Eleventy with .eleventy.ts) on a one-page project: author errors stop it with file and line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = process.cwd();
const SHARED = [".eleventy.ts", "_data", "_includes", "public", "node_modules", "src/build", "src/shared", "src/runtime", "src/mock"];

/** Builds a project made of the real configuration and a single page; returns the exit code, output and page HTML. */
function buildPage(page: string, stale?: string): { code: number | null; output: string; html: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "build-errors-"));
  try {
    for (const entry of SHARED) {
      fs.mkdirSync(path.dirname(path.join(dir, entry)), { recursive: true });
      fs.symlinkSync(path.join(ROOT, entry), path.join(dir, entry));
    }
    fs.mkdirSync(path.join(dir, "src/content"), { recursive: true });
    fs.writeFileSync(path.join(dir, "src/content/page.md"), page);
    if (stale) {
      // A page an earlier build wrote, whose source has since been renamed or deleted.
      fs.mkdirSync(path.join(dir, "_site/ancienne"), { recursive: true });
      fs.writeFileSync(path.join(dir, "_site/ancienne/index.html"), stale);
    }
    const result = spawnSync(process.execPath, ["--import", "tsx", "node_modules/@11ty/eleventy/cmd.cjs", "--config=.eleventy.ts", "--quiet"], {
      cwd: dir,
      encoding: "utf8",
      timeout: 120_000,
    });
    const built = path.join(dir, "_site/page/index.html");
    const html = fs.existsSync(built) ? fs.readFileSync(built, "utf8") : "";
    return { code: result.status, output: `${result.stdout}\n${result.stderr}`, html };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const FRONT = "---\ntitle: Essai\nlayout: layouts/base.njk\n---\n\n## Titre\n\n";

test("an unknown id fails the build with the file and line", () => {
  const { code, output } = buildPage(`${FRONT}Texte.\n\n??? GET "{{ urls.api_entrepot }}/datastores/{datastore}/processings/{{ ids.processings['nexiste-pas'] }}"\n???\n`);
  assert.equal(code, 1, output); // 1, not null: a build that hangs until the time-out fails the test
  assert.match(output, /src\/content\/page\.md:10 : ids\.processings\['nexiste-pas'\] : clé inconnue dans _data\/ids\.json/);
});

test("a malformed block fails the build with the file and line", () => {
  const { code, output } = buildPage(`${FRONT}??? FETCH "{{ urls.api_entrepot }}/users/me"\n???\n`);
  assert.equal(code, 1, output); // 1, not null: a build that hangs until the time-out fails the test
  assert.match(output, /page\.md:8 : bloc de requête « \?\?\? FETCH/);
  assert.match(output, /méthode HTTP inconnue « FETCH »/);
});

test("invalid JSON in an example response fails the build with the line of its fence", () => {
  const { code, output } = buildPage(`${FRONT}Texte.\n\n??? GET "{{ urls.api_entrepot }}/users/me"\n\n\`\`\`json\n{ "_id": "{user}", }\n\`\`\`\n???\n`);
  assert.equal(code, 1, output); // 1, not null: a build that hangs until the time-out fails the test
  assert.match(output, /page\.md:12 : .*exemple de réponse : JSON invalide/);
});

test("a missing readJSON file fails the build naming the file", () => {
  const { code, output } = buildPage(`${FRONT}{{ "public/absent.json" | readJSON | safe }}\n`);
  assert.equal(code, 1, output); // 1, not null: a build that hangs until the time-out fails the test
  assert.match(output, /src\/content\/page\.md:8 : readJSON : fichier introuvable « public\/absent\.json »/);
});

test("a well-formed page builds (the fixture project itself is sound)", () => {
  const { code, output } = buildPage(`${FRONT}??? GET "{{ urls.api_entrepot }}/users/me"\n\n\`\`\`json\n{ "_id": "{user}" }\n\`\`\`\n???\n`);
  assert.equal(code, 0, output);
});

test("a Mermaid diagram that does not parse fails the build with the file and line of its fence", () => {
  const { code, output } = buildPage(`${FRONT}Texte.\n\n\`\`\`mermaid\nflowchart LR\n    a[Livraison] --> b[Vérification\n    b ==>> c\n\`\`\`\n`);
  assert.equal(code, 1, output); // 1, not null: a build that hangs until the time-out fails the test
  assert.match(output, /src\/content\/page\.md:10 : diagramme Mermaid invalide : Parse error/);
});

test("a Mermaid diagram becomes an inline SVG in both themes, with no placeholder left", () => {
  const { code, output, html } = buildPage(`${FRONT}\`\`\`mermaid\nflowchart LR\n    liv[Livraison ARCHIVE] --> ds[(Donnée stockée)]\n\`\`\`\n`);
  assert.equal(code, 0, output);
  assert.match(html, /<figure class="diagram" id="diagramme-1" data-diagram data-pagefind-ignore><div class="diagram-light" style="--diagram-min-width: \d+px"><svg id="diagramme-1-light"/);
  assert.match(html, /<div class="diagram-dark" style="--diagram-min-width: \d+px"><svg id="diagramme-1-dark"/);
  assert.equal(html.match(/>Livraison ARCHIVE</g)?.length, 2);
  assert.doesNotMatch(html, /data-diagram-placeholder|data-points=|zzdiagramzz/);
});

test("the search index holds the pages of this build, not pages left in the output folder by an earlier one", () => {
  const stale = '<html lang="fr"><body><article data-pagefind-body><h1>Page renommée depuis</h1></article></body></html>';
  const { code, output } = buildPage(`${FRONT}Texte.\n`, stale);
  assert.equal(code, 0, output);
  assert.match(output, /\[search\] Pagefind : 1 page\(s\) indexée\(s\)/);
});
