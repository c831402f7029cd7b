/** `lrviz plot --log`: the readers wired into the plot command, run as a user runs it. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lrviz } from '../support/cli.js';

const TINYLLAMA = fileURLToPath(new URL('../fixtures/real-logs/tinyllama-finetune.trainer_state.json', import.meta.url));

describe('lrviz plot --log', () => {
  it('overlays the logged learning rates on the planned curve', () => {
    const { status, stdout, stderr } = lrviz(['plot', '-s', 'cosine-warmup:lr=1e-5,warmup=57', '--steps', '2808', '--log', TINYLLAMA, '-W', '80']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain(`· · ${TINYLLAMA} (logged)`);
  });

  it('refuses a file that is not a log in one line', () => {
    const { status, stderr } = lrviz(['plot', '-s', 'cosine', '--log', fileURLToPath(new URL('../../package.json', import.meta.url))]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^lrviz: error: --log ".*package\.json": not a learning-rate log lrviz can read; expected /);
  });
});
