/**
 * timm args.yaml (test/fixtures/configs/timm, README there): files written by timm train.py's own parser for
 * documented recipes, and a model card's args, resolved as train.py resolves them; each curve against timm
 * 1.0.29's create_scheduler_v2 stepped as train.py steps it, over a real torch DataLoader (args.golden.json).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog.js';
import { resolveConfigFile } from '../../src/config/index.js';
import { buildSchedule } from '../../src/notation/build.js';
import { lrviz } from '../support/cli.js';
import { expectConfigRefused } from '../support/config-refusal.js';
import { expectNear } from '../support/golden.js';

const DIR = 'test/fixtures/configs/timm';
interface Case { file: string; examples: number; devices: number; lr0: number; updates_per_epoch: number; epochs: number; updates: number; steps: number[]; lr: number[] }
const golden = JSON.parse(readFileSync(`${DIR}/args.golden.json`, 'utf8')) as { cases: Case[] };

const NOTES: Record<string, string[]> = {
  'seresnet34-args.yaml': ['LRV206'],
  'efficientnet_b2-args.yaml': [],
  'marqo-nsfw-image-detection-384.yml': ['LRV206'],
  'seresnet34-on-updates-args.yaml': ['LRV205'],
};

describe('timm args.yaml against timm 1.0.29 run as train.py runs it', () => {
  for (const c of golden.cases) {
    it(`${c.file}: ${c.examples} examples on ${c.devices} processes`, async () => {
      const resolved = await resolveConfigFile(`${DIR}/${c.file}`, { inputs: { datasetSize: c.examples, devices: c.devices } });
      expect(resolved.stack).toBe('timm');
      expect(resolved.stepsPerEpoch).toBe(c.updates_per_epoch);
      expect(resolved.epochs).toBe(c.epochs);
      expect(resolved.updates).toBe(c.updates);
      expect(resolved.spec.lr).toBe(c.lr0);
      expect(resolved.notes.map((n) => n.code)).toEqual(NOTES[c.file]);
      const { schedule } = buildSchedule(catalog, resolved.spec, c.updates);
      c.steps.forEach((step, j) => {
        expectNear(schedule.lr(step), c.lr[j], () => `update ${step}: lrviz ${schedule.lr(step)}, timm ${c.lr[j]}`, 0);
      });
    });
  }

  it('the CLI draws the same curve, spawned as a user runs it', () => {
    const c = golden.cases.find((k) => k.file === 'seresnet34-on-updates-args.yaml')!;
    const { status, stdout, stderr } = lrviz(['plot', '--config', `${DIR}/${c.file}`, '--dataset-size', String(c.examples), '--devices', String(c.devices), '-o', '-']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const values = stdout.trimEnd().split('\r\n').slice(1).map((row) => Number(row.split(',')[1]));
    expect(values).toHaveLength(c.updates);
    c.steps.forEach((step, j) => expect(Math.abs(values[step] - c.lr[j]), `update ${step}`).toBeLessThanOrEqual(1e-9 * c.lr[j]));
  });

  it('check reports the run longer than its epochs (LRV205) and the warmup without prefix (LRV206)', () => {
    const longer = lrviz(['check', '--config', `${DIR}/seresnet34-on-updates-args.yaml`, '--dataset-size', '50000', '--devices', '4', '--json']);
    const codes = (out: string) => (JSON.parse(out) as { schedules: { findings: { code: string }[] }[] }).schedules[0].findings.map((f) => f.code);
    expect(codes(longer.stdout)).toContain('LRV205');
    const overlay = lrviz(['check', '--config', `${DIR}/marqo-nsfw-image-detection-384.yml`, '--dataset-size', '200000', '--json']);
    expect(codes(overlay.stdout)).toContain('LRV206');
  });

  it('epochs without the dataset size: one line naming the flag, exit 2', () => {
    const { status, stderr } = lrviz(['plot', '--config', `${DIR}/efficientnet_b2-args.yaml`]);
    expect(status).toBe(2);
    expect(stderr).toBe('lrviz: error: efficientnet_b2-args.yaml: counts its run in epochs: give --dataset-size (training examples) or --steps-per-epoch\n');
  });

  it.each([
    ['sched: plateau\nwarmup_lr: 1.0e-05\nepochs: 10\n', /plateau\.yaml: sched: plateau lowers the lr by decay_rate whenever the eval metric stops improving/],
    ['sched: cosineannealing\nwarmup_lr: 1.0e-05\n', /plateau\.yaml: sched is "cosineannealing"; timm's create_scheduler_v2 builds cosine, tanh, step, multistep, poly and plateau/],
    ['sched: cosine\nwarmup_lr: 1.0e-05\nepochs: ten\n', /plateau\.yaml: epochs is "ten"; expected a number/],
  ])('refuses %j in one line', (text, message) => expectConfigRefused('plateau.yaml', text, ['--steps-per-epoch', '10'], message));

  it('YAML 1.1 strings such as 1e-6 read as numbers, and lr null is scaled from lr_base', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lrviz-timm-')), 'args.yaml');
    writeFileSync(file, "sched: cosine\nlr: null\nlr_base: 0.1\nlr_base_size: 256\nlr_base_scale: ''\nopt: sgd\nbatch_size: 64\ngrad_accum_steps: 2\nwarmup_lr: 1e-6\nwarmup_epochs: 0\nepochs: 4\n");
    const resolved = await resolveConfigFile(file, { inputs: { stepsPerEpoch: 10, devices: 2 } });
    // train.py: global batch 64 × 2 × 2 = 256, linear for sgd: 0.1 × 256 / 256.
    expect(resolved.spec).toMatchObject({ lr: 0.1, warmup_lr_init: 1e-6, t_initial: 4, updates_per_epoch: 10 });
    expect(resolved.updates).toBe(40);
  });
});
