// Images the simulated diffusion services answer: RGBA pixels encoded as PNG (fast-png) or JPEG (jpeg-js),
// both loaded only when a first image is asked for, so that pages that draw nothing do not carry them.

/** An RGBA image, 4 bytes per pixel, rows from the top. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A transparent (or `background`-filled) image. */
export function blankImage(width: number, height: number, background?: [number, number, number, number]): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  if (background) for (let i = 0; i < data.length; i += 4) data.set(background, i);
  return { width, height, data };
}

/** Image MIME types the services can write. */
export const IMAGE_FORMATS = ["image/png", "image/jpeg"] as const;
/** One of IMAGE_FORMATS. */
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** The image encoded in `format` (JPEG drops transparency over white). */
export async function encodeImage(image: RgbaImage, format: ImageFormat): Promise<Uint8Array> {
  if (format === "image/png") {
    const { encode } = await import("fast-png");
    return encode({ width: image.width, height: image.height, data: image.data, channels: 4, depth: 8 });
  }
  const { default: jpeg } = await import("jpeg-js");
  const flat = new Uint8Array(image.data.length);
  for (let i = 0; i < flat.length; i += 4) {
    const alpha = image.data[i + 3]! / 255;
    for (let c = 0; c < 3; c++) flat[i + c] = Math.round(image.data[i + c]! * alpha + 255 * (1 - alpha));
    flat[i + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ width: image.width, height: image.height, data: flat }, 90).data);
}

/** An image response, readable by pages of any origin (as the Géoplateforme's services are). */
export function imageResponse(bytes: Uint8Array, format: string): Response {
  return new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "Content-Type": format, "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" } });
}
