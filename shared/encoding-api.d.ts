/**
 * The WHATWG Encoding API exists in Node and in every browser, but shared/ compiles without DOM types
 * (so `window` or `document` fail); declare just this part.
 */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
