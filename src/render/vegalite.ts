import type { TopLevelSpec } from 'vega-lite';
import { envelopeOf } from '../curve/envelope.js';
import { FieldError, shown } from '../errors.js';
import { chartSteps, envelopeLine, LOGGED_SUFFIX, loggedPoints, logWithin, sampleRows, seriesField } from './picture-data.js';
import { epochBoundaries, stepAxis } from './step-axis.js';
import {
  DEFAULT_PICTURE_HEIGHT,
  DEFAULT_PICTURE_WIDTH,
  DASHES,
  FONT_FAMILY,
  MIN_PICTURE_HEIGHT,
  MIN_PICTURE_WIDTH,
  THEMES,
  type PictureTheme,
} from './picture-theme.js';
import { legendLayout } from './legend.js';
import { floorNote, lrAxis } from './lr-axis.js';
import type { RenderRequest } from './request.js';
import { lastLoggedStep } from '../logs/points.js';
import { ensureLogAxisHasValues } from './log-axis.js';
import { labelExpression } from './ticks.js';

export interface SpecOptions {
  /** Hover tooltips and zoom on x: for the HTML page and the spec users embed, not for still pictures. */
  readonly interactive: boolean;
  /** Envelope columns per pixel of width: more than 1 where the viewer can zoom in or pixels are denser. */
  readonly detail: number;
  /**
   * For the HTML page, which computes what it draws itself (see render/page/): the lines and logged
   * points come from data sets named `lines` and `logs` that the page fills for the visible steps, the
   * y axis keeps the whole curve's range while x zooms, and the page draws its own hover and zoom.
   */
  readonly page?: boolean;
}

/** Enough columns for a very wide picture; more would only grow the file. */
const MAX_COLUMNS = 16384;

/** The picture's size in pixels, checked: the width and height asked for, or the default. */
export function pictureSize(request: RenderRequest): { width: number; height: number } {
  const width = request.width ?? DEFAULT_PICTURE_WIDTH;
  const height = request.height ?? DEFAULT_PICTURE_HEIGHT;
  if (width < MIN_PICTURE_WIDTH) throw new FieldError((name) => `${name('width')} ${shown(width)} is too small for a picture; use at least ${MIN_PICTURE_WIDTH} pixels`);
  if (height < MIN_PICTURE_HEIGHT) throw new FieldError((name) => `${name('height')} ${shown(height)} is too small for a picture; use at least ${MIN_PICTURE_HEIGHT} pixels`);
  return { width, height };
}

/**
 * The vega-lite specification of a plot: every curve as a line through its envelope (see envelopeLine),
 * logged runs as points over them, one colour per series in the order given, axes "step" and "learning
 * rate", the --title, --log-y and --theme. A pure function of the request; SVG, PNG and HTML all draw
 * this one spec.
 */
