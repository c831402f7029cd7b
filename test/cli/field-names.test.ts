/**
 * The CLI names by its flags the run's fields that lower floors word their errors around, also where it puts
 * a config's file name before such an error (a lightning config whose OneCycleLR overflows its default).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lrviz } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'lrviz-field-names-'));
const config = join(dir, 'onecycle.yaml');
writeFileSync(
  config,
  [
    'trainer: {devices: 1, max_epochs: 10}',
    'data: {batch_size: 64}',
    'optimizer: {class_path: torch.optim.SGD, init_args: {lr: 0.1}}',
    'lr_scheduler: {class_path: torch.optim.lr_scheduler.OneCycleLR, init_args: {max_lr: 0.1, epochs: 1.0e+300, steps_per_epoch: 1.0e+300}}',
    '',
  ].join('\n'),
);
const overflow = 'schedule "torch.OneCycleLR": total_steps = epochs * steps_per_epoch, else --steps comes out as Infinity, not a finite number; give total_steps or smaller values';

describe('a config whose schedule cannot be built', () => {
  it('plot names --steps after the file name', () => {
    const { status, stdout, stderr } = lrviz(['plot', '--config', config, '--dataset-size', '1000']);
    expect([status, stdout, stderr]).toEqual([2, '', `lrviz: error: onecycle.yaml: ${overflow}\n`]);
  });

  it('resolve names --steps after the file as given', () => {
    const { status, stdout, stderr } = lrviz(['resolve', config, '--dataset-size', '1000']);
    expect([status, stdout, stderr]).toEqual([2, '', `lrviz: error: ${config}: ${overflow}\n`]);
  });
});
