// The simple styles of the layers the map draws itself (WFS features, vector tiles): one colour per table.
import { Circle, Fill, Stroke, Style } from "ol/style.js";

/** Colours of the tables, in order (RGB), distinct for colour-blind readers (Okabe–Ito). */
export const TABLE_COLOURS: readonly [number, number, number][] = [
  [0, 114, 178], // blue
  [230, 159, 0], // orange
  [0, 158, 115], // bluish green
  [204, 121, 167], // reddish purple
  [213, 94, 0], // vermilion
  [86, 180, 233], // sky blue
];

/** Opacity of polygon fills (outlines and points are opaque). */
export const FILL_OPACITY = 0.6;

/** The colour of the table at `index`. */
export const tableColour = (index: number): [number, number, number] => TABLE_COLOURS[index % TABLE_COLOURS.length]!;

/** Polygons filled, lines stroked, points as discs, all in one colour. */
export function styleFor([r, g, b]: [number, number, number]): Style {
  const stroke = new Stroke({ color: `rgb(${r}, ${g}, ${b})`, width: 1.5 });
  return new Style({
    fill: new Fill({ color: `rgba(${r}, ${g}, ${b}, ${FILL_OPACITY})` }),
    stroke,
    image: new Circle({ radius: 5, fill: new Fill({ color: `rgb(${r}, ${g}, ${b})` }), stroke: new Stroke({ color: "#ffffff", width: 1.5 }) }),
  });
}
