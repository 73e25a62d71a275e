// GetLegendGraphic of the simulated WMS-Vecteur: one WIDTH × HEIGHT swatch per rule that draws something,
// stacked from top to bottom in the order of the styles and their rules, as GeoServer lays them out. The rule
// titles GeoServer writes on the right are left out, and so are rules that only label (no swatch to draw).
import type { RgbaImage } from "../image.ts";
import { blankImage } from "../image.ts";
import { Painter } from "./raster.ts";
import type { Pixel } from "./raster.ts";
import type { Rule, Style } from "./sld.ts";

/** The rules of the styles a legend shows: those with a polygon, line or point symbolizer (or only `name`). */
export function legendRules(styles: Style[], name?: string): Rule[] {
  const all = styles.flatMap((style) => style.featureTypeStyles.flat());
  return name === undefined ? all.filter((rule) => rule.symbolizers.some((s) => s.kind !== "text")) : all.filter((rule) => rule.name === name);
}

/** Draws one swatch per rule, each `width` × `height` pixels, on a white (or transparent) background. */
export function legendImage(rules: Rule[], width: number, height: number, background: [number, number, number, number]): RgbaImage {
  const image = blankImage(width, height * Math.max(1, rules.length), background);
  const painter = new Painter(image);
  rules.forEach((rule, index) => {
    const top = index * height;
    const box: Pixel[] = [[1, top + 1], [width - 1, top + 1], [width - 1, top + height - 1], [1, top + height - 1]];
    for (const s of rule.symbolizers) {
      if (s.kind === "polygon") {
        if (s.fill) painter.fillRings([box], s.fill);
        if (s.stroke) painter.strokeLines([[...box, box[0]!]], s.stroke, Math.min(s.stroke.width, 3));
      } else if (s.kind === "line") {
        painter.strokeLines([[[1, top + height - 2], [width - 1, top + 2]]], s.stroke, Math.min(s.stroke.width, Math.max(1, height / 4)));
      } else if (s.kind === "point") {
        const size = Math.min(s.size, width - 2, height - 2);
        const fill = s.fill ? { ...s.fill, opacity: s.fill.opacity * s.opacity } : undefined;
        const stroke = s.stroke ? { ...s.stroke, opacity: s.stroke.opacity * s.opacity } : undefined;
        painter.mark([width / 2, top + height / 2], s.mark, size, fill, stroke);
      }
    }
  });
  return image;
}
