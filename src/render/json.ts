import { keptStepBlocks } from '../curve/curve.js';
import { chartSteps, LOGGED_SUFFIX } from './picture-data.js';
import type { RenderRequest } from './request.js';

/**
 * JSON, streamed: `{"steps", "every", "series": [{"label", "spec", "values": [...]}]}` where values[j] is
 * the learning rate at step j*every. Numbers are shortest round-trip, as in CSV. A logged run follows the
 * planned series as `{"label": "<label> (logged)", "logged": true, "steps": [...], "values": [...]}`:
 * its own steps, every point it logged (a series with its own `steps` is how lrviz reads it back).
 */
export function* renderJson({ curves, every, logs = [] }: RenderRequest): Generator<string> {
  const steps = chartSteps({ curves, logs });
  yield `{"steps":${steps},"every":${every},"series":[`;
  for (let k = 0; k < curves.length; k++) {
    const curve = curves[k];
    const spec = curve.meta?.spec === undefined ? '' : `,"spec":${JSON.stringify(curve.meta.spec)}`;
    yield `${k > 0 ? ',' : ''}\n{"label":${JSON.stringify(curve.label)}${spec},"values":[`;
    let first = true;
    for (const { values: [values] } of keptStepBlocks([curve], every)) {
      let out = '';
      for (let j = 0; j < values.length; j++) {
        out += (first ? '' : ',') + values[j];
        first = false;
      }
      yield out;
    }
    yield ']}';
  }
  for (let k = 0; k < logs.length; k++) {
    const log = logs[k];
    yield `${curves.length + k > 0 ? ',' : ''}\n{"label":${JSON.stringify(log.label + LOGGED_SUFFIX)},"logged":true,"steps":[`;
    yield* numbers(log.steps);
    yield '],"values":[';
    yield* numbers(log.values);
    yield ']}';
  }
  yield '\n]}\n';
}

/** A list of numbers, comma-separated, a megabyte at most a piece. */
function* numbers(list: ArrayLike<number>): Generator<string> {
  let out = '';
  for (let j = 0; j < list.length; j++) {
    out += (j > 0 ? ',' : '') + list[j];
    if (out.length >= 1 << 20) {
      yield out;
      out = '';
    }
  }
  if (out !== '') yield out;
}
