// tutorialsByTheme: tutorials grouped in the order of the themes, in navigation order; a missing or unknown theme
// stops the build naming the page.
import assert from "node:assert/strict";
import test from "node:test";
import { tutorialsByTheme } from "../../../../src/build/plugins/themes.ts";
import themes from "../../../../_data/themes.json" with { type: "json" };

const tutorial = (key: string, theme: string | undefined, order: number) => ({
  url: `/tutoriels/${key}/`, inputPath: `./src/content/tutoriels/${key}/index.md`,
  data: { title: key, description: `Description de ${key}`, ...(theme ? { theme } : {}), eleventyNavigation: { key, parent: "Tutoriels", order } },
});
const step = (key: string, parent: string) => ({ url: `/tutoriels/${parent}/${key}/`, data: { title: key, eleventyNavigation: { key, parent } } });

test("tutorials come grouped by theme, themes in their file's order, tutorials in navigation order, with their step counts", () => {
  const items = [
    tutorial("raster-b", "raster", 5), tutorial("vecteur-a", "vecteur", 2), tutorial("raster-a", "raster", 3),
    step("s1", "raster-a"), step("s2", "raster-a"), step("s1", "vecteur-a"), { url: "/", data: { title: "Accueil" } },
  ];
  const grouped = tutorialsByTheme(items, themes);
  assert.deepEqual(grouped.map((theme) => theme.key), ["vecteur", "raster"]);
  assert.deepEqual(grouped[1]!.tutorials.map((t) => [t.title, t.steps]), [["raster-a", 2], ["raster-b", 0]]);
  assert.equal(grouped[0]!.tutorials[0]!.description, "Description de vecteur-a");
  assert.equal(grouped[0]!.title, "Gestion des données vecteur");
});

test("a tutorial without a theme, or with an unknown one, is refused with its file", () => {
  assert.throws(() => tutorialsByTheme([tutorial("sans", undefined, 1)], themes), /tutoriels\/sans\/index\.md : « theme:  » manque/);
  assert.throws(() => tutorialsByTheme([tutorial("faux", "cartes", 1)], themes), /faux\/index\.md : « theme: cartes » inconnu[\s\S]*archive, vecteur, raster/);
});
