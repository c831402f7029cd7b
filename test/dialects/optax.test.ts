/**
 * optax dialect beyond the golden files: schedules with no golden, optax's stated edge cases, and bad
 * input. Expected values are worked out by hand (Python float64) from google-deepmind/optax
 * optax/schedules/_schedule.py and _join.py; each case names the function it follows. Value i is
 * `schedule(i)`.
 */
import { describe, expect, it } from 'vitest';
import { buildError, expectClose, lrAt as at } from '../support/dialect.js';

describe('optax.linear_schedule and polynomial_schedule (polynomial_schedule)', () => {
  it('holds init_value for transition_begin steps, then moves, then holds end_value', () => {
    expectClose(at('optax.linear_schedule:init_value=1,end_value=0.01,transition_steps=100,transition_begin=5', [0, 5, 6, 104, 105, 110]), [
      1, 1, 0.9901, 0.019900000000000008, 0.01, 0.01,
    ]);
  });

  it('follows the docstring example of power 2', () => {
    expectClose(at('optax.polynomial_schedule:init_value=1,end_value=0.01,power=2,transition_steps=100,transition_begin=5', [0, 5, 6, 104, 105, 110]), [
      1, 1, 0.9802989999999999, 0.010099, 0.01, 0.01,
    ]);
  });

  it('is constant at init_value when transition_steps <= 0, and counts a negative transition_begin as 0', () => {
    expectClose(at('optax.linear_schedule:init_value=1,end_value=0.01,transition_steps=0', [0, 50]), [1, 1]);
    expectClose(at('optax.linear_schedule:init_value=1,end_value=0.01,transition_steps=-3', [0, 50]), [1, 1]);
    expectClose(at('optax.linear_schedule:init_value=1,end_value=0.01,transition_steps=100,transition_begin=-5', [0, 5]), [1, 0.9505]);
  });
});

describe('optax.cosine_decay_schedule (cosine_decay_schedule)', () => {
  it('raises the cosine factor to exponent and holds alpha*init_value past decay_steps', () => {
    expectClose(at('optax.cosine_decay_schedule:init_value=0.1,decay_steps=10,alpha=0.1,exponent=2', [0, 3, 5, 10, 12]), [
      0.1, 0.06672389516644314, 0.0325, 0.010000000000000002, 0.010000000000000002,
    ]);
  });

  it('refuses decay_steps <= 0, which optax raises for', () => {
    expect(buildError('optax.cosine_decay_schedule:init_value=0.1,decay_steps=0')).toMatch(/decay_steps=0 is not allowed/);
  });
});

describe('optax.exponential_decay (exponential_decay)', () => {
  it('staircase: whole transitions counted from transition_begin; end_value is a floor when decay_rate < 1', () => {
    expectClose(at('optax.exponential_decay:init_value=1,transition_steps=10,decay_rate=0.5,transition_begin=5,staircase=true,end_value=0.3', [0, 5, 14, 15, 24, 25, 40]), [
      1, 1, 1, 0.5, 0.5, 0.3, 0.3,
    ]);
  });

  it('smooth decay', () => {
    expectClose(at('optax.exponential_decay:init_value=1,transition_steps=10,decay_rate=0.5,transition_begin=5', [5, 10, 15]), [1, 0.7071067811865476, 0.5]);
  });

  it('clips values before transition_begin too, and end_value is a ceiling when decay_rate > 1', () => {
    expectClose(at('optax.exponential_decay:init_value=0.2,transition_steps=10,decay_rate=0.5,end_value=0.3', [0, 10]), [0.3, 0.3]);
    expectClose(at('optax.exponential_decay:init_value=0.1,transition_steps=10,decay_rate=2,end_value=0.3', [0, 10, 20]), [0.1, 0.2, 0.3]);
  });

  it('is constant for transition_steps <= 0 or decay_rate = 0', () => {
    expectClose(at('optax.exponential_decay:init_value=0.4,transition_steps=0,decay_rate=0.5', [0, 9]), [0.4, 0.4]);
    expectClose(at('optax.exponential_decay:init_value=0.4,transition_steps=5,decay_rate=0', [0, 9]), [0.4, 0.4]);
  });

  it('warmup_exponential_decay_schedule: linear warmup, then exponential_decay from peak_value', () => {
    expectClose(at('optax.warmup_exponential_decay_schedule:init_value=0,peak_value=1,warmup_steps=4,transition_steps=10,decay_rate=0.5', [0, 2, 4, 14]), [0, 0.5, 1, 0.5]);
  });
});

describe('optax.piecewise_constant_schedule and piecewise_interpolate_schedule', () => {
  it('multiplies in each scale from its boundary on (the docstring example)', () => {
    expectClose(at({ type: 'optax.piecewise_constant_schedule', init_value: 1, boundaries_and_scales: { '200': 0.01, '100': 0.1 } }, [50, 99, 100, 150, 250]), [
      1, 1, 0.1, 0.1, 0.001,
    ]);
  });

  it('is constant without boundaries_and_scales (None)', () => {
    expectClose(at('optax.piecewise_constant_schedule:init_value=0.3', [0, 1000]), [0.3, 0.3]);
  });

  it('takes boundaries_and_scales as a JSON object in the text form too', () => {
    expectClose(at('optax.piecewise_constant_schedule:init_value=1,boundaries_and_scales={"3":0.5}', [2, 3]), [1, 0.5]);
  });

  it('interpolates between the accumulated values (the docstring example)', () => {
    expectClose(at({ type: 'optax.piecewise_interpolate_schedule', interpolate_type: 'linear', init_value: 1, boundaries_and_scales: { '4': 0.1, '8': 0.01 } }, [0, 2, 4, 6, 8, 10]), [
      1, 0.55, 0.1, 0.0505, 0.001, 0.001,
    ]);
  });

  it('refuses a negative scale (optax raises) and a boundary that is not a step', () => {
    expect(buildError({ type: 'optax.piecewise_constant_schedule', init_value: 1, boundaries_and_scales: { '10': -0.5 } })).toMatch(/boundaries_and_scales\["10"\]=-0.5/);
    expect(buildError({ type: 'optax.piecewise_constant_schedule', init_value: 1, boundaries_and_scales: { ten: 0.5 } })).toMatch(/key "ten" is not a whole step/);
  });
});

