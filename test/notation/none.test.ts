/**
 * Python's None is a value: where a framework's own default is None, `None`/`null` in a text spec and null
 * in JSON mean the same as leaving the parameter out. What `lrviz list` prints as a default is accepted back.
 */
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog.js';
import { curveOf, materialize } from '../../src/curve/curve.js';
import { buildSchedule } from '../../src/notation/build.js';
import { parseTextSpec } from '../../src/notation/parse.js';
import { acceptsNone, describeDefault } from '../../src/schedules/definition.js';
import { lrviz } from '../support/cli.js';

const STEPS = 100;

function values(spec: Record<string, unknown>): number[] {
  return [...materialize(curveOf(buildSchedule(catalog, { ...spec } as never, STEPS).schedule, 'x', STEPS))];
}

/** A spec that builds without the parameter, and the parameter whose framework default is None. */
const CASES: [string, string][] = [
  ['keras.CosineDecay:initial_learning_rate=0.1,decay_steps=100', 'warmup_target'],
  ['torch.CyclicLR:base_lr=0.001,max_lr=0.01,step_size_up=10', 'step_size_down'],
  ['torch.OneCycleLR:max_lr=0.1', 'total_steps'],
  ['torch.OneCycleLR:max_lr=0.1,epochs=2,steps_per_epoch=50', 'total_steps'],
  ['torch.OneCycleLR:max_lr=0.1,total_steps=120', 'epochs'],
  ['torch.OneCycleLR:max_lr=0.1,total_steps=120', 'steps_per_epoch'],
  ['paddle.CyclicLR:base_learning_rate=0.001,max_learning_rate=0.01,step_size_up=10', 'step_size_down'],
  ['hf.inverse_sqrt:num_warmup_steps=10', 'timescale'],
  ['hf.cosine_with_min_lr:num_warmup_steps=10,min_lr_rate=0.1', 'min_lr'],
  ['hf.cosine_with_min_lr:num_warmup_steps=10,min_lr=1e-5', 'min_lr_rate'],
  ['hf.cosine_warmup_with_min_lr:num_warmup_steps=10,min_lr_rate=0.1', 'warmup_lr_rate'],
  ['hf.warmup_stable_decay:num_warmup_steps=10,num_decay_steps=20,num_training_steps=100', 'num_stable_steps'],
  ['hf.warmup_stable_decay:num_warmup_steps=10,num_decay_steps=20,num_stable_steps=70', 'num_training_steps'],
  ['optax.exponential_decay:init_value=0.1,transition_steps=10,decay_rate=0.5', 'end_value'],
  ['optax.warmup_exponential_decay_schedule:init_value=0,peak_value=0.1,warmup_steps=5,transition_steps=10,decay_rate=0.5', 'end_value'],
  ['optax.piecewise_constant_schedule:init_value=0.1', 'boundaries_and_scales'],
];

describe('None as a value', () => {
  it.each(CASES)('%s with %s=None, =null or JSON null is the spec without it', (text, name) => {
    const without = parseTextSpec(text);
    const expected = values(without);
    const resolved = buildSchedule(catalog, without, STEPS).resolved;
    for (const spec of [parseTextSpec(`${text},${name}=None`), parseTextSpec(`${text},${name}=null`), { ...without, [name]: null }]) {
      expect(values(spec)).toEqual(expected);
      expect(buildSchedule(catalog, spec, STEPS).resolved).toEqual(resolved);
    }
  });

  it('every default lrviz list prints as None is accepted as input', () => {
    const printedNone = catalog.all().flatMap((d) => d.params.filter((p) => describeDefault(p) === 'None').map((p) => `${d.name} ${p.name}`));
    expect(printedNone.length).toBeGreaterThan(0);
    const refused = catalog.all().flatMap((d) => d.params.filter((p) => describeDefault(p) === 'None' && !acceptsNone(p)).map((p) => `${d.name} ${p.name}`));
    expect(refused).toEqual([]);
  });

  it('where the framework has a real default, None is refused as before, naming the parameter', () => {
    expect(() => buildSchedule(catalog, parseTextSpec('cosine:lr=None'), STEPS)).toThrow(/^schedule "cosine": lr=None is not allowed; lr must be a finite number >= 0$/);
    expect(() => buildSchedule(catalog, { type: 'torch.StepLR', step_size: null }, STEPS)).toThrow(/step_size=null is not allowed/);
  });

  it('None given twice, under a name and an alias, is still a parameter given twice', () => {
    expect(() => buildSchedule(catalog, { type: 'hf.warmup_stable_decay', num_decay_steps: 2, num_training_steps: null, max_steps: 10 }, STEPS)).toThrow(/given twice/);
  });

  it('the CLI takes None in a text spec and null in JSON', () => {
    const without = lrviz(['plot', '-s', 'keras.CosineDecay:initial_learning_rate=0.1,decay_steps=100', '--steps', '20', '-o', '-', '-f', 'csv']);
    const text = lrviz(['plot', '-s', 'keras.CosineDecay:initial_learning_rate=0.1,decay_steps=100,warmup_target=None', '--steps', '20', '-o', '-', '-f', 'csv']);
    const json = lrviz(['plot', '-s', '{"type":"keras.CosineDecay","initial_learning_rate":0.1,"decay_steps":100,"warmup_target":null}', '--steps', '20', '-o', '-', '-f', 'csv']);
    expect(without.status).toBe(0);
    // Only the header's label differs: it is what the user typed.
    const rows = (out: string) => out.split('\r\n').slice(1).join('\n');
    expect(rows(text.stdout)).toBe(rows(without.stdout));
    expect(rows(json.stdout)).toBe(rows(without.stdout));
    expect([text.stderr, json.stderr]).toEqual(['', '']);
  });
});
