import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSchedule, exitStatus, summarize } from '../../src/check/index.js';
import type { Training } from '../../src/check/training.js';
import { constant, cosine, exponential, join, linear, restarts, schedule, warmup, type Schedule } from '../../src/schedules/index.js';
import { fillValues } from '../../src/schedules/schedule.js';
import { buildSchedule } from '../../src/notation/build.js';
import { parseTextSpec } from '../../src/notation/parse.js';
import { catalog } from '../../src/catalog.js';

const run = (steps: number, more: Partial<Training> = {}): Training => ({ schedulerSteps: steps, stepped: 'batch', ...more });
const codes = (s: Schedule, training: Training, spec?: Record<string, unknown>) =>
  checkSchedule({ label: 's', schedule: s, training, spec: spec as never }).findings.map((f) => f.code);
const findingsOf = (s: Schedule, training: Training) => checkSchedule({ label: 's', schedule: s, training }).findings;
const built = (text: string, steps: number) => {
  const b = buildSchedule(catalog, parseTextSpec(text), steps);
  return checkSchedule({ label: text, schedule: b.schedule, spec: b.resolved, training: run(steps), definitionName: b.definition.name }).findings;
};

/** timm's CosineLRScheduler without warmup_prefix: the warmup is laid over a cosine that starts at step 0. */
function timmNoPrefix(base: number, warmupInit: number, warmupT: number, tInitial: number): Schedule {
  const decay = cosine(base, 0, tInitial);
  return schedule((t) => (t < warmupT ? warmupInit + (t * (base - warmupInit)) / warmupT : decay.lr(t)), tInitial);
}

