/**
 * ultralytics args.yaml (test/fixtures/configs/ultralytics, README there): real files from YOLO runs, resolved as
 * the ultralytics 8.3 trainer runs them; each curve against that trainer's lr code restated and run with real
 * torch and numpy (golden.json), at every optimizer update kept there, for the weights and for the biases.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog.js';
import { resolveConfigFile } from '../../src/config/index.js';
import { buildSchedule } from '../../src/notation/build.js';
import { lrviz } from '../support/cli.js';
import { expectConfigRefused } from '../support/config-refusal.js';
import { expectNear } from '../support/golden.js';

const DIR = 'test/fixtures/configs/ultralytics';
interface Case { file: string; images: number; devices: number; nb: number; nw: number; lr0: number; updates: number; steps: number[]; weights: number[]; bias: number[] }
const golden = JSON.parse(readFileSync(`${DIR}/golden.json`, 'utf8')) as { cases: Case[] };

function expectCurve(spec: Record<string, unknown>, c: Case, values: number[]): void {
  const { schedule } = buildSchedule(catalog, { type: 'ultralytics.yolo', ...spec }, c.updates);
  c.steps.forEach((k, j) => {
    expectNear(schedule.lr(k), values[j], () => `update ${k}: lrviz ${schedule.lr(k)}, trainer ${values[j]}`);
  });
}

describe('ultralytics args.yaml against the 8.3 trainer', () => {
  for (const c of golden.cases) {
    it(`${c.file}: ${c.images} images on ${c.devices} processes`, async () => {
      const resolved = await resolveConfigFile(`${DIR}/${c.file}`, { inputs: { datasetSize: c.images } });
      expect(resolved.stack).toBe('ultralytics');
      expect(resolved.spec).toMatchObject({ batches_per_epoch: c.nb, lr0: c.lr0, param_group: 'weights' });
      expect(resolved.updates).toBe(c.updates);
      expectCurve(resolved.spec, c, c.weights);
      // The biases' group: the same run, warming up from warmup_bias_lr (0 under optimizer: auto).
      expectCurve({ ...resolved.spec, param_group: 'bias' }, c, c.bias);
    });
  }

  it('optimizer: auto ignores lr0 (LRV207), and the CLI draws the curve', () => {
    const c = golden.cases.find((k) => k.file.startsWith('visdrone'))!;
    const { status, stdout, stderr } = lrviz(['plot', '--config', `${DIR}/${c.file}`, '--dataset-size', String(c.images), '-o', '-']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const values = stdout.trimEnd().split('\r\n').slice(1).map((row) => Number(row.split(',')[1]));
    expect(values).toHaveLength(c.updates);
    c.steps.forEach((k, j) => expect(Math.abs(values[k] - c.weights[j]), `update ${k}`).toBeLessThanOrEqual(1e-9 * c.weights[j] + 1e-300));
    const checked = JSON.parse(lrviz(['check', '--config', `${DIR}/${c.file}`, '--dataset-size', String(c.images), '--json']).stdout);
    expect(checked.schedules[0].findings.map((f: { code: string }) => f.code)).toContain('LRV207');
  });

  it('optimizer: auto on a short run needs the class count: one line saying what to set, exit 2', () => {
    const { status, stderr } = lrviz(['plot', '--config', `${DIR}/yolov8-car-train-args.yaml`, '--dataset-size', '1000']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^lrviz: error: yolov8-car-train-args\.yaml: optimizer: auto trains AdamW at lr0 = round\(0\.002 × 5 \/ \(4 \+ nc\), 6\) for 512 iterations .*set optimizer and lr0/);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it.each([
    ['lr0: 0.01\nlrf: 0.01\nbatch: -1\noptimizer: SGD\n', /batch: -1 asks AutoBatch to pick the batch/],
    ['lr0: 0.01\nlrf: 0.01\ntime: 2\noptimizer: SGD\n', /time: 2 trains for that many hours/],
    ['lr0: 0.01\nlrf: 0.01\noptimizer: Lion\n', /optimizer is "Lion"; the ultralytics trainer builds SGD, Adam/],
  ])('refuses %j in one line', (text, message) => expectConfigRefused('args.yaml', text, ['--dataset-size', '1000'], message));
});