describe('optax one-cycle schedules (cosine_onecycle_schedule, linear_onecycle_schedule)', () => {
  it('cosine: up from peak/div_factor to the peak at int(pct_start*T), down to peak/(div*final_div) at T', () => {
    expectClose(at('optax.cosine_onecycle_schedule:transition_steps=100,peak_value=1', [0, 15, 30, 65, 100, 120]), [0.040000000000000036, 0.52, 1, 0.500002, 4e-6, 4e-6]);
  });

  it('linear: up, back down to peak/div_factor at int(pct_final*T), then to its /final_div_factor', () => {
    expectClose(at('optax.linear_onecycle_schedule:transition_steps=100,peak_value=1', [0, 15, 30, 85, 92, 100, 120]), [
      0.04, 0.52, 1, 0.04, 0.0213352, 4.000000000000001e-6, 4.000000000000001e-6,
    ]);
  });
});

describe('optax joins (join_schedules, sgdr_schedule, warmup_*)', () => {
  it('join_schedules restarts each schedule at its boundary; an equal boundary skips a schedule', () => {
    const spec = {
      type: 'optax.join_schedules',
      schedules: [{ symbol: 'constant_schedule', value: 1 }, { symbol: 'constant_schedule', value: 2 }, { symbol: 'linear_schedule', init_value: 0, end_value: 1, transition_steps: 10 }],
      boundaries: [5, 5],
    };
    expectClose(at(spec, [4, 5, 6, 15]), [1, 0, 0.1, 1]);
  });

  it('join_schedules refuses boundaries that do not fit the schedules', () => {
    const schedules = [{ symbol: 'constant_schedule', value: 1 }, { symbol: 'constant_schedule', value: 2 }];
    expect(buildError({ type: 'optax.join_schedules', schedules, boundaries: [5, 6] })).toMatch(/boundaries has 2 entries; it needs one fewer than schedules \(1\)/);
    expect(buildError({ type: 'optax.join_schedules', schedules: [...schedules, ...schedules.slice(1)], boundaries: [6, 5] })).toMatch(/boundaries=\[6,5\]/);
  });

  it('sgdr_schedule starts each cycle at the running sum of decay_steps', () => {
    const spec = {
      type: 'optax.sgdr_schedule',
      cosine_kwargs: [
        { init_value: 0, peak_value: 1, warmup_steps: 2, decay_steps: 6 },
        { init_value: 0.5, peak_value: 0.5, warmup_steps: 0, decay_steps: 4, end_value: 0.1 },
      ],
    };
    // Cycle 1: warmup 0 -> 1 over 2 steps, cosine over 4; cycle 2 from step 6: cosine 0.5 -> 0.1 over 4.
    expectClose(at(spec, [0, 1, 2, 4, 5, 6, 8, 10, 20]), [0, 0.5, 1, 0.5, 0.1464466094067262, 0.5, 0.3, 0.1, 0.1]);
  });

  it('sgdr_schedule names the cycle and the parameter that is wrong', () => {
    expect(buildError({ type: 'optax.sgdr_schedule', cosine_kwargs: [{ init_value: 0, peak_value: 1, warmup_steps: 2, decay_steps: 6, warmup: 3 }] })).toMatch(
      /cosine_kwargs\[0\].*unknown parameter "warmup" \(did you mean "warmup_steps"\?\)/,
    );
  });

  it('warmup_constant_schedule ramps to peak_value and holds it', () => {
    expectClose(at('optax.warmup_constant_schedule:init_value=0.1,peak_value=0.5,warmup_steps=4', [0, 2, 4, 100]), [0.1, 0.30000000000000004, 0.5, 0.5]);
  });

  it('warmup_cosine_decay_schedule refuses decay_steps not above warmup_steps (decay_steps includes the warmup)', () => {
    expect(buildError('optax.warmup_cosine_decay_schedule:init_value=0,peak_value=1,warmup_steps=10,decay_steps=10')).toMatch(/decay_steps=10 is not above warmup_steps=10/);
  });
});

describe('optax bad input', () => {
  it('names the nearest parameter for a misspelt one', () => {
    expect(buildError('optax.cosine_decay_schedule:init_value=0.1,decay_step=10')).toMatch(/did you mean "decay_steps"\?/);
  });

  it('refuses an alpha outside [0, 1], naming it', () => {
    expect(buildError('optax.cosine_decay_schedule:init_value=0.1,decay_steps=10,alpha=2')).toMatch(/alpha=2 is not allowed; alpha must be a finite number >= 0 and <= 1/);
  });
});
