import { shortId } from '../../lib/short-id.js';

/** The image as `docker ps` shows it: a reference as is, a bare image ID shortened to 12 hex characters. */
export function imageName(image: string): string {
  return /^sha256:[0-9a-f]{64}$/.test(image) ? shortId(image) : image;
}