export function vegaLiteSpec(request: RenderRequest, options: SpecOptions = { interactive: true, detail: 1 }): TopLevelSpec {
  const { width, height } = pictureSize(request);
  const theme = THEMES[request.theme];
  const steps = chartSteps(request);
  // A run may have logged past the planned horizon; its points still belong inside the axes.
  const lastStep = Math.max(steps, lastLoggedStep(request.logs ?? []));
  const span = stepAxis(request, lastStep);
  // With --xlim the curves are computed for the steps shown, so a zoomed figure is exact, not a crop.
  const range = span.stepRange();
  const columns = Math.max(1, Math.min(MAX_COLUMNS, Math.round(width * options.detail)));

  const envelopes = request.curves.map((curve) => envelopeOf(curve, columns, range));
  const logs = (request.logs ?? []).map((log) => logWithin(log, range.from, range.to));
  if (request.logY) ensureLogAxisHasValues(envelopes, logs);
  const keptLogs = logs.map((log) => loggedPoints(log, Math.min(lastStep, range.to) - range.from, columns));
  const axis = lrAxis(envelopes, keptLogs, request.logY, Math.max(2, Math.round(height / 45)), request.ylim);
  const plotted = axis.plotted;
  const note = floorNote(axis, envelopes, request.curves.map((c) => c.label));
  if (note !== undefined) request.note?.(note);
  const lineRows = envelopes.flatMap((envelope) => envelopeLine(envelope).map(({ step, lr }) => ({ series: envelope.label, step, lr: plotted(lr) })));
  const logRows = logs.flatMap((log, k) => keptLogs[k].map(({ step, lr }) => ({ series: log.label + LOGGED_SUFFIX, step, lr: plotted(lr) })));
  const lrFormat = axis.ticks.notation.kind === 'exponent' || (axis.ticks.notation.kind === 'decade' && !axis.ticks.notation.plain) ? '~e' : '~g';

  const names = [...request.curves.map((c) => c.label), ...logs.map((l) => l.label + LOGGED_SUFFIX)];
  const palette = names.map((_, k) => theme.series[k % theme.series.length]);
  // Several planned curves: each its own dash as well as its colour, so they stay apart in grey print.
  const dashes = names.map((_, k) => (request.curves.length > 1 && k < request.curves.length ? DASHES[k % DASHES.length] : []));
  const legend = legendLayout(names, width, request.legend ?? 'auto');
  const x = {
    field: 'step',
    type: 'quantitative' as const,
    title: span.title,
    // The x range is the horizon, 0 to --steps (or --xlim), so its end is a round label.
    scale: { domain: [span.from, span.to], nice: false, zero: span.from === 0 },
    // format() here is plain d3-format, where the axis' own format would share one prefix: 0M, 0.1M.
    // An epoch axis keeps its data in steps: ticks at whole epochs, labelled in epochs.
    axis:
      span.unitSteps === 1
        ? { labelExpr: "format(datum.value, '~s')", labelFlush: true, tickMinStep: 1, tickCount: Math.max(2, Math.round(width / 90)) }
        : {
            // The page's window moves (xDomain): its ticks are worked out anew from the window each time.
            values: options.page ? { expr: epochTicksExpression(span.unitSteps, Math.max(2, Math.round(width / 90))) } : span.ticks(Math.max(2, Math.round(width / 90))),
            labelExpr: `format(datum.value / ${span.unitSteps}, '~g')`,
            labelFlush: true,
          },
  };
  const y = {
    field: 'lr',
    type: 'quantitative' as const,
    title: request.ylabel ?? 'learning rate',
    // The axis runs from round tick to round tick over the whole run, so zooming the page's steps keeps it.
    scale: { type: request.logY ? ('log' as const) : ('linear' as const), domain: axis.domain, nice: false, ...(request.logY ? {} : { zero: false }) },
    axis: { values: axis.ticks.values, labelExpr: labelExpression(axis.ticks.notation) },
  };
  const legendSpec =
    legend.orient === 'none'
      ? null
      : {
          title: legend.title ?? null,
          orient: legend.orient,
          direction: legend.orient === 'bottom' && legend.columns > 1 ? 'horizontal' : 'vertical',
          columns: legend.columns,
          // legendLayout has already shortened each entry to its room (losing its middle); vega's own limit
          // would cut the end again by its coarser width estimate, losing the '(logged)' that says what it is.
          labelLimit: 0,
          titleLimit: width - 40,
          // Shortened entries come from a parameter, looked up by the series' place: labels never enter an expression.
          ...(legend.entries.some((entry, k) => entry !== names[k]) ? { labelExpr: "legendEntries[indexof(domain('color'), datum.value)]" } : {}),
          ...(logs.length > 0 ? { encode: { symbols: { update: loggedSymbols(request.curves.length) } } } : {}),
        };
  const color = {
    field: 'series',
    type: 'nominal' as const,
    // The domain in the user's order: otherwise vega-lite sorts the names and colours change with them.
    scale: { domain: names, range: palette },
    legend: legendSpec,
  };
  const strokeDash = { field: 'series', type: 'nominal' as const, scale: { domain: names, range: dashes }, legend: legendSpec };

  // Clipping only matters once a zoom or --ylim can push the lines past the axes; otherwise no clip ids.
  const clip = options.interactive || request.ylim !== undefined || request.xlim !== undefined;
  const zoomable = options.interactive && !options.page;
  // Logged points go under the planned lines, small and a little transparent: a run logged at every
  // step still leaves the plan visible over it.
  const layers: object[] = [...markLayers(request, { from: span.from, to: span.to }, width, theme, palette)];
  if (logRows.length > 0) {
    layers.push({
      data: options.page ? { name: 'logs' } : { values: logRows },
      mark: { type: 'point', filled: true, size: 16, opacity: 0.7, clip, invalid: 'break-paths-filter-domains' },
      encoding: { x: { field: 'step', type: 'quantitative' }, y: { field: 'lr', type: 'quantitative' }, color },
    });
  }
  layers.push({
    data: options.page ? { name: 'lines' } : { values: lineRows },
    mark: { type: 'line', strokeWidth: 1.75, strokeJoin: 'round', strokeCap: 'round', clip, invalid: 'break-paths-filter-domains' },
    encoding: { x, y, color, strokeDash },
    ...(zoomable ? { params: [{ name: 'zoom', select: { type: 'interval', encodings: ['x'] }, bind: 'scales' }] } : {}),
  });
  if (zoomable && request.curves.length > 0) layers.push(hoverLayer(request, columns, theme.hoverRule, lrFormat));

  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `learning rate per step: ${names.join(', ')}`,
    width,
    height,
    autosize: { type: 'fit', contains: 'padding' },
    padding: 10,
    background: theme.background,
    ...(request.title ? { title: { text: request.title, anchor: 'start', offset: 12 } } : {}),
    ...(legendSpec !== null && 'labelExpr' in legendSpec ? { params: [{ name: 'legendEntries', value: legend.entries }] } : {}),
    layer: layers,
    config: {
      font: FONT_FAMILY,
      view: { stroke: null },
      axis: {
        labelColor: theme.mutedText,
        labelFontSize: 11,
        titleColor: theme.text,
        titleFontSize: 12,
        titleFontWeight: 'normal',
        gridColor: theme.grid,
        domainColor: theme.axis,
        tickColor: theme.axis,
      },
      legend: {
        labelColor: theme.text,
        titleColor: theme.text,
        titleFontSize: 12,
        titleFontWeight: 'normal',
        labelFontSize: 12,
        columnPadding: 14,
        symbolType: 'stroke',
        symbolStrokeWidth: 2.5,
        symbolSize: 220,
      },
      title: { color: theme.text, fontSize: 15, fontWeight: 'bold' },
    },
  };
  return spec as TopLevelSpec;
}

