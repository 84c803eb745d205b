/**
 * Byte helpers the office writers share without Node's Buffer or the DOM's btoa (shared/ compiles with neither):
 * base64 for pptxgenjs's image data URLs, and a PNG's pixel size so images keep their aspect ratio.
 */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (with padding) of the bytes. */
export function base64FromBytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (b === undefined ? '=' : B64[(n >> 6) & 63]!) + (c === undefined ? '=' : B64[n & 63]!);
  }
  return out;
}

/** Width and height in pixels from a PNG's IHDR chunk; null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || sig.some((v, i) => bytes[i] !== v)) return null;
  const u32 = (o: number) => ((bytes[o]! << 24) >>> 0) + (bytes[o + 1]! << 16) + (bytes[o + 2]! << 8) + bytes[o + 3]!;
  const width = u32(16);
  const height = u32(20);
  return width > 0 && height > 0 ? { width, height } : null;
}

/** The largest width × height with the image's aspect ratio that fits the box (inches or any unit); the box when unknown. */
export function fitBox(bytes: Uint8Array, maxW: number, maxH: number): { w: number; h: number } {
  const size = pngSize(bytes);
  if (!size) return { w: maxW, h: maxH };
  const scale = Math.min(maxW / size.width, maxH / size.height);
  return { w: size.width * scale, h: size.height * scale };
}
