/**
 * The flags that dress a figure (--xlim, --x epochs, --xlabel/--ylabel, --mark), run as a user runs lrviz.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lrviz } from '../support/cli.js';
import { texts } from '../render/picture-support.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lrviz-figure-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = ['-s', 'cosine-warmup:warmup=300', '-s', 'torch.CosineAnnealingLR:lr=1e-3,T_max=600', '--steps', '1000'];

describe('figure flags', () => {
  it('draws an epoch axis with marks where the warmup ends, at the horizon and at epoch boundaries, under the axis titles given', () => {
    const file = join(dir, 'marks.svg');
    const { status, stderr } = lrviz(['plot', ...run, '--x', 'epochs', '--steps-per-epoch', '100', '--mark', 'warmup,horizon,epochs', '--xlabel', 'epoch (100 updates)', '--ylabel', 'lr', '-o', file]);
    expect([status, stderr]).toEqual([0, '']);
    const svg = readFileSync(file, 'utf8');
    expect(texts(svg, 'role-axis-title')).toEqual(['epoch (100 updates)', 'lr']);
    expect(texts(svg, 'role-axis-label').slice(0, 6)).toEqual(['0', '2', '4', '6', '8', '10']);
    // Texts of marks: the warmup read from the curve, the torch cosine's T_max as its horizon.
    expect(svg).toContain('>warmup ends 300</text>');
    expect(svg).toContain('>horizon 600</text>');
  });

  it('in the terminal: rules under the curves, the marks named under the legend, and epochs on the axis', () => {
    const { status, stdout } = lrviz(['plot', ...run, '--x', 'epochs', '--steps-per-epoch', '100', '--mark', 'warmup,horizon,epochs', '-W', '80', '--height', '10']);
    expect(status).toBe(0);
    expect(stdout).toContain('  ┊  warmup ends 300 (cosine-warmup:warmup=300), horizon 600\n  ┊  epoch boundaries (100 steps an epoch)\n');
    const axisLabels = stdout.split('\n').find((line) => line.trimEnd().endsWith('epoch'));
    expect(axisLabels?.trim().split(/\s+/)).toEqual(['0', '2', '4', '6', '8', 'epoch']);
    expect(stdout.split('\n').filter((line) => line.includes('┊')).length).toBeGreaterThanOrEqual(10);
  });

  it("with several schedules, says whose warmup each mark is; one the schedules share is named once, as no one's", () => {
    const two = lrviz(['plot', '-s', 'cosine-warmup:warmup=100', '-s', 'wsd:warmup=300', '--steps', '1000', '--mark', 'warmup', '--height', '6']);
    expect(two.status).toBe(0);
    expect(two.stdout).toContain('  ┊  warmup ends 100 (cosine-warmup:warmup=100), warmup ends 300 (wsd:warmup=300)\n');
    const shared = lrviz(['plot', '-s', 'cosine-warmup:warmup=100', '-s', 'wsd:warmup=100', '--steps', '1000', '--mark', 'warmup', '--height', '6']);
    expect(shared.stdout).toContain('  ┊  warmup ends 100\n');
  });

  it('with --xlim computes only the steps shown: a restart of a million-step run sits at its step', () => {
    const args = ['plot', '-s', 'cosine-restarts:lr=0.1,cycle=1000', '--steps', '1000000', '--xlim', '19500,21500'];
    const { status, stdout } = lrviz([...args, '-W', '80', '--height', '8']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/19\.5k\s+20k\s+20\.5k\s+21k\s+step\n/);
    const spec = JSON.parse(lrviz([...args, '-o', '-', '--format', 'vl.json']).stdout);
    const rows: { step: number; lr: number }[] = spec.layer.find((layer: { mark: { type: string } }) => layer.mark.type === 'line').data.values;
    expect(rows[0].step).toBe(19_500);
    const firstPeak = rows.find((row) => row.lr === 0.1);
    expect(firstPeak?.step).toBeGreaterThanOrEqual(20_000);
    expect(firstPeak?.step).toBeLessThan(20_004);
  });

  it.each([
    [['--x', 'days'], 'lrviz: error: --x "days" is not allowed; use steps or epochs\n'],
    [['--mark', 'warmup,peak'], 'lrviz: error: --mark "warmup,peak" is not allowed; use any of warmup, horizon, epochs, comma-separated, e.g. --mark warmup,horizon\n'],
    [['--x', 'epochs'], 'lrviz: error: --x epochs needs --steps-per-epoch N (optimizer updates per epoch) to know where epochs begin\n'],
    [['--mark', 'epochs'], 'lrviz: error: --mark epochs needs --steps-per-epoch N (optimizer updates per epoch) to know where epochs begin\n'],
    [['--xlim', '500,100'], 'lrviz: error: --xlim "500,100" is not allowed; --xlim takes LOW,HIGH, two numbers with LOW below HIGH, e.g. --xlim 0,2000\n'],
    [['--xlim', '1000,2000'], "lrviz: error: --xlim \"1000,2000\" is not allowed; --xlim takes LOW,HIGH in steps, 0 <= LOW < HIGH, LOW before the run's end (1000 steps)\n"],
    [['--xlim', '20,30', '--x', 'epochs', '--steps-per-epoch', '100'], "lrviz: error: --xlim \"20,30\" is not allowed; --xlim takes LOW,HIGH in epochs, 0 <= LOW < HIGH, LOW before the run's end (10 epochs)\n"],
  ])('refuses %j in one line, exit 2', (flags, message) => {
    const { status, stdout, stderr } = lrviz(['plot', ...run, ...flags]);
    expect([status, stdout, stderr]).toEqual([2, '', message]);
  });
});
