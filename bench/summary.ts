/** Median, 90th percentile and maximum of a benchmark's samples. */
export interface Summary {
  median: number;
  p90: number;
  max: number;
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)]!;
  return { median: at(0.5), p90: at(0.9), max: sorted[sorted.length - 1]! };
}