/**
 * In the legend a logged run is a dot, as on the chart, and a planned curve a stroke. Logged runs come
 * after the curves in the colour domain, so their place tells them apart: no label is ever written into
 * a vega expression, where a backslash, a line break or U+2028 in it would break the expression.
 */
function loggedSymbols(plannedCount: number): object {
  const isLogged = `indexof(domain('color'), datum.value) >= ${plannedCount}`;
  return {
    shape: { signal: `${isLogged} ? 'circle' : 'stroke'` },
    fill: { signal: `${isLogged} ? scale('color', datum.value) : 'transparent'` },
    size: { signal: `${isLogged} ? 40 : 220` },
  };
}

/**
 * --mark: thin rules under the curves, dashed with a short text at the top where a warmup ends or a
 * horizon falls, faint and plain at epoch boundaries (every k-th epoch when they would crowd: at most
 * one every 6 pixels).
 */
function markLayers(request: RenderRequest, range: { from: number; to: number }, width: number, theme: PictureTheme, palette: readonly string[]): object[] {
  const x = { field: 'step', type: 'quantitative' as const };
  const layers: object[] = [];
  if (request.markEpochs && request.stepsPerEpoch !== undefined) {
    const { steps } = epochBoundaries(request.stepsPerEpoch, range.from, range.to, Math.floor(width / 6));
    if (steps.length > 0) layers.push({ data: { values: steps.map((step) => ({ step })) }, mark: { type: 'rule', color: theme.axis, strokeWidth: 0.75, opacity: 0.45 }, encoding: { x } });
  }
  const marks = (request.marks ?? []).filter((mark) => mark.step > range.from && mark.step < range.to);
  // Texts one under another, so marks close together stay legible; a curve's own mark in its colour.
  const values = marks.map((mark, k) => ({ step: mark.step, text: mark.text, y: 2 + 13 * k, color: mark.curve === undefined ? theme.mutedText : palette[mark.curve] }));
  for (const color of new Set(values.map((value) => value.color))) {
    const coloured = values.filter((value) => value.color === color);
    layers.push({ data: { values: coloured }, mark: { type: 'rule', color, strokeWidth: 1, strokeDash: [4, 3] }, encoding: { x } });
    layers.push({
      data: { values: coloured },
      mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, fontSize: 10, color },
      encoding: { x, y: { field: 'y', type: 'quantitative', scale: null }, text: { field: 'text', type: 'nominal' } },
    });
  }
  return layers;
}

