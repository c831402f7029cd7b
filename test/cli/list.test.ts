import { describe, expect, it } from 'vitest';
import { lrviz } from '../support/cli.js';
import { catalog } from '../../src/catalog.js';

describe('lrviz list', () => {
  it('lists every schedule with its parameters, defaults and formula', () => {
    const { status, stdout } = lrviz(['list']);
    expect(status).toBe(0);
    for (const def of catalog.all()) {
      expect(stdout).toContain(def.name);
      for (const param of def.params) expect(stdout).toContain(param.name);
    }
    expect(stdout).toMatch(/cosine-warmup.*\n.*\n\s+lr\(i\) = .*cos\(pi/);
    expect(stdout).toMatch(/warmup\s+= total\/10/);
  });

  it('shows one schedule, found loosely by name', () => {
    const { status, stdout } = lrviz(['list', 'Cosine_Warmup']);
    expect(status).toBe(0);
    expect(stdout.startsWith('cosine-warmup')).toBe(true);
    expect(stdout.match(/^\S/gm)).toHaveLength(1);
  });

  it('gives JSON to programs', () => {
    const list = JSON.parse(lrviz(['list', '--json']).stdout);
    expect(list.find((d: { name: string }) => d.name === 'cosine').params.map((p: { name: string }) => p.name)).toEqual(['lr', 'min_lr', 'total']);
  });

  it('rejects an unknown name or framework in one line', () => {
    const bad = lrviz(['list', 'cosinne']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^lrviz: error: unknown schedule "cosinne" \(did you mean "cosine"\?\)/);
    const framework = lrviz(['list', '--framework', 'jax']);
    expect(framework.status).toBe(2);
    expect(framework.stderr).toMatch(/--framework "jax" is not known/);
  });
});
