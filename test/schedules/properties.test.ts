/**
 * Invariants every built-in schedule keeps, over random parameters (fast-check): finite values, inside the
 * range its parameters promise, continuous where promised, and a warmup that reaches lr exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { curveOf, materialize } from '../../src/curve/curve.js';
import { buildSchedule } from '../../src/notation/build.js';
import { catalog } from '../../src/catalog.js';

const lr = fc.double({ min: 1e-7, max: 10, noNaN: true });
const fraction = fc.double({ min: 0, max: 1, noNaN: true });

/** Random valid parameters for each built-in, with the plot length. */
const arbitrary = fc.record({
  steps: fc.integer({ min: 20, max: 3000 }),
  lr,
  minFraction: fraction,
  startFraction: fraction,
  warmupFraction: fc.double({ min: 0, max: 0.9, noNaN: true }),
  decayFraction: fc.double({ min: 0, max: 0.5, noNaN: true }),
  cycleFraction: fc.double({ min: 0.01, max: 1, noNaN: true }),
  cycleMult: fc.constantFrom(1, 1.5, 2, 3),
  cycleDecay: fc.double({ min: 0.05, max: 1, noNaN: true }),
  power: fc.double({ min: 0.2, max: 5, noNaN: true }),
});
type Draw = typeof arbitrary extends fc.Arbitrary<infer T> ? T : never;

function specFor(name: string, d: Draw): Record<string, unknown> {
  const minLr = d.lr * d.minFraction;
  const startLr = d.lr * d.startFraction;
  const warmup = Math.floor(d.steps * d.warmupFraction);
  const common = { lr: d.lr };
  switch (name) {
    case 'constant':
      return { type: name, ...common };
    case 'warmup':
      return { type: name, ...common, warmup, start_lr: startLr };
    case 'cosine':
      return { type: name, ...common, min_lr: minLr };
    case 'cosine-warmup':
    case 'linear':
      return { type: name, ...common, warmup, start_lr: startLr, min_lr: minLr };
    case 'polynomial':
      return { type: name, ...common, warmup, start_lr: startLr, min_lr: minLr, power: d.power };
    case 'cosine-restarts':
      return { type: name, ...common, cycle: Math.max(1, Math.floor(d.steps * d.cycleFraction)), cycle_mult: d.cycleMult, cycle_decay: d.cycleDecay, min_lr: minLr, warmup, start_lr: startLr };
    case 'wsd':
      return { type: name, ...common, warmup: Math.floor(warmup / 2), decay: Math.floor(d.steps * d.decayFraction), min_lr: minLr, start_lr: startLr };
    case 'step':
      return { type: name, ...common, step_size: Math.max(1, Math.floor(d.steps * d.cycleFraction)), gamma: d.cycleDecay, warmup, start_lr: startLr };
    case 'exponential':
      return { type: name, ...common, decay_rate: d.cycleDecay, warmup, start_lr: startLr };
    case 'inverse-sqrt':
      return { type: name, ...common, warmup: Math.max(1, warmup), start_lr: startLr };
    case 'one-cycle':
      return { type: name, ...common, pct_start: Math.max(0.05, d.warmupFraction) };
    case 'expr':
      return { type: name, ...common, f: 'lr * 0.5 * (1 + cos(pi * min(step, total) / total))' };
    case 'nanogpt':
      return { type: name, learning_rate: d.lr, warmup_iters: warmup, lr_decay_iters: warmup + Math.max(1, Math.floor(d.steps * d.decayFraction)), min_lr: minLr };
    default:
      throw new Error(`no generator for ${name}: add one`);
  }
}

const builtins = catalog.all()
  .filter((d) => d.framework === undefined && d.name !== 'sequence' && d.name !== 'scale')
  .map((d) => d.name);

/** Schedules whose curve has no jump: the largest step-to-step change is bounded by range * slope / length. */
const CONTINUOUS = new Set(['constant', 'warmup', 'cosine', 'cosine-warmup', 'linear', 'one-cycle']);

