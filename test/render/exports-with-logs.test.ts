/**
 * CSV and JSON exports carry logged runs as series of their own, and lrviz reads both back as logs.
 */
import { describe, expect, it } from 'vitest';
import { parseLog } from '../../src/logs/read.js';
import { renderCsv } from '../../src/render/csv.js';
import { renderJson } from '../../src/render/json.js';
import { formulaCurve, pictureRequest } from './picture-support.js';

const plan = formulaCurve('plan', 30, (i) => (30 - i) / 1000);
// Logged at 0 and 20 (on a --every 10 grid), 15 (between), and 1500 (past the plan's 30 steps).
const run = { label: 'run a', steps: [0, 15, 20, 1500], values: [0.03, 0.0151, 0.0102, 0.0001] };
const other = { label: 'run b', steps: [5, 20], values: [0.5, 0.25] };
const text = (chunks: Iterable<string>) => [...chunks].join('');

describe('CSV with logged runs', () => {
  it('gives each run a column, empty where it logged nothing, and a row at every logged step', () => {
    const csv = text(renderCsv(pictureRequest([plan], { every: 10, logs: [run, other] })));
    expect(csv.split('\r\n')).toEqual([
      'step,plan,run a (logged),run b (logged)',
      '0,0.03,0.03,',
      '5,0.025,,0.5',
      '10,0.02,,',
      '15,0.015,0.0151,',
      '20,0.01,0.0102,0.25',
      '1500,,0.0001,',
      '',
    ]);
  });

  it('is read back as logs: the plan and each run, with exactly the values written', () => {
    const csv = text(renderCsv(pictureRequest([plan], { every: 10, logs: [run, other] })));
    const runs = parseLog(csv, 'out.csv');
    expect(runs.map((r) => r.label)).toEqual(['out.csv plan', 'out.csv run a', 'out.csv run b']);
    expect([...runs[1].steps]).toEqual(run.steps);
    expect([...runs[1].values]).toEqual(run.values);
    expect([...runs[2].steps]).toEqual(other.steps);
    expect([...runs[0].steps]).toEqual([0, 5, 10, 15, 20]);
  });

  it('holds a log drawn alone: its steps and values', () => {
    expect(text(renderCsv(pictureRequest([], { logs: [run] })))).toBe('step,run a (logged)\r\n0,0.03\r\n15,0.0151\r\n20,0.0102\r\n1500,0.0001\r\n');
  });
});

describe('JSON with logged runs', () => {
  it('lists each run after the planned series, with its own steps, and is read back as logs', () => {
    const json = text(renderJson(pictureRequest([plan], { every: 10, logs: [run] })));
    const parsed = JSON.parse(json);
    expect(parsed.series[1]).toEqual({ label: 'run a (logged)', logged: true, steps: run.steps, values: run.values });
    const runs = parseLog(json, 'out.json');
    expect(runs.map((r) => r.label)).toEqual(['out.json plan', 'out.json run a']);
    expect([...runs[1].steps]).toEqual(run.steps);
    expect([...runs[1].values]).toEqual(run.values);
  });

  it('holds a log drawn alone', () => {
    const parsed = JSON.parse(text(renderJson(pictureRequest([], { logs: [run] }))));
    expect(parsed.steps).toBe(1501);
    expect(parsed.series).toEqual([{ label: 'run a (logged)', logged: true, steps: run.steps, values: run.values }]);
  });
});
