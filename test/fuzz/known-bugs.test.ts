/**
 * Bugs the fuzzers found, kept as regressions and run as a user would meet them (a spawned CLI with a
 * time limit).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';

function endsBy(seconds: number, args: string[]): { signal: NodeJS.Signals | null; status: number | null } {
  const result = spawnSync(process.execPath, [BIN, ...args], { timeout: seconds * 1000, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { signal: result.signal, status: result.status };
}

describe('correctlyRoundedLog of the largest double (it used to loop for ever: 2^1024 is Infinity)', () => {
  it('timm cycle_mul=1.7976931348623157e308 finishes', () => {
    expect(endsBy(5, ['plot', '-s', 'timm.CosineLRScheduler:lr=0.1,t_initial=10,cycle_mul=1.7976931348623157e308', '--steps', '20'])).toEqual({ signal: null, status: 0 });
  });

  it('Keras t_mul=1.7976931348623157e308 finishes, refusing the overflow it leads to (as Keras gives NaN there)', () => {
    expect(endsBy(5, ['plot', '-s', 'keras.CosineDecayRestarts:initial_learning_rate=0.1,first_decay_steps=10,t_mul=1.7976931348623157e308', '--steps', '20'])).toEqual({ signal: null, status: 2 });
  });
});
