/**
 * torchtune recipe YAMLs (real ones from pytorch/torchtune recipes/configs/) against torchtune's own
 * get_cosine_schedule_with_warmup, driven as its recipes drive it (test/fixtures/configs/torchtune/make_goldens.py).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog.js';
import { resolveConfigFile } from '../../src/config/index.js';
import type { PlanInputs } from '../../src/config/types.js';
import { buildSchedule } from '../../src/notation/build.js';
import { lrviz } from '../support/cli.js';
import { expectCurve } from '../support/golden.js';

const DIR = 'test/fixtures/configs/torchtune';

interface Golden {
  examples: number;
  devices: number;
  steps_per_epoch: number;
  lr: number[];
}

const CASES: { name: string; file: string; golden: string; inputs: PlanInputs; spec: Record<string, unknown>; notes: string[] }[] = [
  {
    name: 'Llama 3.2 1B LoRA, one epoch of 10,000 examples: batch 4, 8 accumulated (the profiler\'s warmup_steps is not the schedule\'s)',
    file: '1B_lora_single_device.yaml',
    golden: '1B_lora_single_device.golden.json',
    inputs: { datasetSize: 10_000 },
    spec: { type: 'torchtune.get_cosine_schedule_with_warmup', lr: 3e-4, num_warmup_steps: 100, num_training_steps: 312 },
    notes: [],
  },
  {
    name: 'Llama 3.1 8B LoRA on 2 data-parallel processes, 10,001 examples: each process gets ceil(10,001 / 2)',
    file: '8B_lora.yaml',
    golden: '8B_lora.devices2.golden.json',
    inputs: { datasetSize: 10_001, devices: 2 },
    spec: { type: 'torchtune.get_cosine_schedule_with_warmup', lr: 3e-4, num_warmup_steps: 100, num_training_steps: 312 },
    notes: [],
  },
  {
    name: 'Qwen 2.5 KD LoRA, 5 epochs of 1,234 examples: the leftover batch of each epoch makes no update',
    file: '14B_to_7B_KD_lora_single_device.yaml',
    golden: '14B_to_7B_KD.golden.json',
    inputs: { datasetSize: 1234 },
    spec: { type: 'torchtune.get_cosine_schedule_with_warmup', lr: 3e-4, num_warmup_steps: 100, num_training_steps: 385 },
    notes: [],
  },
  {
    name: 'the trap: max_steps_per_epoch 50 with num_warmup_steps 100, so the whole run is warmup (horizon in steps, no --dataset-size)',
    file: '11B_lora_multi_dataset.yaml',
    golden: '11B_lora_multi_dataset.golden.json',
    inputs: {},
    spec: { type: 'torchtune.get_cosine_schedule_with_warmup', lr: 1e-4, num_warmup_steps: 100, num_training_steps: 50 },
    notes: ['LRV107'],
  },
  {
    name: 'a 2024 config naming torchtune.modules.get_cosine_schedule_with_warmup, 64 accumulated batches',
    file: '8B_lora_single_device-2024.yaml',
    golden: '8B_lora_single_device-2024.golden.json',
    inputs: { datasetSize: 20_000 },
    spec: { type: 'torchtune.get_cosine_schedule_with_warmup', lr: 3e-4, num_warmup_steps: 100, num_training_steps: 156 },
    notes: [],
  },
  {
    name: 'Gemma 2B full finetune without an lr_scheduler block: optimizer.lr throughout, from the first update (LRV105)',
    file: '2B_full.yaml',
    golden: '2B_full.golden.json',
    inputs: { datasetSize: 100 },
    spec: { type: 'constant', lr: 2e-5 },
    notes: ['LRV105'],
  },
];

describe('torchtune recipe configs against torchtune 0.7.0 run as its recipes run it', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const resolved = await resolveConfigFile(`${DIR}/${c.file}`, { inputs: c.inputs });
      const golden = JSON.parse(readFileSync(`${DIR}/${c.golden}`, 'utf8')) as Golden;
      expect(resolved.stack).toBe('torchtune');
      expect(resolved.spec).toEqual(c.spec);
      expect(resolved.updates).toBe(golden.lr.length);
      expect(resolved.stepsPerEpoch).toBe(golden.steps_per_epoch);
      expect(resolved.notes.map((n) => n.code)).toEqual(c.notes);
      const { schedule } = buildSchedule(catalog, resolved.spec, resolved.updates as number);
      expectCurve((i) => schedule.lr(i), golden.lr, 'torchtune');
    });
  }

  it('resolve restates the recipe\'s count, rule by rule', async () => {
    const resolved = await resolveConfigFile(`${DIR}/8B_lora.yaml`, { inputs: { datasetSize: 10_001, devices: 2 } });
    expect(resolved.derivations.map((d) => `${d.what} ${d.value} = ${d.rule}`)).toEqual([
      'examples/epoch per process 5001 = ceil(10,001 / 2)',
      'batches/epoch per process 2500 = floor(5,001 / 2)',
      'updates/epoch 312 = floor(2,500 / 8)',
      'updates 312 = 1 epochs × 312 updates/epoch',
      'warmup 100 = lr_scheduler.num_warmup_steps',
    ]);
  });

  it('max_steps_per_epoch caps the epoch only where the data gives more', async () => {
    const small = await resolveConfigFile(`${DIR}/11B_lora_multi_dataset.yaml`, { inputs: { datasetSize: 100 } });
    expect(small.updates).toBe(25);
    const large = await resolveConfigFile(`${DIR}/11B_lora_multi_dataset.yaml`, { inputs: { datasetSize: 1000 } });
    expect(large.updates).toBe(50);
    expect(large.notes).toEqual([]);
  });
});

describe('torchtune configs on the command line', () => {
  it('plot --config draws the recipe\'s run; the resolved -s spec reproduces it exactly', () => {
    const file = `${DIR}/1B_lora_single_device.yaml`;
    const viaConfig = lrviz(['plot', '--config', file, '--dataset-size', '10000', '-o', '-']);
    expect(viaConfig.status).toBe(0);
    const golden = JSON.parse(readFileSync(`${DIR}/1B_lora_single_device.golden.json`, 'utf8')) as Golden;
    const values = viaConfig.stdout.trim().split(/\r?\n/).slice(1).map((row) => Number(row.split(',')[1]));
    expect(values).toHaveLength(312);
    expectCurve((i) => values[i], golden.lr, 'torchtune');
    const resolved = lrviz(['resolve', file, '--dataset-size', '10000', '--json']);
    const spec = JSON.parse(resolved.stdout).specText as string;
    expect(spec).toBe('torchtune.get_cosine_schedule_with_warmup:lr=0.0003,num_warmup_steps=100,num_training_steps=312');
    const viaSpec = lrviz(['plot', '-s', spec, '--steps', '312', '-o', '-']);
    expect(viaSpec.stdout.split(/\r?\n/).slice(1)).toEqual(viaConfig.stdout.split(/\r?\n/).slice(1));
  });

  it('a config in epochs without the dataset size: one line naming the flag, exit 2', () => {
    const { status, stderr, stdout } = lrviz(['plot', '--config', `${DIR}/1B_lora_single_device.yaml`]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('lrviz: error: 1B_lora_single_device.yaml: trains 1 epochs: give --dataset-size (training examples) or --steps-per-epoch\n');
  });

  it('check --config: a warmup longer than the run (a small dataset) is named', () => {
    const { stdout, status } = lrviz(['check', '--config', `${DIR}/1B_lora_single_device.yaml`, '--dataset-size', '1000', '--json']);
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.training).toMatchObject({ schedulerSteps: 31 });
    expect(report.schedules[0].findings.map((f: { code: string }) => f.code)).toContain('LRV010');
  });

  it('an lr_scheduler lrviz does not know, or an argument the function lacks: one line naming the key, exit 2', () => {
    const unknown = lrviz(['resolve', 'test/fixtures/configs/bad/torchtune-unknown-scheduler.yaml', '--dataset-size', '1000']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe(
      'lrviz: error: torchtune-unknown-scheduler.yaml: lr_scheduler._component_ is "torch.optim.lr_scheduler.CosineAnnealingLR": not a torchtune scheduler lrviz knows (torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup); the recipe calls it with num_training_steps and last_epoch\n',
    );
    const extra = lrviz(['resolve', 'test/fixtures/configs/bad/torchtune-extra-argument.yaml', '--dataset-size', '1000']);
    expect(extra.status).toBe(2);
    expect(extra.stderr).toBe(
      'lrviz: error: torchtune-extra-argument.yaml: lr_scheduler.warmup_ratio is not an argument of get_cosine_schedule_with_warmup (Python would raise a TypeError); the YAML gives num_warmup_steps and num_cycles\n',
    );
  });
});
