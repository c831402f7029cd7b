/**
 * The Python-literal reader for OpenMMLab configs: literals and arithmetic are read; everything else is
 * never run and becomes an Unreadable value naming its line, so that only a key the schedule needs fails.
 */
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPythonLiterals, Unreadable, type PyValue } from '../../src/config/python-literals.js';

function values(text: string): Record<string, PyValue> {
  return Object.fromEntries([...readPythonLiterals(text)].map(([name, binding]) => [name, binding.value]));
}

describe('readPythonLiterals', () => {
  it('reads dict(...), {...}, lists, tuples, numbers, strings, True/False/None and names bound earlier', () => {
    const v = values(`
# a comment
max_epochs = 12
base_lr = 0.02
optim_wrapper = dict(
    type='OptimWrapper',  # trailing comment
    optimizer=dict(type='SGD', lr=base_lr, momentum=0.9, weight_decay=1e-4),
    paramwise_cfg={'norm_decay_mult': 0., "custom": None},
)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=500),
    dict(type='MultiStepLR', begin=0, end=max_epochs, by_epoch=True, milestones=[8, 11], gamma=0.1)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs, val_interval=1)
img_scale = (1333, 800)
flags = [True, False, None]
name = 'a' "b" \\
    'c'
`);
    expect(v.max_epochs).toBe(12);
    expect(v.optim_wrapper).toEqual({ type: 'OptimWrapper', optimizer: { type: 'SGD', lr: 0.02, momentum: 0.9, weight_decay: 1e-4 }, paramwise_cfg: { norm_decay_mult: 0, custom: null } });
    expect((v.param_scheduler as PyValue[])[1]).toEqual({ type: 'MultiStepLR', begin: 0, end: 12, by_epoch: true, milestones: [8, 11], gamma: 0.1 });
    expect(v.img_scale).toEqual([1333, 800]);
    expect(v.flags).toEqual([true, false, null]);
    expect(v.name).toBe('abc');
  });

  it('computes + - * / // % ** with Python precedence', () => {
    const v = values('a = 2 + 3 * 4 ** 2\nb = -2 ** 2\nc = 7 // 2\nd = -7 // 2\ne = 7 % -3\nf = 2 ** -1\ng = (1 + 2) * 3 / 4\nh = [1] + [2] * 2\ni = 10\ni += 5\nj = 0.01 * 8 / 16');
    expect(v).toMatchObject({ a: 50, b: -4, c: 3, d: -4, e: -2, f: 0.5, g: 2.25, h: [1, 2, 2], i: 15, j: (0.01 * 8) / 16 });
  });

  it('never runs code: __import__, calls, lambdas, comprehensions and imports become Unreadable with their line', () => {
    const marker = join(tmpdir(), `lrviz-never-run-${process.pid}`);
    rmSync(marker, { force: true });
    const v = values(
      [
        'import os',
        `x = __import__('os').system('touch ${marker}')`,
        `y = dict(lr=0.1, hook=__import__('os').system('touch ${marker}'), after=2)`,
        'z = [i for i in range(3)]',
        'w = lambda e: 0.9 ** e',
        "k = f'{x}'",
        'if True:',
        '    lr = 5',
        'from mmdet.configs import something as other',
        'n = os.path.join("a", "b")',
      ].join('\n'),
    );
    expect(existsSync(marker)).toBe(false);
    for (const name of ['os', 'x', 'z', 'w', 'k', 'lr', 'other', 'n']) expect(v[name]).toBeInstanceOf(Unreadable);
    expect((v.x as Unreadable).line).toBe(2);
    expect((v.x as Unreadable).reason).toMatch(/__import__/);
    // Only the unreadable value is lost: its neighbours in the same dict still read.
    const y = v.y as Record<string, PyValue>;
    expect(y.lr).toBe(0.1);
    expect(y.after).toBe(2);
    expect(y.hook).toBeInstanceOf(Unreadable);
    expect((v.lr as Unreadable).reason).toMatch(/inside the block at line 7/);
  });

  it('a name changed by a statement it does not run is Unreadable from there on; unbound names too', () => {
    const v = values("model = dict(a=1)\nmodel.update(dict(b=2))\nopt = dict(lr=base)\ncfg = dict(x=1)\ncfg['x'] = 2");
    expect(v.model).toBeInstanceOf(Unreadable);
    expect(((v.opt as Record<string, PyValue>).lr as Unreadable).reason).toMatch(/base is not bound/);
    expect(v.cfg).toBeInstanceOf(Unreadable);
  });

  it('substitutes {{_base_.a.b}} through the lookup it is given', () => {
    const v = readPythonLiterals('lr = {{_base_.optim.lr}} * 2', { baseReference: (path) => (path.join('.') === 'optim.lr' ? 0.1 : null) });
    expect(v.get('lr')?.value).toBe(0.2);
  });

  it('ends in bounded time on deep nesting and unterminated input', () => {
    expect(values(`a = ${'['.repeat(5000)}`).a).toBeInstanceOf(Unreadable);
    expect(values(`a = ${'('.repeat(300)}1${')'.repeat(300)}`).a).toBeInstanceOf(Unreadable);
    expect(values("a = 'open\nb = 2").b).toBe(2);
  });
});