describe.each(builtins)('%s', (name) => {
  it('is finite and stays between its floor and its peak', () => {
    fc.assert(
      fc.property(arbitrary, (d) => {
        const spec = specFor(name, d);
        const values = materialize(curveOf(buildSchedule(catalog, spec as never, d.steps).schedule, name, d.steps));
        const resolved = buildSchedule(catalog, spec as never, d.steps).resolved;
        const peak = (resolved.lr ?? resolved.learning_rate) as number;
        let floor = Math.min(peak, (resolved.min_lr as number | undefined) ?? peak, (resolved.start_lr as number | undefined) ?? peak);
        if (name === 'one-cycle') floor = peak / (resolved.div_factor as number) / (resolved.final_div_factor as number);
        if (name === 'step' || name === 'exponential' || name === 'inverse-sqrt' || name === 'expr' || name === 'nanogpt') floor = 0;
        for (let i = 0; i < values.length; i++) {
          const v = values[i];
          if (!Number.isFinite(v) || v < floor * (1 - 1e-12) - 1e-300 || v > peak * (1 + 1e-12)) {
            return expect.fail(`${JSON.stringify(spec)} step ${i}: ${v} outside [${floor}, ${peak}]`);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reaches lr exactly at the end of its warmup', () => {
    const def = catalog.all().find((d) => d.name === name)!;
    if (!def.params.some((p) => p.name === 'warmup')) return;
    fc.assert(
      fc.property(arbitrary, (d) => {
        const spec = { ...specFor(name, d), warmup: Math.max(1, Math.floor(d.steps * d.warmupFraction / 2)) };
        if (name === 'wsd') spec.decay = 0;
        const built = buildSchedule(catalog, spec as never, d.steps);
        expect(built.schedule.lr(spec.warmup as number)).toBe(d.lr);
        if ((spec.warmup as number) > 1) expect(built.schedule.lr((spec.warmup as number) - 1)).toBeLessThanOrEqual(d.lr);
      }),
      { numRuns: 60 },
    );
  });

  it.runIf(CONTINUOUS.has(name))('has no jump', () => {
    fc.assert(
      fc.property(arbitrary, (d) => {
        const spec = specFor(name, d);
        const built = buildSchedule(catalog, spec as never, d.steps);
        const values = materialize(curveOf(built.schedule, name, d.steps));
        const r = built.resolved;
        // The shortest stretch over which the curve moves, and how far it moves.
        const warmup = (r.warmup as number | undefined) ?? 0;
        const total = (r.total as number | undefined) ?? d.steps;
        const lengths = [total - warmup, warmup].filter((n) => n > 0);
        if (name === 'one-cycle') lengths.push(Math.round((r.pct_start as number) * total), total - Math.round((r.pct_start as number) * total));
        const shortest = Math.min(...lengths.filter((n) => n > 0), Infinity);
        // A cosine moves at most (range * pi/2) per its length; a line less. The range is at most lr.
        const bound = ((r.lr as number) * (Math.PI / 2)) / shortest * (1 + 1e-12);
        for (let i = 1; i < values.length; i++) {
          if (Math.abs(values[i] - values[i - 1]) > bound) expect.fail(`${JSON.stringify(spec)}: jump of ${values[i] - values[i - 1]} at step ${i} (bound ${bound})`);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe.each(builtins)('%s fast path', (name) => {
  it('fill(start, out) agrees with lr(step) exactly, from any start', () => {
    fc.assert(
      fc.property(arbitrary, fc.nat(), fc.integer({ min: 1, max: 700 }), (d, offset, length) => {
        const s = buildSchedule(catalog, specFor(name, d) as never, d.steps).schedule;
        const start = offset % (d.steps * 2);
        const out = new Float64Array(length);
        if (s.fill) s.fill(start, out);
        else return;
        for (let j = 0; j < length; j++) if (!Object.is(out[j], s.lr(start + j))) expect.fail(`step ${start + j}: fill ${out[j]} vs lr ${s.lr(start + j)}`);
      }),
      { numRuns: 50 },
    );
  });
});
