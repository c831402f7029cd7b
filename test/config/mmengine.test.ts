/**
 * MMEngine / OpenMMLab Python configs: real files (test/fixtures/configs/mmengine, README there) resolved
 * as mmengine 0.11's runner resolves them, each curve compared with mmengine's own scheduler code.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfigFile } from '../../src/config/index.js';
import type { PlanInputs } from '../../src/config/types.js';
import { buildSchedule } from '../../src/notation/build.js';
import { catalog } from '../../src/catalog.js';
import { lrviz } from '../support/cli.js';
import { expectNear } from '../support/golden.js';

const DIR = 'test/fixtures/configs/mmengine';
const golden = JSON.parse(readFileSync(`${DIR}/golden.json`, 'utf8')) as { cases: { config: string; flags: string[]; updates: number; steps: number[]; lr: number[] }[] };

function inputsOf(flags: readonly string[]): PlanInputs {
  const inputs: Record<string, number> = {};
  for (let k = 0; k < flags.length; k += 2) {
    const name = { '--steps-per-epoch': 'stepsPerEpoch', '--dataset-size': 'datasetSize', '--devices': 'devices' }[flags[k]] as string;
    inputs[name] = Number(flags[k + 1]);
  }
  return inputs;
}

describe('MMEngine configs against mmengine 0.11 scheduler code', () => {
  for (const c of golden.cases) {
    it(`${c.config} ${c.flags.join(' ')}`, async () => {
      const resolved = await resolveConfigFile(`${DIR}/${c.config}`, { inputs: inputsOf(c.flags) });
      expect(resolved.stack).toBe('mmengine');
      expect(resolved.updates).toBe(c.updates);
      const { schedule } = buildSchedule(catalog, resolved.spec, c.updates);
      c.steps.forEach((step, j) => {
        const expected = c.lr[j];
        expectNear(schedule.lr(step), expected, () => `update ${step}: lrviz ${schedule.lr(step)}, mmengine ${expected}`);
      });
    });
  }

  it('follows a _base_ chain three files deep, with {{_base_.x}}, arithmetic on earlier names and _delete_', async () => {
    const resolved = await resolveConfigFile(`${DIR}/mmdetection/configs/rtmdet/rtmdet_s_8xb32-300e_coco.py`, { inputs: { stepsPerEpoch: 20 } });
    expect(resolved.spec).toMatchObject({
      type: 'mmengine.param_scheduler',
      lr: 0.004,
      epoch_length: 20,
      schedulers: [
        { symbol: 'LinearLR', start_factor: 1e-5, begin: 0, end: 1000, by_epoch: false },
        { symbol: 'CosineAnnealingLR', eta_min: 0.004 * 0.05, begin: 150, end: 300, T_max: 150, by_epoch: true, convert_to_iter_based: true },
      ],
    });
    expect(resolved.assumptions.join('\n')).toMatch(/rtmdet_l_8xb32-300e_coco\.py/);
  });

  it('counts updates per epoch as DefaultSampler and the loader do: ceil(ceil(dataset / devices) / batch_size)', async () => {
    const resolved = await resolveConfigFile(`${DIR}/mmpretrain/configs/resnet/resnet50_8xb32_in1k.py`, { inputs: { datasetSize: 1281167, devices: 8 } });
    expect(resolved.stepsPerEpoch).toBe(Math.ceil(Math.ceil(1281167 / 8) / 32));
    expect(resolved.updates).toBe(100 * 5005);
    expect(resolved.derivations.map((d) => `${d.what} ${d.value} = ${d.rule} (${d.source})`).join('\n')).toMatch(/updates\/epoch 5005 = ceil\(160,146 \/ batch_size 32\)/);
  });

  it('says what check should: an epoch-wise cosine without convert_to_iter_based is a staircase', async () => {
    const resolved = await resolveConfigFile(`${DIR}/mmpretrain/configs/swin_transformer/swin-tiny_16xb64_in1k.py`, { inputs: { stepsPerEpoch: 7 } });
    expect(resolved.notes.map((n) => n.code)).toContain('LRV202');
  });

  it('check reports an MMEngine note under its own code and name, never another stack\'s', () => {
    const { stdout } = lrviz(['check', '--config', `${DIR}/mmpretrain/configs/swin_transformer/swin-tiny_16xb64_in1k.py`, '--steps-per-epoch', '7', '--json']);
    const findings = (JSON.parse(stdout) as { schedules: { findings: { code: string; name: string }[] }[] }).schedules.flatMap((s) => s.findings);
    expect(findings).toContainEqual(expect.objectContaining({ code: 'LRV202', name: 'epoch-wise-staircase' }));
    expect(findings.map((f) => f.code)).not.toContain('LRV101');
  });

  it('a plan flag it needs is asked for in one line', () => {
    const { status, stderr } = lrviz(['resolve', `${DIR}/mmpretrain/configs/resnet/resnet50_8xb32_in1k.py`]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^lrviz: error: resnet50_8xb32_in1k\.py: trains 100 epochs \(train_cfg\.max_epochs\): give --dataset-size .* or --steps-per-epoch\n$/);
  });
});

describe('bad MMEngine files: one line naming the file and the key, exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lrviz-mmengine-'));
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const ok = "optim_wrapper = dict(optimizer=dict(type='SGD', lr=0.1))\ntrain_cfg = dict(type='IterBasedTrainLoop', max_iters=100)\n";

  it.each([
    ['a call on the schedule key', `${ok}param_scheduler = [dict(type='LinearLR', end=lambda: 5)]\n`, /bad\.py line 3: param_scheduler\[0\]\.end: "lambda: 5" is not a literal/],
    ['an unknown scheduler', `${ok}param_scheduler = dict(type='WarmupFooLR')\n`, /param_scheduler\.type is "WarmupFooLR"; lrviz knows/],
    ['a missing lr', "train_cfg = dict(type='IterBasedTrainLoop', max_iters=100)\nparam_scheduler = []\n", /optim_wrapper\.optimizer\.lr is missing/],
    ['mmcv 1.x lr_config', "optimizer = dict(type='SGD', lr=0.1)\nlr_config = dict(policy='step', step=[8, 11])\ntotal_epochs = 12\n_base_ = []\n", /lr_config is an mmcv 1\.x .* schedule/],
    ['a missing base holding the key', "_base_ = ['./nowhere/schedule.py']\noptim_wrapper = dict(optimizer=dict(lr=0.1))\n", /train_cfg is not in the files read; it may be in the base "\.\/nowhere\/schedule\.py"/],
  ])('%s', (_what, text, message) => {
    const { status, stderr, stdout } = lrviz(['resolve', write('bad.py', text)]);
    expect(stdout).toBe('');
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it("never runs the file: __import__('os') on any key does nothing", () => {
    const marker = join(dir, 'ran');
    const path = write('evil.py', `${ok}hook = __import__('os').system('touch ${marker}')\nparam_scheduler = [dict(type='LinearLR', by_epoch=False, begin=0, end=10, start_factor=__import__('os').system('touch ${marker}'))]\n`);
    const { status, stderr } = lrviz(['resolve', path]);
    expect(existsSync(marker)).toBe(false);
    expect(status).toBe(2);
    expect(stderr).toMatch(/evil\.py line 4: param_scheduler\[0\]\.start_factor: "__import__\("os"\)\.system/);
  });
});
