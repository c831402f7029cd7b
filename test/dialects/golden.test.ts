/**
 * Every golden curve in test/fixtures/golden (real framework runs, or the framework's formulas re-stated
 * operation for operation), reproduced by the library and by the CLI with both spec forms.
 */
import { describe, expect, it } from 'vitest';
import { buildSchedule } from '../../src/notation/build.js';
import { curveOf, materialize } from '../../src/curve/curve.js';
import { lrviz } from '../support/cli.js';
import { expectGoldenValues, goldenSpec, goldenTextSpec, loadGoldens, type Golden } from '../support/golden.js';
import { catalog } from '../../src/catalog.js';

const goldens = loadGoldens();

function parseCsvColumn(csv: string): number[] {
  return csv
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((row) => Number(row.split(',')[1]));
}

describe.each(goldens.map((g) => [g.id, g] as [string, Golden]))('golden %s', (_id, golden) => {
  it('library reproduces the framework', () => {
    const built = buildSchedule(catalog, goldenSpec(golden) as never, golden.steps);
    expectGoldenValues(materialize(curveOf(built.schedule, golden.id, golden.steps)), golden);
  });

  it('CLI reproduces it from the JSON spec', () => {
    const result = lrviz(['plot', '-s', JSON.stringify(goldenSpec(golden)), '--steps', String(golden.steps), '-o', '-', '--format', 'csv']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expectGoldenValues(parseCsvColumn(result.stdout), golden);
  });

  it('CLI reproduces it from the text spec', () => {
    const result = lrviz(['plot', '-s', goldenTextSpec(golden), '--steps', String(golden.steps), '-o', '-', '--format', 'csv']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expectGoldenValues(parseCsvColumn(result.stdout), golden);
  });
});