/**
 * Round epochs across the page's window (the `xDomain` signal, in steps), about `count` of them, as
 * StepAxis.ticks picks them for a fixed range: 1, 2, 2.5 or 5 times a power of ten epochs apart, and
 * fractions of an epoch once the window is that narrow. A vega expression, so it runs in the page.
 */
function epochTicksExpression(stepsPerEpoch: number, count: number): string {
  const rough = `((xDomain[1] - xDomain[0]) / ${stepsPerEpoch} / ${count})`;
  const power = `pow(10, floor(log(${rough}) / LN10))`;
  const fraction = `(${rough} / ${power})`;
  const spacing = `((${fraction} <= 1 ? 1 : ${fraction} <= 2 ? 2 : ${fraction} <= 2.5 ? 2.5 : ${fraction} <= 5 ? 5 : 10) * ${power} * ${stepsPerEpoch})`;
  return `sequence(ceil(xDomain[0] / ${spacing}) * ${spacing}, xDomain[1] + ${spacing} * 1e-9, ${spacing})`;
}

/** The spec as a file: users feed it to vega-embed, the vega editor, or altair. */
export function renderVegaLiteJson(request: RenderRequest): string {
  return JSON.stringify(vegaLiteSpec(request, { interactive: true, detail: 1 })) + '\n';
}

/**
 * An invisible rule at each sampled step; the one nearest the pointer shows, and its tooltip holds the
 * step and the exact learning rate of every curve there.
 */
function hoverLayer(request: RenderRequest, columns: number, ruleColor: string, lrFormat: string): object {
  const tooltipFormat = lrFormat === '~e' ? '.4~e' : '.4~g';
  return {
    data: { values: sampleRows(request.curves, columns) },
    mark: { type: 'rule', color: ruleColor, strokeWidth: 1 },
    params: [{ name: 'hover', select: { type: 'point', fields: ['step'], nearest: true, on: 'pointerover', clear: 'pointerout' } }],
    encoding: {
      x: { field: 'step', type: 'quantitative' },
      opacity: { condition: { param: 'hover', empty: false, value: 0.7 }, value: 0 },
      tooltip: [
        { field: 'step', type: 'quantitative', title: 'step', format: ',' },
        ...request.curves.map((curve, k) => ({ field: seriesField(k), type: 'quantitative', title: curve.label, format: tooltipFormat })),
      ],
    },
  };
}
