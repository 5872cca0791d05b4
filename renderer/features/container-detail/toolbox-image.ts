/** Where the debug shell's toolbox image choice is remembered (per browser or desktop profile). */
export const toolboxImageKey = 'berth.debugShell.image';

/**
 * The toolbox image to offer: the one chosen last time, else a busybox image the engine has
 * (busybox:latest first), else plain `busybox` (which the engine would have to pull first).
 */
export function defaultToolboxImage(refs: readonly string[], remembered: string | null): string {
  if (remembered) return remembered;
  const busybox = refs.filter((r) => /(^|\/)busybox:/.test(r));
  return busybox.find((r) => r === 'busybox:latest') ?? busybox.sort()[0] ?? 'busybox';
}

/** The remembered choice; storage may be off (private windows), which only loses the memory. */
export function rememberedToolboxImage(storage: Pick<Storage, 'getItem'> | undefined): string | null {
  try {
    return storage?.getItem(toolboxImageKey) ?? null;
  } catch {
    return null;
  }
}

export function rememberToolboxImage(storage: Pick<Storage, 'setItem'> | undefined, image: string): void {
  try {
    storage?.setItem(toolboxImageKey, image);
  } catch {
    // Not remembered; the next dialog offers the default again.
  }
}
