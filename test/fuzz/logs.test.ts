/**
 * The log readers (--log, compare --log, fit) against any text: a file is read or refused in one
 * LrvizError line, and what is read holds finite, ordered points only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLog } from '../../src/logs/index.js';
import { anyJson, trickyText } from './arbitraries.js';
import { onlyLrvizErrors } from './refusals.js';

/** A cell of a CSV log: numbers of every kind, text, quotes and separators. */
const cell = fc.oneof(
  fc.double().map(String),
  fc.integer({ min: -5, max: 100000 }).map(String),
  trickyText,
  fc.constantFrom('', '"', '""', '"a,b"', '\r', ',', 'lr', 'step', 'learning_rate', 'epoch', 'lr-SGD', 'train/learning_rate', 'Step', 'Value', 'Wall time'),
  fc.string({ maxLength: 6 }),
);

/** Text shaped like a CSV log: a header of likely names, then rows of any cells. */
const csvLike = fc
  .tuple(
    fc.array(fc.constantFrom('step', 'lr', 'Step', 'Value', 'Wall time', 'epoch', 'lr-AdamW', 'lr-SGD/pg1', 'train/learning_rate', 'x', ''), { minLength: 1, maxLength: 4 }),
    fc.array(fc.array(cell, { minLength: 0, maxLength: 5 }), { maxLength: 30 }),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.constantFrom(',', ';', '\t'),
  )
  .map(([header, rows, newline, separator]) => [header, ...rows].map((row) => row.join(separator)).join(newline));

/** Objects shaped like a HuggingFace trainer_state.json, with hostile values inside. */
const trainerStateLike = fc
  .record({
    log_history: fc.array(
      fc.record(
        {
          step: fc.oneof(fc.integer({ min: -3, max: 100000 }), fc.double(), trickyText, fc.constant(null)),
          learning_rate: fc.oneof(fc.double(), fc.double({ min: 0, max: 1, noNaN: true }), trickyText, fc.constant(null)),
          epoch: fc.oneof(fc.double({ noNaN: true }), trickyText),
          loss: fc.double({ noNaN: true }),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 20 },
    ),
    global_step: fc.integer(),
    max_steps: fc.oneof(fc.integer(), fc.double(), trickyText),
  }, { requiredKeys: [] })
  .map((state) => JSON.stringify(state, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value)));

function checkRuns(text: string): void {
  const runs = parseLog(text, 'fuzz.log');
  expect(runs.length).toBeGreaterThan(0);
  for (const run of runs) {
    expect(run.steps.length).toBe(run.values.length);
    for (let i = 0; i < run.steps.length; i++) {
      if (!Number.isFinite(run.steps[i]) || !Number.isFinite(run.values[i])) expect.fail(`point ${i} is (${run.steps[i]}, ${run.values[i]}) in ${JSON.stringify(text)}`);
      if (i > 0 && !(run.steps[i] >= run.steps[i - 1])) expect.fail(`steps out of order at ${i} in ${JSON.stringify(text)}`);
    }
  }
}

describe('parseLog', () => {
  it('reads or refuses, in one line, any text a log file can hold', () => {
    fc.assert(
      fc.property(fc.oneof(csvLike, trainerStateLike, anyJson.map((v) => JSON.stringify(v) ?? ''), fc.string(), fc.string({ unit: 'binary' })), (text) => {
        onlyLrvizErrors(() => checkRuns(text), text);
      }),
      { numRuns: 1500 },
    );
  });

  it('refuses JSON nested beyond reason without a stack overflow', () => {
    for (const depth of [1000, 200_000]) {
      onlyLrvizErrors(() => checkRuns(`{"log_history":${'['.repeat(depth)}${']'.repeat(depth)}}`), `depth ${depth}`);
      onlyLrvizErrors(() => checkRuns('['.repeat(depth) + ']'.repeat(depth)), `depth ${depth}`);
    }
  });
});
