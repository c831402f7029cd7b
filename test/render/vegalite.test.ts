import { describe, expect, it } from 'vitest';
import { LrvizError } from '../../src/errors.js';
import { vegaRuntime } from '../../src/render/vega-runtime.js';
import { renderVegaLiteJson, vegaLiteSpec } from '../../src/render/vegalite.js';
import { formulaCurve, pictureRequest } from './picture-support.js';

const warmup = formulaCurve('cosine-warmup:lr=3e-4,warmup=500', 10_000, (i) => (i < 500 ? (3e-4 * i) / 500 : 1.5e-4 * (1 + Math.cos((Math.PI * (i - 500)) / 9500))));
const flat = formulaCurve('constant:lr=3e-4', 10_000, () => 3e-4);

// The spec is data; these tests read it the way vega-lite would, through its JSON.
type Json = Record<string, any>;
const specOf = (...args: Parameters<typeof vegaLiteSpec>) => JSON.parse(JSON.stringify(vegaLiteSpec(...args))) as Json;

describe('vegaLiteSpec', () => {
  it('compiles with vega-lite without a single warning', () => {
    const { vega, vegaLite } = vegaRuntime();
    const warnings: unknown[] = [];
    const logger = { ...vega.logger(vega.Warn), warn: (...w: unknown[]) => (warnings.push(w), logger), error: (...e: unknown[]) => { throw new Error(String(e)); } };
    for (const logY of [false, true]) {
      for (const interactive of [false, true]) {
        const request = pictureRequest([warmup, flat], { logY, title: 'a title', logs: [{ label: 'run', steps: [0, 5000], values: [1e-4, 2e-4] }] });
        vegaLite.compile(vegaLiteSpec(request, { interactive, detail: 1 }) as never, { logger: logger as never });
      }
    }
    expect(warnings).toEqual([]);
  });

  it('overlays the series in the order given, with axis titles, the size asked and the title', () => {
    const spec = specOf(pictureRequest([warmup, flat], { width: 900, height: 400, title: 'two schedules' }), { interactive: false, detail: 1 });
    expect([spec.width, spec.height]).toEqual([900, 400]);
    expect(spec.autosize).toEqual({ type: 'fit', contains: 'padding' });
    expect(spec.title.text).toBe('two schedules');
    const lines = spec.layer[0];
    expect(lines.mark.type).toBe('line');
    expect(lines.encoding.x.title).toBe('step');
    expect(lines.encoding.y.title).toBe('learning rate');
    expect(lines.encoding.color.scale.domain).toEqual([warmup.label, flat.label]);
    expect(new Set(lines.data.values.map((row: Json) => row.series))).toEqual(new Set([warmup.label, flat.label]));
  });

  it('holds an envelope, not a point per step', () => {
    const long = formulaCurve('long', 1_000_000, (i) => 1 / (1 + i));
    const spec = specOf(pictureRequest([long]), { interactive: false, detail: 1 });
    expect(spec.layer[0].data.values.length).toBeLessThanOrEqual(2 * 720 + 2);
  });

  it('puts the rate axis on round ticks from round tick to round tick, one exponent for small rates', () => {
    const small = specOf(pictureRequest([warmup]), { interactive: false, detail: 1 });
    const y = small.layer[0].encoding.y;
    expect(y.axis.values[0]).toBe(0);
    expect(y.scale.domain).toEqual([y.axis.values[0], y.axis.values[y.axis.values.length - 1]]);
    expect(y.axis.labelExpr).toMatch(/ \+ 'e-\d+'$/);
    const large = specOf(pictureRequest([formulaCurve('big', 100, () => 0.5)]), { interactive: false, detail: 1 });
    expect(large.layer[0].encoding.y.axis.labelExpr).toMatch(/format\(datum.value, '\.\d~f'\)$/);
  });

  it('puts a log scale on y with --log-y, decades only, and draws zeros at its floor, saying so', () => {
    const notes: string[] = [];
    const spec = specOf(pictureRequest([warmup], { logY: true, note: (words) => notes.push(words((field) => `<${field}>`)) }), { interactive: false, detail: 1 });
    const y = spec.layer[0].encoding.y;
    expect(y.scale.type).toBe('log');
    expect(y.axis.values.map((v: number) => Math.log10(v) % 1 === 0)).not.toContain(false);
    const floor = y.scale.domain[0];
    const values = spec.layer[0].data.values.map((row: Json) => row.lr);
    expect(values[0]).toBe(floor);
    expect(values.every((v: number) => v >= floor)).toBe(true);
    expect(notes).toEqual([`lrviz: note: on the log axis, "${warmup.label}" reaches 0 or less; drawn at the axis floor ${floor} (<ylim> LOW,HIGH sets it)`]);
  });

  it('keeps a log axis to four decades under its top by default, and to --ylim when given', () => {
    const deep = formulaCurve('deep', 100, (i) => 1e-3 * 10 ** (-i / 10));
    const y = specOf(pictureRequest([deep], { logY: true }), { interactive: false, detail: 1 }).layer[0].encoding.y;
    expect(y.scale.domain).toEqual([1e-7, 1e-3]);
    const limited = specOf(pictureRequest([deep], { logY: true, ylim: [1e-9, 1e-2] }), { interactive: false, detail: 1 }).layer[0].encoding.y;
    expect(limited.scale.domain).toEqual([1e-9, 1e-2]);
    expect(limited.axis.values).toEqual([1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2]);
  });

  it('gives several planned curves their own dash and colour, from ten colours before any repeats', () => {
    const twelve = Array.from({ length: 12 }, (_, k) => formulaCurve(`s${k}`, 10, () => k));
    const encoding = specOf(pictureRequest(twelve), { interactive: false, detail: 1 }).layer[0].encoding;
    const colours = encoding.color.scale.range as string[];
    const dashes = (encoding.strokeDash.scale.range as number[][]).map((d) => d.join(','));
    expect(new Set(colours.slice(0, 10)).size).toBe(10);
    expect(new Set(colours.map((c, k) => `${c}/${dashes[k]}`)).size).toBe(12);
    expect(dashes[0]).toBe('');
  });

  it('gives one series no legend unless asked, and shortens many into columns under a shared title', () => {
    expect(specOf(pictureRequest([warmup]), { interactive: false, detail: 1 }).layer[0].encoding.color.legend).toBeNull();
    expect(specOf(pictureRequest([warmup], { legend: 'right' }), { interactive: false, detail: 1 }).layer[0].encoding.color.legend.orient).toBe('right');
    const labels = Array.from({ length: 8 }, (_, k) => `cosine:lr=3e-4,min_lr=${k}e-5`);
    const spec = specOf(pictureRequest(labels.map((label) => formulaCurve(label, 10, () => 1))), { interactive: false, detail: 1 });
    const legend = spec.layer[0].encoding.color.legend;
    expect(legend.title).toBe('cosine: lr=3e-4');
    expect(legend.columns).toBeGreaterThan(1);
    expect(spec.params).toEqual([{ name: 'legendEntries', value: labels.map((_, k) => `min_lr=${k}e-5`) }]);
  });

  it('adds hover tooltips with the step and every series, and x zoom, only when interactive', () => {
    const still = specOf(pictureRequest([warmup, flat]), { interactive: false, detail: 1 });
    expect(still.layer).toHaveLength(1);
    expect(still.layer[0].params).toBeUndefined();
    const live = specOf(pictureRequest([warmup, flat]), { interactive: true, detail: 1 });
    expect(live.layer[0].params[0]).toMatchObject({ select: { type: 'interval', encodings: ['x'] }, bind: 'scales' });
    const hover = live.layer[live.layer.length - 1];
    expect(hover.encoding.tooltip.map((t: Json) => t.title)).toEqual(['step', warmup.label, flat.label]);
  });

  it('draws logged runs as points named "(logged)" in the legend, under the planned lines', () => {
    const spec = specOf(pictureRequest([flat], { logs: [{ label: 'run 1', steps: [0, 10, 20], values: [3e-4, 2e-4, 1e-4] }] }), { interactive: false, detail: 1 });
    expect(spec.layer.map((layer: Json) => layer.mark.type)).toEqual(['point', 'line']);
    expect(spec.layer[0].mark.opacity).toBeLessThan(1);
    expect(spec.layer[0].data.values).toEqual([
      { series: 'run 1 (logged)', step: 0, lr: 3e-4 },
      { series: 'run 1 (logged)', step: 10, lr: 2e-4 },
      { series: 'run 1 (logged)', step: 20, lr: 1e-4 },
    ]);
    expect(spec.layer[1].encoding.color.scale.domain).toEqual([flat.label, 'run 1 (logged)']);
  });

  it('spans the x axis from 0 to the horizon, or to the last logged step if the run went further', () => {
    const planned = specOf(pictureRequest([flat]), { interactive: false, detail: 1 });
    expect(planned.layer[0].encoding.x.scale.domain).toEqual([0, 10_000]);
    const longer = specOf(pictureRequest([flat], { logs: [{ label: 'run', steps: [0, 12_000], values: [3e-4, 3e-4] }] }), { interactive: false, detail: 1 });
    expect(longer.layer[1].encoding.x.scale.domain).toEqual([0, 12_000]);
  });

  it('with --xlim computes the curves for the steps shown: the axis is that range and the data stay inside it', () => {
    const restarts = formulaCurve('restarts', 1_000_000, (i) => 0.05 * (1 + Math.cos((Math.PI * (i % 1000)) / 1000)));
    const spec = specOf(pictureRequest([restarts], { xlim: [19_500, 21_500] }), { interactive: false, detail: 1 });
    const lines = spec.layer.find((layer: Json) => layer.mark.type === 'line');
    expect(lines.encoding.x.scale.domain).toEqual([19_500, 21_500]);
    const rows: Json[] = lines.data.values;
    expect(rows[0].step).toBe(19_500);
    expect(rows[rows.length - 1].step).toBe(21_500);
    // The restart at step 20,000: the line leaves the trough and reaches the peak within one column (2001 steps / 720).
    const peak = rows.find((row) => row.step >= 19_990 && row.lr === 0.1);
    expect(peak?.step).toBeGreaterThanOrEqual(20_000);
    expect(peak?.step).toBeLessThanOrEqual(20_003);
    expect(rows.filter((row) => row.step < 20_000).every((row) => row.lr < 0.06)).toBe(true);
  });

  it('labels an epoch axis in whole epochs, takes --xlabel/--ylabel, and draws --mark rules under the lines', () => {
    const request = pictureRequest([warmup], {
      xUnit: 'epoch',
      stepsPerEpoch: 1000,
      xlabel: 'epoch of ImageNet',
      ylabel: 'η',
      marks: [
        { kind: 'warmup', step: 500, text: 'warmup ends 500' },
        { kind: 'horizon', step: 20_000, text: 'beyond the run' },
      ],
      markEpochs: true,
    });
    const spec = specOf(request, { interactive: false, detail: 1 });
    const types = spec.layer.map((layer: Json) => layer.mark.type);
    expect(types).toEqual(['rule', 'rule', 'text', 'line']);
    const lines = spec.layer[3];
    expect([lines.encoding.x.title, lines.encoding.y.title]).toEqual(['epoch of ImageNet', 'η']);
    expect(lines.encoding.x.axis.values).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
    expect(lines.encoding.x.axis.labelExpr).toBe("format(datum.value / 1000, '~g')");
    expect(spec.layer[0].data.values).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((e) => ({ step: e * 1000 })));
    // Only marks inside the run are drawn.
    expect(spec.layer[2].data.values).toEqual([{ step: 500, text: 'warmup ends 500', y: 2, color: spec.layer[2].mark.color }]);
    const { vega, vegaLite } = vegaRuntime();
    expect(() => vegaLite.compile(spec as never, { logger: vega.logger(vega.Error) })).not.toThrow();
  });

  it("draws a curve's own mark in that curve's colour, a shared one in the muted text colour", () => {
    const request = pictureRequest([warmup, flat], {
      marks: [
        { kind: 'warmup', step: 500, text: 'warmup ends 500', curve: 1 },
        { kind: 'horizon', step: 3000, text: 'horizon 3k' },
      ],
    });
    const spec = specOf(request, { interactive: false, detail: 1 });
    const lines = spec.layer.find((layer: Json) => layer.mark.type === 'line');
    const texts = spec.layer.filter((layer: Json) => layer.mark.type === 'text');
    const rules = spec.layer.filter((layer: Json) => layer.mark.type === 'rule');
    expect(texts.map((layer: Json) => [layer.data.values.map((v: Json) => v.text), layer.mark.color])).toEqual([
      [['warmup ends 500'], lines.encoding.color.scale.range[1]],
      [['horizon 3k'], rules[1].mark.color],
    ]);
    expect(rules.map((layer: Json) => layer.mark.color)).toEqual(texts.map((layer: Json) => layer.mark.color));
    expect(rules[1].mark.color).not.toBe(lines.encoding.color.scale.range[1]);
  });

  it('uses the dark theme background and light text with --theme dark', () => {
    const light = specOf(pictureRequest([flat]), { interactive: false, detail: 1 });
    const dark = specOf(pictureRequest([flat], { theme: 'dark' }), { interactive: false, detail: 1 });
    expect(light.background).not.toBe(dark.background);
    expect(luminance(dark.background)).toBeLessThan(0.1);
    expect(luminance(dark.config.axis.titleColor)).toBeGreaterThan(0.7);
  });

  it('refuses a picture too small to hold its axes, naming the request field (the CLI names its flag)', () => {
    expect(() => vegaLiteSpec(pictureRequest([flat], { width: 50 }))).toThrow(LrvizError);
    expect(() => vegaLiteSpec(pictureRequest([flat], { height: 20 }))).toThrow(/^height 20 is too small for a picture/);
  });

  it('writes the spec as one JSON document', () => {
    const text = renderVegaLiteJson(pictureRequest([flat]));
    expect(JSON.parse(text).$schema).toMatch(/vega-lite/);
  });
});

function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  return (0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255)) / 255;
}
