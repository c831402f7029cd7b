/**
 * torch's CosineAnnealingLR is a recursion (each lr from the one before); lrviz walks it for the first
 * TORCH_COSINE_WALKED steps and takes the closed form after. These tests walk the recursion itself, as
 * torch 1.13.1 writes it, over two million steps and from far troughs out to 1e12, and hold lrviz to it at the golden
 * files' tolerance (1e-9 of the value, plus 1e-15) at every step, or within the drift it documents.
 */
import { describe, expect, it } from 'vitest';
import { sameValue } from '../../src/compare/difference.js';
import { TORCH_COSINE_WALKED, torchCosineCycleStarts } from '../../src/dialects/torch-cosine-closed-form.js';
import { torchCosineAnnealing } from '../../src/dialects/torch.js';
import { catalog } from '../../src/catalog.js';
import { buildSchedule } from '../../src/notation/build.js';
import type { Schedule } from '../../src/schedules/schedule.js';
import { bruteExtremes } from '../support/extremes.js';

/**
 * CosineAnnealingLR.get_lr, torch/optim/lr_scheduler.py at torch 1.13.1 (pytorch/pytorch tag v1.13.1), for
 * one parameter group stepped once per update: the value at `step` from `previous`, the value before it.
 */
function torchGetLr(step: number, previous: number, baseLr: number, etaMin: number, tMax: number): number {
  if (step === 0) return baseLr;
  if ((step - 1 - tMax) % (2 * tMax) === 0) return previous + ((baseLr - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2;
  return ((1 + Math.cos((Math.PI * step) / tMax)) / (1 + Math.cos((Math.PI * (step - 1)) / tMax))) * (previous - etaMin) + etaMin;
}

function torchCosine(lr: number, tMax: number, etaMin: number): Schedule {
  return buildSchedule(catalog, { type: 'torch.CosineAnnealingLR', lr, T_max: tMax, eta_min: etaMin } as never, 1).schedule;
}

/** The unit in the last place of x (x > 0). */
function ulp(x: number): number {
  return 2 ** (Math.floor(Math.log2(x)) - 52);
}

/**
 * The drift torch-cosine-closed-form.ts documents: past a trough lr - eta_min is re-rounded to the ulps of
 * eta_min while it is still tiny, which moves it by up to ulp(eta_min) / A of itself (A: its value at the
 * step after the trough), and the telescoped form does not follow that.
 */
function withinEtaMinDrift(ours: number, recursion: number, p: { lr: number; tMax: number; etaMin: number }): boolean {
  if (p.etaMin === 0) return false;
  const afterTrough = ((p.lr - p.etaMin) * (1 - Math.cos(Math.PI / p.tMax))) / 2;
  return Math.abs(ours - recursion) <= (ulp(p.etaMin) / afterTrough) * Math.abs(recursion - p.etaMin);
}

/** Walks the recursion from `value` at step `from` through step `to`, checking lrviz at every step. */
function expectRecursionFollowed(s: Schedule, p: { lr: number; tMax: number; etaMin: number }, from: number, value: number, to: number, checkFrom = from): void {
  let previous = value;
  for (let step = from; step <= to; step++) {
    if (step > from) previous = torchGetLr(step, previous, p.lr, p.etaMin, p.tMax);
    if (step < checkFrom) continue;
    const ours = s.lr(step);
    if (!sameValue(ours, previous) && !withinEtaMinDrift(ours, previous, p)) expect.fail(`T_max=${p.tMax} eta_min=${p.etaMin}: step ${step}: lrviz ${ours}, the recursion ${previous}`);
  }
}

/** Parameters the tests below hold lrviz to torch's recursion with: whole and fractional T_max, eta_min 0 and above. */
const cases = [
  { lr: 0.1, tMax: 1, etaMin: 0 },
  { lr: 0.1, tMax: 2, etaMin: 0.001 },
  { lr: 1, tMax: 3, etaMin: 0 },
  { lr: 0.1, tMax: 100, etaMin: 0 },
  { lr: 0.1, tMax: 1000, etaMin: 0.002 },
  { lr: 3e-4, tMax: 12_345, etaMin: 1e-6 },
  { lr: 0.1, tMax: 1_000_000, etaMin: 0 },
  { lr: 0.1, tMax: 7.5, etaMin: 0.01 },
  { lr: 0.1, tMax: 333.3, etaMin: 0 },
];

describe('torch.CosineAnnealingLR past the walked steps', () => {
  it.each(cases)('follows the recursion step by step to 2^21 steps: %o', (p) => {
    expectRecursionFollowed(torchCosine(p.lr, p.tMax, p.etaMin), p, 0, p.lr, 2 ** 21, TORCH_COSINE_WALKED - 5);
  });

  it.each(cases.filter((p) => Number.isInteger(p.tMax) && p.tMax <= 1000))('follows it from far troughs, up to 1e12 steps: %o', (p) => {
    const s = torchCosine(p.lr, p.tMax, p.etaMin);
    for (const step of [1e8, 987_654_321, 1e10, 3e11, 1e12 - 3 * p.tMax]) {
      // A trough two periods back: the recursion lands on eta_min there (exactly while (2m+1)^2 is below
      // about 1e14, to 1e-13 of the amplitude beyond), forgetting its past, so walking on from it is the
      // recursion at these steps.
      const m = Math.floor((step / p.tMax - 1) / 2) - 1;
      const trough = (2 * m + 1) * p.tMax;
      expectRecursionFollowed(s, p, trough, p.etaMin, trough + 4 * p.tMax + 3, trough + 2 * p.tMax);
    }
  });

  it('follows a recursion started from another lr (a SequentialLR after OneCycleLR) through its first trough', () => {
    for (const tMax of [100, 300_000, 77.25]) {
      // 300_000 with eta_min > 0 drifts by more than 1e-9 of the value: see withinEtaMinDrift.
      const p = { lr: 0.1, tMax, etaMin: 0.001 };
      expectRecursionFollowed(torchCosineAnnealing(p.lr, p.etaMin, tMax, 0.004), p, 0, 0.004, 2 ** 20, TORCH_COSINE_WALKED - 5);
    }
  });

  it('reaches a far step from its trough, not by walking there: 100,000 steps near 1e12 end (a walk would not)', () => {
    const s = torchCosine(0.1, 100.5, 0);
    let sum = 0;
    for (let k = 0; k < 100_000; k++) sum += s.lr(1e12 - k * 9_999_991);
    expect(sum).toBeGreaterThan(0);
  });
});

describe('torch.CosineAnnealingLR: where its periods begin', () => {
  it("names the steps where torch's get_lr adds instead of scaling, (t - 1 - T_max) % (2 T_max) == 0, in any range", () => {
    for (const tMax of [1, 2, 3, 7, 100]) {
      const starts = torchCosine(0.1, tMax, 0).cycleStarts!;
      for (const [start, end] of [[0, 1], [1, 2], [0, 50], [1, 500], [tMax + 1, tMax + 2], [tMax + 2, 3 * tMax + 2], [37, 1234], [999, 5000]]) {
        const walked: number[] = [];
        for (let t = Math.max(start, 1); t < end; t++) if (t > tMax && (t - 1 - tMax) % (2 * tMax) === 0) walked.push(t);
        const kept = Math.min(4, walked.length);
        expect(starts(start, end, 4), `T_max=${tMax} [${start}, ${end})`).toEqual({ count: walked.length, first: walked.slice(0, kept), last: walked.slice(walked.length - kept) });
      }
    }
  });

  it('counts them over 1e12 steps without listing them, and has none for a T_max between whole steps', () => {
    expect(torchCosineCycleStarts(100)(1, 1e12, 2)).toEqual({ count: 5e9, first: [101, 301], last: [1e12 - 299, 1e12 - 99] });
    expect(torchCosine(0.1, 7.5, 0).cycleStarts).toBeUndefined();
  });
});

describe('torch.CosineAnnealingLR: exact extremes over a range', () => {
  it('are the lowest and highest value a walk over every step finds, near the start, across the walked steps and far out', () => {
    const starts = [0, 1, 57, TORCH_COSINE_WALKED - 777, 987_654_321, 1e12 - 12_345];
    // Whole-step T_max whose steps the cosine tells apart (see the last test), and eta_min above lr: the cosine upside down.
    for (const p of [...cases.filter((c) => Number.isInteger(c.tMax) && c.tMax < 1e6), { lr: 0.01, tMax: 50, etaMin: 0.02 }]) {
      const s = torchCosine(p.lr, p.tMax, p.etaMin);
      for (const start of starts) {
        for (const length of [1, 2, p.tMax, p.tMax + 1, 2 * p.tMax + 3, 4 * p.tMax + 5, Math.min(30_001, 8192 * p.tMax)]) {
          const range = s.extremes?.(start, start + length);
          expect(range, `T_max=${p.tMax} [${start}, +${length})`).toEqual(bruteExtremes(s, start, start + length));
        }
      }
    }
  });

  it('hold for a recursion started from another lr (a SequentialLR after OneCycleLR)', () => {
    const s = torchCosineAnnealing(0.1, 0.001, 100, 0.004);
    for (const [start, end] of [[0, 5000], [TORCH_COSINE_WALKED - 300, TORCH_COSINE_WALKED + 300], [5e8, 5e8 + 1000]]) {
      expect(s.extremes?.(start, end)).toEqual(bruteExtremes(s, start, end));
    }
  });

  it('are not told where they would cost a visit to more than 4,096 periods, or where rounding may reorder neighbouring steps', () => {
    expect(torchCosine(0.1, 100, 0).extremes?.(TORCH_COSINE_WALKED, TORCH_COSINE_WALKED + 200 * 4097)).toBeUndefined();
    // T_max between whole steps: no trough falls on a step.
    expect(torchCosine(0.1, 7.5, 0).extremes?.(TORCH_COSINE_WALKED, TORCH_COSINE_WALKED + 100)).toBeUndefined();
    // A step moves pi / T_max = 3e-8 rad: next to a peak the cosine changes by less than an ulp of 1.
    expect(torchCosine(0.1, 1e8, 0).extremes?.(TORCH_COSINE_WALKED, TORCH_COSINE_WALKED + 100)).toBeUndefined();
  });
});
