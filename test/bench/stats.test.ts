// The bench's statistics: percentiles and the growth slope its scaling verdicts rest on.
import { describe, expect, it } from 'vitest';
import { growthSlope, median, p95, quantile } from '../../bench/stats';

describe('bench statistics', () => {
  it('takes percentiles by interpolating between the closest ranks, whatever the order', () => {
    const samples = [5, 1, 4, 2, 3];
    expect(median(samples)).toBe(3);
    expect(quantile(samples, 0)).toBe(1);
    expect(quantile(samples, 1)).toBe(5);
    expect(quantile(samples, 0.9)).toBeCloseTo(4.6, 10);
    expect(p95(Array.from({ length: 101 }, (_, i) => i))).toBeCloseTo(95, 10);
  });

  it('refuses a percentile of nothing', () => {
    expect(() => median([])).toThrow(RangeError);
  });

  it('gives growth slope 0 for flat, about 0.1 for logarithmic and 1 for linear growth over 1k..100k', () => {
    const ns = [1_000, 10_000, 100_000];
    expect(growthSlope(ns.map((n) => ({ n, value: 7 })))).toBeCloseTo(0, 10);
    expect(growthSlope(ns.map((n) => ({ n, value: 0.002 * n })))).toBeCloseTo(1, 10);
    const log = growthSlope(ns.map((n) => ({ n, value: Math.log(n) })));
    expect(log).toBeGreaterThan(0.05);
    expect(log).toBeLessThan(0.15);
  });
});
