// Windows .ico and macOS .icns files built from PNG renderings of Berth's mark. Both formats may
// hold PNG data directly, so no image codec is needed: each is a small index followed by the PNGs.

export interface SizedPng {
  /** Width and height in pixels (the mark is square). */
  readonly size: number;
  readonly png: Uint8Array;
}

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function assertPng(image: SizedPng): void {
  if (!pngSignature.every((byte, i) => image.png[i] === byte)) throw new Error(`The ${image.size}px image is not a PNG`);
  // The IHDR chunk's width and height, big-endian, at bytes 16 and 20.
  const view = new DataView(image.png.buffer, image.png.byteOffset, image.png.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width !== image.size || height !== image.size) {
    throw new Error(`The image said to be ${image.size}px is ${width}×${height}`);
  }
}

/** An ICO file (ICONDIR, one ICONDIRENTRY per image, then the PNGs); sizes 1–256. */
export function encodeIco(images: readonly SizedPng[]): Uint8Array {
  if (images.length === 0) throw new Error('An .ico needs at least one image');
  images.forEach(assertPng);
  const headerBytes = 6 + 16 * images.length;
  const out = new Uint8Array(headerBytes + images.reduce((sum, i) => sum + i.png.byteLength, 0));
  const view = new DataView(out.buffer);
  view.setUint16(2, 1, true); // type 1: icon
  view.setUint16(4, images.length, true);
  let offset = headerBytes;
  images.forEach((image, index) => {
    if (image.size < 1 || image.size > 256) throw new Error(`An .ico image is 1–256 px, not ${image.size}`);
    const entry = 6 + 16 * index;
    out[entry] = image.size === 256 ? 0 : image.size; // 0 means 256
    out[entry + 1] = image.size === 256 ? 0 : image.size;
    view.setUint16(entry + 4, 1, true); // colour planes
    view.setUint16(entry + 6, 32, true); // bits per pixel
    view.setUint32(entry + 8, image.png.byteLength, true);
    view.setUint32(entry + 12, offset, true);
    out.set(image.png, offset);
    offset += image.png.byteLength;
  });
  return out;
}

/** The icns element type that holds a PNG of each size (macOS 10.7+). */
const icnsTypes: ReadonlyMap<number, string> = new Map([
  [16, 'icp4'],
  [32, 'icp5'],
  [64, 'icp6'],
  [128, 'ic07'],
  [256, 'ic08'],
  [512, 'ic09'],
  [1024, 'ic10'],
]);

/** An ICNS file: 'icns' and the total length, then per image its 4-letter type, length and PNG. */
export function encodeIcns(images: readonly SizedPng[]): Uint8Array {
  if (images.length === 0) throw new Error('An .icns needs at least one image');
  images.forEach(assertPng);
  const total = 8 + images.reduce((sum, i) => sum + 8 + i.png.byteLength, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const ascii = (text: string, at: number) => [...text].forEach((c, i) => (out[at + i] = c.charCodeAt(0)));
  ascii('icns', 0);
  view.setUint32(4, total);
  let offset = 8;
  for (const image of images) {
    const type = icnsTypes.get(image.size);
    if (!type) throw new Error(`An .icns holds PNGs of ${[...icnsTypes.keys()].join(', ')} px, not ${image.size}`);
    ascii(type, offset);
    view.setUint32(offset + 4, 8 + image.png.byteLength);
    out.set(image.png, offset + 8);
    offset += 8 + image.png.byteLength;
  }
  return out;
}
