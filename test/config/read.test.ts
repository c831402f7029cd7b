/**
 * Reading a config's YAML: the numbers as the stacks end up with them, repeated keys and tags as PyYAML
 * users expect, and a hostile file refused in one line instead of expanding or running anything.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/read.js';
import { lrviz } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'lrviz-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function yamlFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('YAML configs', () => {
  it('reads 2e-5 and 1.0e-4 as numbers, keeps strings and nulls, and the last of a repeated key', async () => {
    const doc = await readConfig(yamlFile('numbers.yaml', 'lr: 2e-5\nmin_lr: 1.0e-4\nname: run-1\nscheduler: null\nwarmup: 10\nwarmup: 20\n'));
    expect(doc.value).toEqual({ lr: 2e-5, min_lr: 1e-4, name: 'run-1', scheduler: null, warmup: 20 });
  });

  it('never resolves a tag: python objects, !include and !!binary-like tags stay the data written', async () => {
    const doc = await readConfig(yamlFile('tags.yaml', "a: !!python/object/apply:eval ['1+1']\nb: !include other.yaml\nc: !!python/tuple [1, 2]\nd: !custom {x: 1}\ne: !!str 3\n"));
    expect(doc.value).toEqual({ a: ['1+1'], b: 'other.yaml', c: [1, 2], d: { x: 1 }, e: '3' });
  });

  it('an empty file is an empty document', async () => {
    expect((await readConfig(yamlFile('empty.yaml', '\n  \n'))).value).toBe(null);
  });

  it('aliases that expand past a million values: one line naming the file, exit 2, nothing expanded', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let k = 1; k < 9; k++) levels.push(`${String.fromCharCode(97 + k)}: &${String.fromCharCode(97 + k)} [${Array(10).fill(`*${String.fromCharCode(96 + k)}`).join(', ')}]`);
    const file = yamlFile('laughs.yaml', `${levels.join('\n')}\nlearning_rate: 1e-4\n`);
    const { status, stdout, stderr } = lrviz(['plot', '--config', file, '--steps', '10']);
    expect([status, stdout, stderr]).toEqual([2, '', 'lrviz: error: laughs.yaml: cannot read the YAML (its aliases expand to more than 1,000,000 values)\n']);
  });

  it('a syntax error names the file, the line and the column', () => {
    const file = yamlFile('broken.yaml', 'lr: 1e-4\nsched: [cosine\nwarmup: 3\n');
    const { status, stderr } = lrviz(['plot', '--config', file, '--steps', '10']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^lrviz: error: broken\.yaml: YAML syntax error at line \d+, column \d+: [^\n]+\n$/);
  });

  it('nesting deeper than a call stack: one line, exit 2', () => {
    const file = yamlFile('deep.yaml', `lr: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`);
    const { status, stderr } = lrviz(['plot', '--config', file, '--steps', '10']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^lrviz: error: deep\.yaml: [^\n]+\n$/);
  });
});
