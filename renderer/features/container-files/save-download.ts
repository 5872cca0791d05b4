import type { SaveFile } from './container-files-store.js';

/** Saves downloaded bytes through a Blob and a temporary anchor (works in Electron and browsers). */
export const saveWithAnchor: SaveFile = (fileName, parts, format) => {
  const blob = new Blob(parts as unknown as BlobPart[], { type: format === 'tar' ? 'application/x-tar' : 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The download has started from the URL; give it a moment before freeing the bytes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

/** A browser File as the store's PickedFile (read a slice at a time). */
export function pickedFromFile(file: File): { name: string; size: number; slice(start: number, end: number): Promise<Uint8Array> } {
  return {
    name: file.name,
    size: file.size,
    slice: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
  };
}
