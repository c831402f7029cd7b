/**
 * Detectron2 yacs YAML configs: real files (test/fixtures/configs/detectron2, README there) resolved as
 * detectron2 resolves them, each curve against detectron2 + fvcore's own code (golden.json).
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfigFile } from '../../src/config/index.js';
import { buildSchedule } from '../../src/notation/build.js';
import { catalog } from '../../src/catalog.js';
import { lrviz } from '../support/cli.js';
import { expectNear } from '../support/golden.js';

const DIR = 'test/fixtures/configs/detectron2';
const golden = JSON.parse(readFileSync(`${DIR}/golden.json`, 'utf8')) as { cases: { config: string; updates: number; steps: number[]; lr: number[] }[] };

describe('Detectron2 configs against detectron2 + fvcore runs', () => {
  for (const c of golden.cases) {
    it(c.config, async () => {
      const resolved = await resolveConfigFile(`${DIR}/${c.config}`, { inputs: {} });
      expect(resolved.stack).toBe('detectron2');
      expect(resolved.updates).toBe(c.updates);
      const { schedule } = buildSchedule(catalog, resolved.spec, c.updates);
      c.steps.forEach((step, j) => {
        expectNear(schedule.lr(step), c.lr[j], () => `iteration ${step}: lrviz ${schedule.lr(step)}, detectron2 ${c.lr[j]}`, 0);
      });
    });
  }

  it('follows _BASE_, reads STEPS: (60000, 80000) as yacs literal_eval does, and names the defaults it used', async () => {
    const resolved = await resolveConfigFile(`${DIR}/configs/COCO-Detection/retinanet_R_50_FPN_1x.yaml`, { inputs: {} });
    expect(resolved.spec).toEqual({ type: 'detectron2.WarmupMultiStepLR', BASE_LR: 0.01, MAX_ITER: 90000, STEPS: [60000, 80000], GAMMA: 0.1, WARMUP_FACTOR: 0.001, WARMUP_ITERS: 1000, WARMUP_METHOD: 'linear', RESCALE_INTERVAL: false });
    expect(resolved.assumptions.join('\n')).toMatch(/SOLVER\.WARMUP_ITERS: 1000 \(detectron2\/config\/defaults\.py\)/);
  });

  it('never evaluates a python tag: !!python/object/apply:eval on a non-schedule key does nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrviz-d2-'));
    const marker = join(dir, 'ran');
    const file = join(dir, 'config.yaml');
    writeFileSync(file, `MODEL:\n  ANCHOR_GENERATOR:\n    SIZES: !!python/object/apply:eval ["__import__('os').system('touch ${marker}')"]\nSOLVER:\n  BASE_LR: 0.02\n  MAX_ITER: 100\n  STEPS: (60, 80)\n  WARMUP_ITERS: 10\n`);
    const { status, stdout, stderr } = lrviz(['resolve', file]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('detectron2.WarmupMultiStepLR');
    expect(existsSync(marker)).toBe(false);
  });

  it('an unknown LR_SCHEDULER_NAME is one line naming the file and key, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrviz-d2-'));
    const file = join(dir, 'poly.yaml');
    writeFileSync(file, 'MODEL:\n  MASK_ON: False\nSOLVER:\n  LR_SCHEDULER_NAME: WarmupPolyLR\n  MAX_ITER: 100\n');
    const { status, stderr } = lrviz(['resolve', file]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^lrviz: error: poly\.yaml: SOLVER\.LR_SCHEDULER_NAME is "WarmupPolyLR"; detectron2's build_lr_scheduler knows WarmupMultiStepLR, WarmupCosineLR, WarmupStepWithFixedGammaLR\n$/);
  });
});
