/**
 * The bugs listed in known-bugs.ts, run as a user would meet them (a spawned CLI with a time limit).
 * Each is expected to fail today; when one is fixed its test fails here: make it a plain `it` and drop
 * the input filter from known-bugs.ts.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';

function endsBy(seconds: number, args: string[]): { signal: NodeJS.Signals | null; status: number | null } {
  const result = spawnSync(process.execPath, [BIN, ...args], { timeout: seconds * 1000, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { signal: result.signal, status: result.status };
}

describe('hangs in src/dialects/python-math.ts correctlyRoundedLog (largest double)', () => {
  it.fails('timm cycle_mul=1.7976931348623157e308 finishes', () => {
    expect(endsBy(5, ['plot', '-s', 'timm.CosineLRScheduler:lr=0.1,t_initial=10,cycle_mul=1.7976931348623157e308', '--steps', '20'])).toEqual({ signal: null, status: 0 });
  });

  it.fails('Keras t_mul=1.7976931348623157e308 finishes', () => {
    expect(endsBy(5, ['plot', '-s', 'keras.CosineDecayRestarts:initial_learning_rate=0.1,first_decay_steps=10,t_mul=1.7976931348623157e308', '--steps', '20'])).toEqual({ signal: null, status: 0 });
  });
});
