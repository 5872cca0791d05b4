/** Order statistics of a bench's samples. */

/** Nearest-rank percentile: the smallest sample with at least p % of the samples at or below it. */
export function nearestRank(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('No samples to take a percentile of');
  if (!(p > 0 && p <= 100)) throw new Error(`Percentile must be in (0, 100], not ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1]!;
}

/** The middle sample, or the mean of the two middle ones. */
export function middle(values: readonly number[]): number {
  if (values.length === 0) throw new Error('No samples to take a median of');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface SampleSummary {
  n: number;
  median: number;
  p95: number;
  max: number;
}

export function summarize(values: readonly number[]): SampleSummary {
  return { n: values.length, median: middle(values), p95: nearestRank(values, 95), max: Math.max(...values) };
}
