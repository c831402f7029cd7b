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
import { expectNear } from '../support/golden.js';

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
  {
    name: 'BTLM: lr_quadratic_warmup, (i / 200)^2 into the cosine, one epoch of 2,000 examples',
    file: 'btlm-ft.yml',
    golden: 'btlm-ft.dataset2000.golden.json',
    inputs: { datasetSize: 2000 },
    type: 'axolotl.get_cosine_schedule_with_quadratic_warmup',
    warmup: 200,
    notes: [],
  },
  {
    name: 'Llama 2 GPTQ LoRA: lr_quadratic_warmup over 4 epochs of 500 examples on 2 devices',
    file: 'gptq-lora.yml',
    golden: 'gptq-lora.devices2.golden.json',
    inputs: { datasetSize: 500, devices: 2 },
    type: 'axolotl.get_cosine_schedule_with_quadratic_warmup',
    warmup: 100,
    notes: [],
  },
  {
    name: 'GLM 4.7 QLoRA: lr_scheduler rex, packed (300 updates an epoch given), one step ahead as RexLR counts',
    file: 'glm4.7-qlora.yml',
    golden: 'glm4.7-qlora.spe300.golden.json',
    inputs: { stepsPerEpoch: 300 },
    type: 'axolotl.RexLR',
    warmup: 30,
    notes: [],
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
        expectNear(schedule.lr(i), lr, () => `update ${i}: lrviz ${schedule.lr(i)}, axolotl ${lr}`);
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

describe('axolotl.RexLR on the command line, against axolotl 0.18.0 RexLR run', () => {
  // RexLR(optimizer with lr 1, max_lr=1, min_lr=0.1, total_steps=10, num_warmup_steps=W), the optimizer's lr
  // read before each of 12 optimizer steps, scheduler.step() after each (make_goldens.py's loop).
  const golden: Record<number, number[]> = {
    3: [0.3333333333333333, 0.6666666666666666, 1.0, 0.9852459016393443, 0.9653846153846154, 0.9372093023255815, 0.8941176470588236, 0.8200000000000001, 0.6625, 0.1, 0.1, 0.1],
    0: [0.9901098901098901, 0.9780487804878049, 0.963013698630137, 0.94375, 0.9181818181818181, 0.8826086956521738, 0.8297297297297297, 0.7428571428571429, 0.5736842105263158, 0.1, 0.1, 0.1],
  };
  for (const warmup of [3, 0]) {
    it(`num_warmup_steps=${warmup}: one step ahead, min_lr from update total_steps - 1`, () => {
      const { status, stdout } = lrviz(['plot', '-s', `axolotl.RexLR:max_lr=1,min_lr=0.1,total_steps=10,num_warmup_steps=${warmup}`, '--steps', '12', '-o', '-']);
      expect(status).toBe(0);
      expect(stdout.trim().split(/\r?\n/).slice(1).map((row) => Number(row.split(',')[1]))).toEqual(golden[warmup]);
    });
  }

  it('min_lr above max_lr is refused as RexLR refuses it', () => {
    const { status, stderr } = lrviz(['plot', '-s', 'axolotl.RexLR:max_lr=0.1,min_lr=0.2', '--steps', '10']);
    expect(status).toBe(2);
    expect(stderr).toBe('lrviz: error: schedule "axolotl.RexLR": min_lr=0.2 is above max_lr=0.1 (RexLR raises a ValueError)\n');
  });
});