describe('well-formed schedules report nothing', () => {
  const cases: [string, string, number][] = [
    ['warmup from above 0 into a cosine over the run', 'cosine-warmup:lr=3e-4,warmup=500,start_lr=3e-6', 10000],
    ['linear decay with a warmup from above 0', 'linear:lr=1e-5,warmup=500,start_lr=1e-7', 5000],
    ['warmup-stable-decay', 'wsd:lr=1e-3,warmup=100,start_lr=1e-5,decay=200', 2000],
    ['a cosine without warmup', 'cosine:lr=0.1', 35190],
    ['constant', 'constant:lr=0.01', 1000],
    ['step decay', 'step:lr=0.1,step_size=30,gamma=0.1', 90],
    ['exponential decay', 'exponential:lr=0.1,decay_rate=0.5,decay_steps=100', 1000],
    ['one cycle', 'one-cycle:lr=0.1', 1000],
  ];
  for (const [name, spec, steps] of cases) {
    it(name, () => expect(built(spec, steps)).toEqual([]));
  }

  it('timm with warmup_prefix: the cosine starts where the warmup ends', () => {
    const warmupT = 20 * 1251;
    const prefixed = warmup(cosine(1e-3, 1e-5, 280 * 1251), { steps: warmupT, startLr: 1e-6, endLr: 1e-3 });
    expect(codes(prefixed, run(300 * 1251))).toEqual([]);
  });

  it('any warmup from above 0 into a cosine whose horizon is the training length (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 4000 }), fc.double({ min: 0.001, max: 0.9, noNaN: true }), fc.double({ min: 1e-6, max: 1, noNaN: true }), (steps, warmupShare, peak) => {
        const warmupSteps = Math.max(2, Math.floor(steps * warmupShare * 0.5));
        const s = warmup(cosine(peak, 0, steps - warmupSteps), { steps: warmupSteps, startLr: peak / 100, endLr: peak });
        expect(codes(s, run(steps))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('horizon against training length', () => {
  it('LRV001: the seed tutorial, an 800-step CosineWarmup trained 7,820 steps, climbs back to its peak', () => {
    const seed = warmup(cosine(0.5, 0, 300, 'continue'), { steps: 500, startLr: 0, endLr: 0.5 });
    const [horizon] = findingsOf(seed, run(7820)).filter((f) => f.code === 'LRV001');
    expect(horizon).toMatchObject({ severity: 'error', step: 800, name: 'horizon-before-end' });
    expect(horizon.values.lrAtHorizon).toBeCloseTo(0, 12);
    expect(horizon.values.maxAfterHorizon).toBeCloseTo(0.5, 6);
    expect(horizon.message).toContain('climbs back');
  });

  it('LRV002: a cosine that bottoms out at step 75 of 85 sits at its floor', () => {
    const [floor] = findingsOf(cosine(0.1, 1e-4, 75), run(85));
    expect(floor).toMatchObject({ code: 'LRV002', severity: 'warning', step: 75, values: { stepsAtFloor: 10, floor: 1e-4 } });
  });

  it('LRV002 names the parameter to change', () => {
    const [floor] = built('cosine:lr=0.1,total=75', 85);
    expect(floor.fix).toContain('change total=75 to 85');
  });

  it('LRV003: a horizon scaled by gradient accumulation never finishes its decay', () => {
    const [unfinished] = findingsOf(linear(1e-4, 0, 4000), run(1000));
    expect(unfinished).toMatchObject({ code: 'LRV003', step: 999 });
    expect(unfinished.values.finalLr).toBeCloseTo(1e-4 * (3001 / 4000), 12);
  });

  it('a horizon within 2% past the end is not unfinished', () => {
    expect(codes(linear(1e-4, 0, 1010), run(1000))).toEqual([]);
  });
});

describe('epochs and steps', () => {
  it('LRV004: T_max in epochs, stepped per batch; the rebound it causes is not reported twice', () => {
    const torchLike = cosine(0.1, 0, 90, 'continue');
    const found = checkSchedule({ label: 't', schedule: torchLike, spec: { type: 'x', T_max: 90 }, training: run(90 * 391, { epochs: 90, stepsPerEpoch: 391 }) }).findings;
    expect(found.map((f) => f.code)).toEqual(['LRV004']);
    expect(found[0].message).toContain("T_max=90 matches the run's 90 epochs");
    expect(found[0].fix).toContain('set T_max=35190 (90 epochs × 391 steps)');
  });

  it('LRV005: a horizon in batches given to a scheduler stepped per epoch', () => {
    const found = findingsOf(cosine(0.1, 0, 35190), run(90, { stepped: 'epoch', epochs: 90, stepsPerEpoch: 391 }));
    expect(found.map((f) => f.code)).toEqual(['LRV005']);
    expect(found[0].values.finalLr).toBeGreaterThan(0.0999);
  });

  it('a horizon in batches stepped per batch is right', () => {
    expect(codes(cosine(0.1, 0, 35190), run(35190, { epochs: 90, stepsPerEpoch: 391 }))).toEqual([]);
  });
});

describe('warmup', () => {
  it('LRV006: HF-style warmup from 0 wastes the first update', () => {
    const [zero] = findingsOf(warmup(cosine(1e-5, 0, 900), { steps: 100, startLr: 0, endLr: 1e-5 }), run(1000));
    expect(zero).toMatchObject({ code: 'LRV006', step: 0, values: { stepsAtZero: 1 } });
    expect(zero.values.nextLr).toBeCloseTo(1e-7, 18);
  });

  it('LRV006 stepped per epoch: the whole first epoch', () => {
    const [zero] = findingsOf(warmup(cosine(0.1, 0, 95), { steps: 5, startLr: 0, endLr: 0.1 }), run(100, { stepped: 'epoch', epochs: 100, stepsPerEpoch: 50 }));
    expect(zero.message).toMatch(/the first epoch \(50 updates\) trains at learning rate 0/);
  });

  it('LRV007: timm without warmup_prefix drops where the warmup ends (Swin-Transformer#277)', () => {
    const steps = 300 * 1251;
    const found = findingsOf(timmNoPrefix(1e-3, 1e-6, 20 * 1251, steps), run(steps));
    const jump = found.find((f) => f.code === 'LRV007')!;
    expect(jump.step).toBe(20 * 1251);
    expect(jump.values.jump).toBeLessThan(-0.01 * 1e-3);
  });

  it('LRV007: a warmup aimed below the peak jumps up', () => {
    const s = warmup(cosine(1, 0, 900), { steps: 100, startLr: 0.01, endLr: 0.5 });
    const jump = findingsOf(s, run(1000)).find((f) => f.code === 'LRV007')!;
    expect(jump).toMatchObject({ step: 100, values: { after: 1 } });
  });

  it('a short timm warmup (5 of 300 epochs) makes no visible jump and no finding', () => {
    expect(codes(timmNoPrefix(1e-3, 1e-6, 5 * 100, 300 * 100), run(300 * 100))).toEqual([]);
  });

  it('LRV010: warmup longer than the run', () => {
    const [rising] = findingsOf(warmup(constant(1e-3), { steps: 2000, startLr: 1e-5 }), run(1000));
    expect(rising).toMatchObject({ code: 'LRV010', step: 999 });
  });
});

describe('restarts', () => {
  const sgdr = (decay: number) => restarts({ firstCycle: 1000, cycleMult: 2, cycle: (k, length) => cosine(0.1 * decay ** k, 0, length) });

  it('LRV008 and LRV009: ending mid-cycle, peaks not decaying', () => {
    const found = findingsOf(sgdr(1), run(5000));
    expect(found.map((f) => f.code)).toEqual(['LRV008', 'LRV009']);
    expect(found[0].values).toMatchObject({ cycleStart: 3000, expectedCycleEnd: 7000 });
    expect(found[1].message).toContain('do not decay');
  });

  it('cycles shorter than the sampling stride: every restart counted and the named steps exact, as a walk over every step finds them', () => {
    // 2^20 + 7 steps are sampled every 2 steps; the cycles are 3 steps long, so samples fall anywhere in them.
    const steps = 2 ** 20 + 7;
    for (const [text, warmupSteps] of [['torch.CosineAnnealingWarmRestarts:T_0=3', 0], ['cosine-restarts:cycle=3,warmup=4', 4]] as const) {
      const b = buildSchedule(catalog, parseTextSpec(text), steps);
      const values = new Float64Array(steps);
      fillValues(b.schedule, 0, values);
      const restartsWalked: number[] = [];
      for (let i = warmupSteps + 1; i < steps; i++) if (values[i] > values[i - 1]) restartsWalked.push(i);
      const found = built(text, steps);
      const peaks = found.find((f) => f.code === 'LRV009');
      expect(peaks, text).toMatchObject({ step: restartsWalked[0], values: { restarts: restartsWalked.length } });
      expect(peaks?.message).toContain(`${restartsWalked.length.toLocaleString('en')} restarts (first at step ${restartsWalked[0]})`);
      const midCycle = found.find((f) => f.code === 'LRV008');
      const last = restartsWalked[restartsWalked.length - 1];
      if (steps - 1 - last > 0) expect(midCycle?.values, text).toMatchObject({ cycleStart: last, expectedCycleEnd: last + 3 });
      // Sampled values can all land on the same point of every cycle; the exact range says the rate moves.
      expect(found.map((f) => f.code)).not.toContain('LRV011');
    }
  });

  it('cycles of 3 steps over 1e9 steps: 333,333,333 restarts, the last at step 999,999,999', () => {
    const found = built('torch.CosineAnnealingWarmRestarts:T_0=3', 1e9);
    expect(found.find((f) => f.code === 'LRV009')?.values).toMatchObject({ restarts: 333_333_333 });
    expect(found.find((f) => f.code === 'LRV011')).toBeUndefined();
  });

  /** A sawtooth from 1 down to 0 over `cycle` steps, again and again, known only by its values (no cycleStarts). */
  const sawtooth = (cycle: number) => schedule((t) => 1 - (Math.floor(t) % cycle) / cycle);
  /** A cosine wave of `period` steps between 0 and 1: it never rises 10% in one step for a period past 32. */
  const wave = (period: number) => schedule((t) => 0.5 + 0.5 * Math.cos((2 * Math.PI * Math.floor(t)) / period));

  it('restarts between samples a stride apart are pinned and counted exactly, as a walk over every step finds them', () => {
    // Sampled every 4 steps; 838 restarts are few enough to pin each one, 8,371 only the ones named.
    for (const cycle of [5000, 501]) {
      const steps = 2 ** 22;
      const walked: number[] = [];
      for (let t = cycle; t < steps; t += cycle) walked.push(t);
      const peaks = findingsOf(sawtooth(cycle), run(steps)).find((f) => f.code === 'LRV009');
      expect(peaks, `cycle ${cycle}`).toMatchObject({ step: cycle, values: { restarts: walked.length } });
    }
  });

  it('a wave shorter than the stride rises and falls from sample to sample, but never restarts', () => {
    // Every 16th step of a 50-step wave lands anywhere in it: the samples jump by up to the whole range,
    // a rise at once between samples thousands of times (the ones a finding would name are pinned and fail).
    expect(codes(wave(50), run(2 ** 24))).not.toContain('LRV009');
    // Every 4th step of a 45-step wave: one such rise, pinned and tested.
    expect(codes(wave(45), run(2 ** 22))).not.toContain('LRV009');
    // As many samples, every step: the same wave, the same finding (none).
    expect(codes(wave(50), run(2 ** 20))).not.toContain('LRV009');
  });

  it("torch's recursive cosine of T_max=100 over 1e9 steps, sampled every 954, has the findings it has over 1e6 steps (no restarts)", () => {
    const atMillion = built('torch.CosineAnnealingLR:T_max=100', 1e6).map((f) => f.code);
    expect(atMillion).toEqual(['LRV001']);
    expect(built('torch.CosineAnnealingLR:T_max=100', 1e9).map((f) => f.code)).toEqual(atMillion);
  });

  it("torch's recursive cosine of T_max=1 jumps back to its peak every other step: sampled at even steps only, each restart is still counted", () => {
    const restartsOver = (steps: number) => built('torch.CosineAnnealingLR:T_max=1', steps).find((f) => f.code === 'LRV009');
    expect(restartsOver(1e6)).toMatchObject({ step: 2, values: { restarts: 499_999 } });
    expect(restartsOver(1e9)).toMatchObject({ step: 2, values: { restarts: 499_999_999 } });
  });

  it('a rise at the last step is a restart only if the schedule does not climb on after it', () => {
    // torch's recursive cosine of T_max=2 climbs from its trough over two steps; 1e6 steps stop between them.
    expect(built('torch.CosineAnnealingLR:T_max=2', 1e6).map((f) => f.code)).toEqual(['LRV001']);
    // A restart on the last step is one all the same.
    const found = built('cosine-restarts:cycle=1000', 3001);
    expect(found.find((f) => f.code === 'LRV009')?.values).toMatchObject({ restarts: 3 });
    expect(found.find((f) => f.code === 'LRV008')?.values).toMatchObject({ cycleStart: 3000 });
  });

  it('ending at a cycle boundary leaves only the information about the peaks', () => {
    const found = findingsOf(sgdr(0.5), run(7000));
    expect(found.map((f) => f.code)).toEqual(['LRV009']);
    expect(found[0].message).toContain('decaying peaks 0.1, 0.05, 0.025');
  });
});

describe('values', () => {
  it('LRV011: a "warmup" from the peak to the peak never changes', () => {
    expect(built('warmup:lr=1e-3,warmup=100,start_lr=1e-3', 1000).map((f) => f.code)).toEqual(['LRV011']);
  });

  it('LRV012: a learning rate below zero', () => {
    const found = findingsOf(join([linear(0.1, -0.01, 100), constant(-0.01)], [100]), run(200));
    expect(found[0]).toMatchObject({ code: 'LRV012', severity: 'error' });
    expect(found[0].step).toBe(91);
  });

  it('huge runs are sampled, and exact steps are still found', () => {
    const steps = 2e8;
    const s = warmup(exponential({ from: 0.1, rate: 0.5, every: 1e7 }), { steps: 1000, startLr: 0 });
    const [zero] = findingsOf(s, run(steps));
    expect(zero.code).toBe('LRV006');
  });
});

describe('exit status', () => {
  it('errors fail; warnings fail only when strict; infos never', () => {
    expect(exitStatus({ errors: 1, warnings: 0, infos: 0 }, false)).toBe(1);
    expect(exitStatus({ errors: 0, warnings: 1, infos: 0 }, false)).toBe(0);
    expect(exitStatus({ errors: 0, warnings: 1, infos: 0 }, true)).toBe(1);
    expect(exitStatus({ errors: 0, warnings: 0, infos: 3 }, true)).toBe(0);
    expect(summarize([{ label: 'a', findings: findingsOf(cosine(0.1, 1e-4, 75), run(85)) }])).toEqual({ errors: 0, warnings: 1, infos: 0 });
  });
});

describe('framework schedulers that look like mistakes but are not (and one that is)', () => {
  const dialect = (spec: Record<string, unknown>, steps: number) => {
    const b = buildSchedule(catalog, spec as never, steps);
    return checkSchedule({ label: String(spec.type), schedule: b.schedule, spec: b.resolved, training: run(steps), definitionName: b.definition.name }).findings.map((f) => f.code);
  };

  it('torch ConstantLR and a LinearLR warmup end at the full lr: no floor warning', () => {
    expect(dialect({ type: 'torch.ConstantLR', lr: 0.1, factor: 0.5, total_iters: 10 }, 30)).toEqual([]);
    expect(dialect({ type: 'torch.LinearLR', lr: 0.1, start_factor: 0.1, total_iters: 20 }, 50)).toEqual([]);
  });

  it('a cosine of 1.5 cycles over few steps rises fast but does not restart', () => {
    expect(dialect({ type: 'hf.cosine', lr: 1e-3, num_warmup_steps: 5, num_training_steps: 120, num_cycles: 1.5 }, 120)).not.toContain('LRV009');
  });

  it('timm without warmup_prefix and a short warmup: the ramp bends before the peak (LRV007)', () => {
    const found = checkSchedule({
      label: 'timm',
      schedule: timmNoPrefix(1e-3, 1e-6, 20, 200),
      training: run(220),
    }).findings;
    expect(found.map((f) => f.code)).toContain('LRV007');
    expect(found.find((f) => f.code === 'LRV007')!.message).toContain('bends at step 20');
  });

  it('a one-cycle ramp is curved, not a linear warmup that bends', () => {
    expect(dialect({ type: 'torch.OneCycleLR', max_lr: 0.1, total_steps: 50 }, 50)).toEqual([]);
  });
});

describe('gradient accumulation', () => {
  it('LRV013: a horizon counted in micro-batches (diffusers#4387); the unfinished decay it causes is not reported twice', () => {
    const found = findingsOf(warmup(cosine(1e-4, 0, 3900), { steps: 100, startLr: 1e-6, endLr: 1e-4 }), run(1000, { gradientAccumulation: 4 }));
    expect(found.map((f) => f.code)).toEqual(['LRV013']);
    expect(found[0].values).toMatchObject({ horizon: 4000, trainSteps: 1000, gradientAccumulation: 4 });
  });

  it('a horizon in optimizer updates is right whatever the accumulation', () => {
    expect(codes(warmup(cosine(1e-4, 0, 900), { steps: 100, startLr: 1e-6, endLr: 1e-4 }), run(1000, { gradientAccumulation: 4 }))).toEqual([]);
  });
});

describe('check at any number of steps', () => {
  it('pins only the restarts the finding names: cycles of two steps over 1e12 steps end in bounded time', async () => {
    const built = buildSchedule(catalog, { type: 'cosine-restarts', cycle: 2 } as never, 1e12);
    let calls = 0;
    const counted = { ...built.schedule, lr: (i: number) => (calls++, built.schedule.lr(i)) };
    const result = checkSchedule({ label: 'x', schedule: counted, training: { schedulerSteps: 1e12 } as never });
    expect(result.findings.find((f) => f.code === 'LRV009')?.values).toMatchObject({ restarts: 5e11 - 1 });
    // The profile's 2^20 samples and a few probes of the restarts named, no more.
    expect(calls).toBeLessThan(2 ** 20 + 2_000);
  });
});
