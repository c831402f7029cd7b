/**
 * HF Trainer configs: real public files resolved as transformers 5.18 resolves them, each compared with
 * the learning rates a real Trainer run recorded (test/fixtures/configs/hf/make_goldens.py).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveConfigFile } from '../../src/config/index.js';
import type { PlanInputs } from '../../src/config/types.js';
import { catalog } from '../../src/catalog.js';
import { buildSchedule } from '../../src/notation/build.js';
import { lrviz } from '../support/cli.js';
import { expectCurve } from '../support/golden.js';

const DIR = 'test/fixtures/configs/hf';

const CASES: { name: string; file: string; golden: string; inputs: PlanInputs; spec: Record<string, unknown> }[] = [
  {
    name: 'TRL GRPO training_args.json, horizon in steps (max_steps 100), 4.x warmup_ratio',
    file: 'grpo-accounting-training_args.json',
    golden: 'grpo-accounting.golden.json',
    inputs: {},
    spec: { type: 'hf.cosine', lr: 0.0002, num_warmup_steps: 10, num_training_steps: 100 },
  },
  {
    name: 'LLaMA-Factory LoRA SFT YAML, 3 epochs of 1,000 examples, gradient accumulation 8',
    file: 'llamafactory/examples/train_lora/qwen3_lora_sft.yaml',
    golden: 'qwen3_lora_sft.golden.json',
    inputs: { datasetSize: 1000 },
    spec: { type: 'hf.cosine', lr: 0.0001, num_warmup_steps: 38, num_training_steps: 375 },
  },
  {
    name: 'LLaMA-Factory full SFT YAML naming a DeepSpeed config without a scheduler, on 2 devices',
    file: 'llamafactory/examples/train_full/qwen3_full_sft.yaml',
    golden: 'qwen3_full_sft.devices2.golden.json',
    inputs: { datasetSize: 1000, devices: 2 },
    spec: { type: 'hf.cosine', lr: 0.00001, num_warmup_steps: 75, num_training_steps: 750 },
  },
];

describe('HF Trainer configs against real Trainer runs', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const resolved = await resolveConfigFile(`${DIR}/${c.file}`, { inputs: c.inputs });
      const golden = JSON.parse(readFileSync(`${DIR}/${c.golden}`, 'utf8')) as { lr: number[] };
      expect(resolved.stack).toBe('hf');
      expect(resolved.spec).toEqual(c.spec);
      expect(resolved.updates).toBe(golden.lr.length);
      const { schedule } = buildSchedule(catalog, resolved.spec, resolved.updates as number);
      expectCurve((i) => schedule.lr(i), golden.lr, 'transformers');
    });
  }

  it('every derived number carries its rule and source key', async () => {
    const resolved = await resolveConfigFile(`${DIR}/llamafactory/examples/train_lora/qwen3_lora_sft.yaml`, { inputs: { datasetSize: 1000 } });
    expect(resolved.derivations.map((d) => [d.what, d.value, d.rule])).toEqual([
      ['batches/epoch per process', 1000, 'ceil(1,000 / (1 × 1))'],
      ['updates/epoch', 125, 'max(ceil(1,000 / 8), 1)'],
      ['updates', 375, 'ceil(3 epochs × 125 updates/epoch)'],
      ['warmup', 38, 'ceil(0.1 × 375)'],
    ]);
    expect(resolved.assumptions.join('\n')).toContain('1 data-parallel process');
  });

  it('transformers 4.46-4.51 rounded updates per epoch down; --old-rule hf-floor-updates brings it back', async () => {
    // 1,000 examples on 3 devices: 334 batches per process; 334 / 8 = 41.75 updates.
    const current = await resolveConfigFile(`${DIR}/llamafactory/examples/train_lora/qwen3_lora_sft.yaml`, { inputs: { datasetSize: 1000, devices: 3 } });
    const old = await resolveConfigFile(`${DIR}/llamafactory/examples/train_lora/qwen3_lora_sft.yaml`, {
      inputs: { datasetSize: 1000, devices: 3, legacy: new Set(['hf-floor-updates']) },
    });
    expect([current.stepsPerEpoch, current.updates]).toEqual([42, 126]);
    expect([old.stepsPerEpoch, old.updates]).toEqual([41, 123]);
    expect(old.release).toContain('4.46-4.51');
  });

  it('a warmup_steps below 1 is a ratio (transformers 5), rounded up', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/lrviz-hf-');
    writeFileSync(`${dir}/args.json`, JSON.stringify({ learning_rate: 3e-5, lr_scheduler_type: 'linear', warmup_steps: 0.03, max_steps: 6504 }));
    const resolved = await resolveConfigFile(`${dir}/args.json`, { inputs: {} });
    expect(resolved.spec).toEqual({ type: 'hf.linear', lr: 3e-5, num_warmup_steps: 196, num_training_steps: 6504 });
    expect(resolved.derivations.find((d) => d.what === 'warmup')?.rule).toBe('ceil(0.03 × 6,504)');
  });
});

describe('lrviz plot/resolve --config, as a user runs them', () => {
  it('plot --config writes one row per optimizer update, labelled by the file name, equal to resolve\'s -s', () => {
    const file = `${DIR}/llamafactory/examples/train_lora/qwen3_lora_sft.yaml`;
    const viaConfig = lrviz(['plot', '--config', file, '--dataset-size', '1000', '-o', '-']);
    expect(viaConfig.stderr).toBe('');
    const rows = viaConfig.stdout.trim().split(/\r?\n/);
    expect(rows[0]).toBe('step,qwen3_lora_sft.yaml');
    expect(rows).toHaveLength(376);
    const resolved = lrviz(['resolve', file, '--dataset-size', '1000', '--json']);
    const spec = JSON.parse(resolved.stdout).specText as string;
    const viaSpec = lrviz(['plot', '-s', spec, '--steps', '375', '-o', '-']);
    expect(viaSpec.stdout.split(/\r?\n/).slice(1)).toEqual(viaConfig.stdout.split(/\r?\n/).slice(1));
  });

  it('--config mixes with -s in command-line order; --steps gives that many rows without moving the horizon', () => {
    const file = `${DIR}/grpo-accounting-training_args.json`;
    const { stdout, stderr } = lrviz(['plot', '-s', 'constant:lr=0.0001', '--config', file, '--steps', '150', '-o', '-']);
    expect(stderr).toBe('');
    const rows = stdout.trim().split(/\r?\n/);
    expect(rows[0]).toBe('step,constant:lr=0.0001,grpo-accounting-training_args.json');
    expect(rows).toHaveLength(151);
    // hf.cosine keeps its horizon at 100 and climbs back after it, as transformers does.
    expect(Number(rows[101].split(',')[2])).toBe(0);
    expect(Number(rows[120].split(',')[2])).toBeGreaterThan(0);
  });

  it('resolve names the release, the rule and the source of each number', () => {
    const { stdout, status } = lrviz(['resolve', `${DIR}/llamafactory/examples/train_full/qwen3_full_sft.yaml`, '--dataset-size', '1000', '--devices', '2']);
    expect(status).toBe(0);
    expect(stdout).toContain('rules of transformers 5.18');
    expect(stdout).toContain('-s hf.cosine:lr=0.00001,num_warmup_steps=75,num_training_steps=750');
    expect(stdout).toMatch(/warmup 75 +=\s+ceil\(0\.1 × 750\)\s+\(warmup_ratio, transformers 4\.x\)/);
    expect(stdout).toContain('ds_z3_config.json has no scheduler block');
  });

  it('a config that trains in epochs without the dataset size: one line naming the flag, exit 2', () => {
    const { status, stderr, stdout } = lrviz(['plot', '--config', `${DIR}/llamafactory/examples/train_lora/qwen3_lora_sft.yaml`]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('lrviz: error: qwen3_lora_sft.yaml: trains 3 epochs: give --dataset-size (training examples) or --steps-per-epoch\n');
  });

  it('check --config takes the plan\'s length as the training length', () => {
    const { stdout, status } = lrviz(['check', '--config', `${DIR}/grpo-accounting-training_args.json`, '--json']);
    expect(status).toBe(0);
    expect(JSON.parse(stdout).training).toMatchObject({ schedulerSteps: 100, stepped: 'batch' });
  });
});

describe('hf.* with the TrainingArguments names, against real Trainer runs', () => {
  const rows = (stdout: string) => stdout.trim().split(/\r?\n/).slice(1).map((row) => Number(row.split(',')[1]));
  const golden = (file: string) => (JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as { lr: number[] }).lr;

  it('warmup_ratio rounds up as the Trainer does: ceil(0.1 × 375) = 38 warmup steps (the LoRA SFT run)', () => {
    const { status, stdout, stderr } = lrviz(['plot', '-s', 'hf.cosine:learning_rate=0.0001,warmup_ratio=0.1,max_steps=375', '--steps', '375', '-o', '-']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const values = rows(stdout);
    expect(values).toHaveLength(375);
    expectCurve((i) => values[i], golden('qwen3_lora_sft.golden.json'), 'transformers');
  });

  it('transformers 5\'s warmup_steps below 1 is the same ratio; warmup_steps > 0 wins over warmup_ratio (4.x)', () => {
    const ratioAsSteps = lrviz(['plot', '-s', 'hf.cosine:learning_rate=0.0002,warmup_steps=0.1,max_steps=100', '--steps', '100', '-o', '-']);
    const ratioRows = rows(ratioAsSteps.stdout);
    expectCurve((i) => ratioRows[i], golden('grpo-accounting.golden.json'), 'transformers');
    const stepsWin = lrviz(['plot', '-s', 'hf.cosine:learning_rate=0.0002,warmup_steps=10,warmup_ratio=0.5,max_steps=100', '--steps', '100', '-o', '-']);
    const stepsRows = rows(stepsWin.stdout);
    expectCurve((i) => stepsRows[i], golden('grpo-accounting.golden.json'), 'transformers');
  });

  it('num_warmup_steps that disagrees with the TrainingArguments names: one line, exit 2', () => {
    const { status, stderr } = lrviz(['plot', '-s', 'hf.linear:num_warmup_steps=5,warmup_ratio=0.5,num_training_steps=100', '--steps', '100']);
    expect(status).toBe(2);
    expect(stderr).toBe('lrviz: error: schedule "hf.linear": num_warmup_steps=5 but warmup_ratio=0.5 give 50 warmup steps of 100 training steps; give num_warmup_steps or the TrainingArguments names, not both\n');
  });
});

describe('bad config files: one line naming the file and the key, exit 2', () => {
  const BAD = 'test/fixtures/configs/bad';
  const cases: [string, RegExp][] = [
    ['not-a-config.json', /^lrviz: error: not-a-config\.json: not a training config lrviz knows \(torchtune, axolotl, hf, deepspeed, mmengine, detectron2, megatron, timm, ultralytics, lightning\); if it is one, name its stack with --stack NAME\n$/],
    ['unknown-scheduler.json', /^lrviz: error: unknown-scheduler\.json: lr_scheduler_type "cosine_annealing_magic" is not a transformers scheduler; use one of linear, cosine, .*\n$/],
    ['yaml-syntax.yaml', /^lrviz: error: yaml-syntax\.yaml: YAML syntax error at line \d+, column \d+: .*\n$/],
    ['missing-deepspeed.json', /^lrviz: error: missing-deepspeed\.json: deepspeed names "no\/such\/ds_config\.json", which does not exist .*\n$/],
    ['missing-key-ds.json', /^lrviz: error: missing-key-ds\.json: scheduler\.params\.total_num_steps is missing; the schedule needs it\n$/],
    ['bad-number.json', /^lrviz: error: bad-number\.json: learning_rate is "fast"; expected a number\n$/],
  ];
  for (const [file, message] of cases) {
    it(file, () => {
      const { status, stderr, stdout } = lrviz(['plot', '--config', `${BAD}/${file}`, '--steps', '10']);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(status).toBe(2);
    });
  }

  it('--stack forces a reader; an unknown one is refused', () => {
    expect(lrviz(['resolve', `${BAD}/not-a-config.json`, '--stack', 'nope']).stderr).toBe('lrviz: error: --stack "nope" is not allowed; use one of torchtune, axolotl, hf, deepspeed, mmengine, detectron2, megatron, timm, ultralytics, lightning\n');
  });
});
