import { mkdtempSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LrvizError } from '../../src/errors.js';
import { parseCsv } from '../../src/logs/csv.js';
import { MAX_LOG_BYTES, parseLog, readLogFile } from '../../src/logs/read.js';
import type { LoggedRun } from '../../src/logs/points.js';

const REAL_LOGS = fileURLToPath(new URL('../fixtures/real-logs/', import.meta.url));

/** A run with its typed arrays as plain lists, to compare with literals. */
const plain = (run: LoggedRun) => ({ ...run, steps: [...run.steps], values: [...run.values] });
const scratch = mkdtempSync(join(tmpdir(), 'lrviz-read-'));
/**
 * The log as both readers see it: parseLog from the text, readLogFile streaming the bytes from disk
 * (a different tokenizer: bytes, no string per cell). They must agree; the runs are returned plain.
 */
function readBoth(text: string, source: string): ReturnType<typeof plain>[] {
  const fromText = parseLog(text, source).map(plain);
  const file = join(scratch, `${fromText.length}-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, text);
  const fromFile = readLogFile(file).map((run) => plain({ ...run, label: run.label.replace(file, source), source }));
  expect(fromFile).toEqual(fromText);
  return fromText;
}

describe('real HuggingFace trainer states', () => {
  it('reads the whisper run: 200 learning rates every 25 steps, evaluation entries skipped', () => {
    const [run] = readLogFile(join(REAL_LOGS, 'whisper-large-v2-japanese.trainer_state.json'));
    expect(run.format).toBe('HuggingFace trainer_state.json');
    expect(run.steps).toHaveLength(200);
    expect(run.steps[0]).toBe(25);
    expect(run.steps[199]).toBe(5000);
    expect(run.values[0]).toBeCloseTo(4.6e-7, 20);
    expect(run.steps.every((s, k) => k === 0 || s === run.steps[k - 1] + 25)).toBe(true);
  });

  it('reads the tinyllama run: every 15 steps up to 2790', () => {
    const [run] = readLogFile(join(REAL_LOGS, 'tinyllama-finetune.trainer_state.json'));
    expect(run.steps).toHaveLength(186);
    expect(run.steps.at(-1)).toBe(2790);
    expect(Math.max(...run.values)).toBeLessThan(1e-5);
  });
});

describe('format detection', () => {
  const cases: { name: string; text: string; format: string; steps: number[]; values: number[] }[] = [
    {
      name: 'Lightning metrics.csv with empty lr cells',
      text: 'epoch,lr-AdamW,step,train_loss\n0,0.001,0,\n0,,0,2.5\n0,0.0009,50,\n0,,50,2.1\n',
      format: 'PyTorch Lightning metrics.csv',
      steps: [0, 50],
      values: [0.001, 0.0009],
    },
    { name: 'TensorBoard export', text: 'Wall time,Step,Value\n1700000000.5,10,0.1\n1700000001.5,20,0.05\n', format: 'TensorBoard scalar CSV', steps: [10, 20], values: [0.1, 0.05] },
    {
      name: 'W&B export with MIN/MAX companions',
      text: '"Step","run-1 - train/learning_rate","run-1 - train/learning_rate__MIN","run-1 - train/learning_rate__MAX"\n"5","0.0003","0.0003","0.0003"\n"10","0.0002","0.0002","0.0002"\n',
      format: 'W&B scalar CSV',
      steps: [5, 10],
      values: [3e-4, 2e-4],
    },
    { name: 'plain step,lr', text: 'step,lr\n2,0.2\n1,0.1\n', format: 'step,lr CSV', steps: [1, 2], values: [0.1, 0.2] },
    { name: 'headerless pairs', text: '0,1e-3\r\n100,5e-4\r\n', format: 'step,lr CSV (no header)', steps: [0, 100], values: [1e-3, 5e-4] },
    {
      name: 'trainer_state resumed: the later entry of a repeated step wins',
      text: JSON.stringify({ log_history: [{ step: 10, learning_rate: 1 }, { step: 20, learning_rate: 2 }, { step: 10, learning_rate: 3 }, { step: 20, eval_loss: 1 }] }),
      format: 'HuggingFace trainer_state.json',
      steps: [10, 20],
      values: [3, 2],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [run] = readBoth(c.text, 'log');
      expect(run.format).toBe(c.format);
      expect(run.steps).toEqual(c.steps);
      expect(run.values).toEqual(c.values);
    });
  }

  it('reads W&B history exports (_step) and long TensorBoard exports (step,tag,value)', () => {
    const [history] = readBoth('_step,train/loss,trainer/learning_rate\n0,2.0,0.001\n10,1.5,0.0009\n', 'h.csv');
    expect(history).toMatchObject({ format: 'step,lr CSV', steps: [0, 10], values: [0.001, 0.0009] });
    const [long] = readBoth('step,tag,value\n0,train/loss,2\n0,train/lr,0.1\n5,train/lr,0.05\n5,train/loss,1\n', 'tb.csv');
    expect(long).toMatchObject({ format: 'TensorBoard long CSV (step,tag,value)', steps: [0, 5], values: [0.1, 0.05] });
  });

  it('leaves out LearningRateMonitor momentum columns', () => {
    const runs = readBoth('step,lr-SGD,lr-SGD-momentum\n0,0.1,0.9\n', 'm.csv');
    expect(runs.map((r) => r.label)).toEqual(['m.csv']);
  });

  it('gives one series per Lightning parameter group', () => {
    const runs = readBoth('step,lr-SGD/pg1,lr-SGD/pg2\n0,0.1,0.01\n', 'm.csv');
    expect(runs.map((r) => r.label)).toEqual(['m.csv lr-SGD/pg1', 'm.csv lr-SGD/pg2']);
  });

  it('reads any two numeric columns as step,lr, whatever the header says', () => {
    const [run] = readBoth('iteration_x,my metric\n0,0.5\n10,0.25\n', 'two.csv');
    expect(run).toMatchObject({ format: 'two-column CSV (read as step,lr)', label: 'two.csv', steps: [0, 10], values: [0.5, 0.25] });
    expect(readBoth('step,loss\n0,2\n1,1\n', 'l.csv')[0]).toMatchObject({ steps: [0, 1], values: [2, 1] });
  });

  it("reads lrviz's own CSV: one series per labelled column, empty cells skipped", () => {
    const text = 'step,"torch.CosineAnnealingLR:lr=0.1,T_max=100",baseline\r\n0,0.1,\r\n5,0.05,0.2\r\n';
    const runs = readBoth(text, 'd.csv');
    expect(runs.map((r) => [r.label, r.steps, r.values])).toEqual([
      ['d.csv torch.CosineAnnealingLR:lr=0.1,T_max=100', [0, 5], [0.1, 0.05]],
      ['d.csv baseline', [5], [0.2]],
    ]);
    expect(runs[0].format).toBe('step,series CSV (lrviz plot)');
  });

  it("reads lrviz's own JSON (values on the --every grid) and vega-lite spec", () => {
    const json = readBoth(JSON.stringify({ steps: 7, every: 3, series: [{ label: 'a', spec: {}, values: [0, 0.5, 0.25] }] }), 'd.json');
    expect(json).toEqual([{ label: 'd.json', source: 'd.json', format: 'lrviz plot JSON', steps: [0, 3, 6], values: [0, 0.5, 0.25] }]);
    const two = parseLog(JSON.stringify({ steps: 2, every: 1, series: [{ label: 'a', values: [1, 2] }, { label: 'b', values: [3, 4] }] }), 'd.json');
    expect(two.map((r) => r.label)).toEqual(['d.json a', 'd.json b']);
    const vl = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', layer: [{ data: { values: [{ series: 's', step: 0, lr: 1 }, { series: 's', step: 1, lr: 0.5 }] } }] };
    expect(readBoth(JSON.stringify(vl), 'd.vl.json')[0]).toMatchObject({ format: 'lrviz vega-lite spec', steps: [0, 1], values: [1, 0.5] });
  });

  it('reads quoted fields with commas and doubled quotes', () => {
    expect(parseCsv('a,"b,c","d""e"\n\n1,2,3')).toEqual([['a', 'b,c', 'd"e'], ['1', '2', '3']]);
  });
});

describe('refusals are one-line LrvizErrors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lrviz-logs-'));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const cases: [string, () => unknown, RegExp][] = [
    ['missing file', () => readLogFile(join(dir, 'nope.json')), /nope\.json": no such file/],
    ['folder', () => (mkdirSync(join(dir, 'run'), { recursive: true }), readLogFile(join(dir, 'run'))), /is a folder/],
    ['a CSV of something else', () => readLogFile(file('loss.csv', 'epoch,loss,accuracy\n1,2,0.5\n')), /not a learning-rate log lrviz can read; expected a HuggingFace trainer_state.json/],
    ['JSON without log_history', () => readLogFile(file('config.json', '{"lr": 1}')), /not a learning-rate log/],
    ['malformed JSON', () => readLogFile(file('broken.json', '{"log_history": [')), /malformed JSON/],
    ['a trainer state without learning rates', () => readLogFile(file('eval.json', '{"log_history": [{"step": 1, "eval_loss": 2}]}')), /holds no learning rates/],
    ['huge file (sparse, never read)', () => {
      const path = file('huge.csv', '');
      truncateSync(path, MAX_LOG_BYTES + 1);
      return readLogFile(path);
    }, /more than \d+ bytes; a log may hold at most/],
    ['binary', () => readLogFile(file('x.bin', 'step,lr\0\0')), /not a learning-rate log/],
  ];
  for (const [name, run, message] of cases) {
    it(name, () => {
      expect(run).toThrow(LrvizError);
      expect(run).toThrow(message);
    });
  }
});
