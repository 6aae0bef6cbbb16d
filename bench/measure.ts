/** Small helpers every benchmark shares: timing, medians, ratios, a table. */

export function nowMs(): number {
  return performance.now();
}

/** Runs fn `runs` times (after `warmup` unmeasured runs) and returns each duration in ms. */
export async function timeRuns(fn: () => unknown, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    durations.push(performance.now() - start);
  }
  return durations;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const median = (values: number[]): number => percentile(values, 50);

export function ratio(value: number, floor: number): string {
  return `${(value / floor).toFixed(2)}x`;
}

export function printTable(rows: Array<Record<string, string | number>>): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const cell = (value: string | number) => (typeof value === 'number' ? value.toFixed(value < 10 ? 3 : 1) : value);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(cell(r[c] ?? '')).length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(columns));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(columns.map((c) => String(cell(row[c] ?? '')))));
}

export function memoryMb(): string {
  return `${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB rss`;
}
