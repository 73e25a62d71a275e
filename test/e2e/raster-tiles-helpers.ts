// Steps of the raster update and harvesting specs: reading a pixel of a tile or map image a block's URL answers
// (decoded here, PNG or JPEG).
import { expect, type Locator, type Page } from "@playwright/test";
import { decode as decodePng } from "fast-png";
import jpeg from "jpeg-js";
import { serviceAnswer } from "./helpers.ts";

/** The RGBA pixels of the image a block's URL answers now (through the page's simulated services). */
export async function imageOf(page: Page, block: Locator): Promise<(i: number, j: number) => number[]> {
  return decodeAnswer(await serviceAnswer(page, block), (await block.getAttribute("data-url")) ?? "");
}

/** The RGBA pixels of the image a URL answers now, fetched by the page (so by the simulated services). */
export async function imageAt(page: Page, url: string): Promise<(i: number, j: number) => number[]> {
  const answer = await page.evaluate(async (target) => {
    const response = await fetch(target);
    return { status: response.status, type: response.headers.get("content-type") ?? "", bytes: [...new Uint8Array(await response.arrayBuffer())] };
  }, url);
  return decodeAnswer({ ...answer, bytes: Uint8Array.from(answer.bytes) }, url);
}

// Decodes a PNG or JPEG answer into an RGBA reader.
function decodeAnswer(answer: { status: number; type: string; bytes: Uint8Array }, url: string): (i: number, j: number) => number[] {
  expect(answer.status, url).toBe(200);
  if (answer.type.startsWith("image/png")) {
    const png = decodePng(answer.bytes);
    const channels = png.channels;
    return (i, j) => {
      const at = (j * png.width + i) * channels;
      const values = Array.from(png.data.slice(at, at + channels));
      return channels === 4 ? values : [...values, 255];
    };
  }
  expect(answer.type).toContain("image/jpeg");
  const decoded = jpeg.decode(answer.bytes, { useTArray: true });
  return (i, j) => Array.from(decoded.data.slice((j * decoded.width + i) * 4, (j * decoded.width + i) * 4 + 4));
}

/** Asserts that two RGB colours are close (JPEG tiles are lossy). */
export function expectColour(actual: number[], expected: readonly number[], what: string, tolerance = 28): void {
  expected.forEach((value, c) => expect(Math.abs(actual[c]! - value), `${what} : ${actual.join(",")} au lieu de ${expected.join(",")}`).toBeLessThanOrEqual(tolerance));
}
