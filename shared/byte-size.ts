/**
 * Sizes as `docker run` takes them (`--memory 512m`, `--shm-size 1g`): a number, optionally with a
 * fraction, then an optional unit k, m, g, t or p (powers of 1024, any case, an optional `b` or `ib`
 * after it, as in `64MB` or `2GiB`), the same sizes the CLI's parser reads. A bare number is bytes.
 */
const multipliers: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

const sizePattern = /^(\d+(?:\.\d+)?) ?([kmgtp]?)i?b?$/i;

/** The bytes a size stands for, or undefined when the text is not a size. Fractions of a byte are dropped, as the CLI does. */
export function parseByteSize(text: string): number | undefined {
  const match = sizePattern.exec(text.trim());
  if (!match) return undefined;
  const [, number, unit] = match;
  const bytes = Math.floor(Number(number) * multipliers[unit!.toLowerCase()]!);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** The shortest exact way to write a byte count for the CLI: `64m`, `1536m`, `1g`, or plain bytes. */
export function formatByteSize(bytes: number): string {
  for (const unit of ['p', 't', 'g', 'm', 'k'] as const) {
    const size = multipliers[unit]!;
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}
