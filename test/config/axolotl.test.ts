/**
 * axolotl YAML (real examples from axolotl-ai-cloud/axolotl) against axolotl 0.18.0's schedulers and HF's,
 * run with axolotl's horizon and warmup rules (test/fixtures/configs/axolotl/make_goldens.py).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog.js';
import { resolveConfigFile } from '../../src/config/index.js';
import type { PlanInputs } from '../../src/config/types.js';
import { buildSchedule } from '../../src/notation/build.js';
import { lrviz } from '../support/cli.js';

const DIR = 'test/fixtures/configs/axolotl';

const CASES: { name: string; file: string; golden: string; inputs: PlanInputs; type: string; warmup: number; notes: string[] }[] = [
  {
    name: 'Qwen LoRA: 4 epochs of 10,000 examples on 2 devices, warmup_ratio rounded down',
    file: 'qwen-lora.yml',
    golden: 'qwen-lora.devices2.golden.json',
    inputs: { datasetSize: 10000, devices: 2 },
    type: 'hf.cosine',
    warmup: 250,
    notes: [],
  },
  {
    name: 'EAFT: max_steps 1000, but a 2,000-example dataset gives 500 updates, so the warmup is 10% of 500',
    file: 'eaft-example.yml',
    golden: 'eaft.dataset2000.golden.json',
    inputs: { datasetSize: 2000 },
    type: 'hf.cosine',
    warmup: 50,
    notes: [],
  },
  {
    name: 'Llama 3 3B QAT: cosine_min_lr_ratio 1.0 is a constant run after the warmup',
    file: 'llama-3-3b-qat-fsdp2.yaml',
    golden: 'llama-3-3b-qat.golden.json',
    inputs: { datasetSize: 4000 },
    type: 'axolotl.get_cosine_schedule_with_min_lr',
    warmup: 25,
    notes: ['LRV104'],
  },
];

describe('axolotl configs against axolotl 0.18.0 run', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const resolved = await resolveConfigFile(`${DIR}/${c.file}`, { inputs: c.inputs });
      const golden = JSON.parse(readFileSync(`${DIR}/${c.golden}`, 'utf8')) as { lr: number[]; warmup: number };
      expect(resolved.stack).toBe('axolotl');
      expect(resolved.spec.type).toBe(c.type);
      expect(resolved.spec.num_warmup_steps).toBe(c.warmup);
      expect(golden.warmup).toBe(c.warmup);
      expect(resolved.updates).toBe(golden.lr.length);
      expect(resolved.notes.map((n) => n.code)).toEqual(c.notes);
      const { schedule } = buildSchedule(catalog, resolved.spec, resolved.updates as number);
      golden.lr.forEach((lr, i) => {
        if (!(Math.abs(schedule.lr(i) - lr) <= 1e-9 * Math.abs(lr) + 1e-300)) expect.fail(`update ${i}: lrviz ${schedule.lr(i)}, axolotl ${lr}`);
      });
    });
  }

  it('max_steps without --dataset-size: the warmup is taken of max_steps, assumed and flagged (LRV107)', async () => {
    const resolved = await resolveConfigFile(`${DIR}/eaft-example.yml`, { inputs: {} });
    expect(resolved.spec).toMatchObject({ num_warmup_steps: 100, num_training_steps: 1000 });
    expect(resolved.notes.map((n) => n.code)).toEqual(['LRV107']);
  });

  it('epochs without the dataset size: one line naming the flag, exit 2', () => {
    const { status, stderr } = lrviz(['plot', '--config', `${DIR}/qwen-lora.yml`]);
    expect(status).toBe(2);
    expect(stderr).toBe('lrviz: error: qwen-lora.yml: trains 4 epochs: give --dataset-size (training examples) or --steps-per-epoch\n');
  });
});
