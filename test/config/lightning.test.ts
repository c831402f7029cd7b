/**
 * LightningCLI fit configs (test/fixtures/configs/lightning, README there) against a real Lightning 2.6.6 Trainer
 * that steps the scheduler LightningCLI's configure_optimizers returns (golden.json): every optimizer update.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { resolveConfigFile } from '../../src/config/index.js';
import { lrviz } from '../support/cli.js';
import { expectConfigRefused } from '../support/config-refusal.js';
import { expectNear } from '../support/golden.js';

const DIR = 'test/fixtures/configs/lightning';
interface Case { file: string; examples: number; devices: number; updates: number; lr: number[] }
const golden = JSON.parse(readFileSync(`${DIR}/golden.json`, 'utf8')) as { cases: Case[] };

const NOTES: Record<string, string[]> = {
  'cosine-ddp-accumulate.yaml': [],
  'onecycle-total-steps.yaml': ['LRV005'],
  'steplr-max-steps.yaml': [],
  'lit-lm-config.yaml': [],
  'tu-cifar10-resnet18-standard.yaml': [],
  'tu-nyu-bts.yaml': [],
  'terratorch-forestnet-timm.yaml': [],
  'omatg-dng-linear-sde-mp-20.yaml': [],
};

describe('LightningCLI configs against a Lightning 2.6.6 run', () => {
  for (const c of golden.cases) {
    it(`${c.file}: ${c.examples} examples, the CLI spawned as a user runs it`, async () => {
      const resolved = await resolveConfigFile(`${DIR}/${c.file}`, { inputs: { datasetSize: c.examples, devices: c.devices } });
      expect(resolved.stack).toBe('lightning');
      expect(resolved.updates).toBe(c.updates);
      expect(resolved.stepped?.unit).toBe('epoch');
      expect(resolved.notes.map((n) => n.code)).toEqual(NOTES[c.file]);
      const { status, stdout, stderr } = lrviz(['plot', '--config', `${DIR}/${c.file}`, '--dataset-size', String(c.examples), '--devices', String(c.devices), '-o', '-']);
      expect(stderr).toBe('');
      expect(status).toBe(0);
      const values = stdout.trimEnd().split('\r\n').slice(1).map((row) => Number(row.split(',')[1]));
      expect(values).toHaveLength(c.updates);
      c.lr.forEach((lr, i) => {
        expectNear(values[i], lr, () => `update ${i}: lrviz ${values[i]}, Lightning ${lr}`);
      });
    });
  }

  it('resolve prints the -s line that reproduces it, held per epoch', () => {
    const { stdout } = lrviz(['resolve', `${DIR}/cosine-ddp-accumulate.yaml`, '--dataset-size', '10000']);
    expect(stdout).toContain('lrviz plot -s torch.CosineAnnealingLR:lr=0.001,T_max=20,eta_min=0.000001 --steps 1580 --stepped epoch --steps-per-epoch 79');
  });

  it('check names a horizon in steps stepped per epoch (LRV005)', () => {
    const { stdout } = lrviz(['check', '--config', `${DIR}/onecycle-total-steps.yaml`, '--dataset-size', '10000', '--json']);
    const findings = (JSON.parse(stdout) as { schedules: { findings: { code: string; fix: string }[] }[] }).schedules[0].findings;
    expect(findings.find((f) => f.code === 'LRV005')?.fix).toMatch(/^total_steps: 10 \(epochs\)/);
  });

  it('a run config with an optimizer and no lr_scheduler trains at its lr throughout (pointcloud-denoising-config.yaml)', () => {
    const { status, stdout, stderr } = lrviz(['plot', '--config', `${DIR}/pointcloud-denoising-config.yaml`, '--steps-per-epoch', '50', '-o', '-']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const values = stdout.trimEnd().split('\r\n').slice(1).map((row) => Number(row.split(',')[1]));
    expect(values).toHaveLength(100 * 50);
    expect(new Set(values)).toEqual(new Set([0.1]));
  });

  it('a run config with ReduceLROnPlateau is refused in one line (vhagar-config.yaml)', () => {
    const { status, stderr } = lrviz(['resolve', `${DIR}/vhagar-config.yaml`, '--dataset-size', '100']);
    expect(status).toBe(2);
    expect(stderr).toBe('lrviz: error: vhagar-config.yaml: lr_scheduler lightning.pytorch.cli.ReduceLROnPlateau lowers the lr when the monitored metric stops improving: when, only the run knows\n');
  });

  it('a data module\'s drop_last drops the partial batch', async () => {
    const text = readFileSync(`${DIR}/vhagar-config.yaml`, 'utf8').replace(/lr_scheduler:[\s\S]*$/, 'lr_scheduler:\n  class_path: torch.optim.lr_scheduler.StepLR\n  init_args:\n    step_size: 10\n');
    const copy = `${mkdtempSync(`${tmpdir()}/lrviz-lightning-`)}/config.yaml`;
    writeFileSync(copy, text);
    // 100 chips in batches of 8 with drop_last: 12 updates an epoch, not 13.
    const resolved = await resolveConfigFile(copy, { inputs: { datasetSize: 100 } });
    expect(resolved.stepsPerEpoch).toBe(12);
  });

  it('a run config with neither optimizer nor lr_scheduler (the model decides) is refused in one line', () => {
    const { status, stderr } = lrviz(['resolve', `${DIR}/ebm-molecules-config.yaml`, '--dataset-size', '100']);
    expect(status).toBe(2);
    expect(stderr).toBe("lrviz: error: ebm-molecules-config.yaml: optimizer and lr_scheduler are null: the LightningModule's own configure_optimizers decides the lr, and a config cannot show it (give its schedule with -s)\n");
  });

  it.each([
    ['trainer:\n  max_epochs: 3\nlr_scheduler:\n  class_path: torch.optim.lr_scheduler.ReduceLROnPlateau\n', /lowers the lr when the monitored metric stops improving/],
    ['trainer:\n  max_epochs: 3\nlr_scheduler:\n  class_path: my.schedulers.WarmupCosine\n', /lr_scheduler my\.schedulers\.WarmupCosine: lrviz reads torch\.optim\.lr_scheduler's/],
    ['trainer:\n  max_epochs: 3\nlr_scheduler:\n  class_path: torch.optim.lr_scheduler.StepLR\n  init_args:\n    step_size: 1\n', /data\.init_args\.batch_size is not in the file .*give --steps-per-epoch/],
  ])('refuses %j in one line', (text, message) => expectConfigRefused('config.yaml', text, ['--dataset-size', '100'], message));
});
