import { keptStepBlocks } from '../curve/curve.js';
import type { RenderRequest } from './request.js';

/**
 * JSON, streamed: `{"steps", "every", "series": [{"label", "spec", "values": [...]}]}` where values[j] is
 * the learning rate at step j*every. Numbers are shortest round-trip, as in CSV.
 */
export function* renderJson({ curves, every }: RenderRequest): Generator<string> {
  const steps = curves.length > 0 ? curves[0].steps : 0;
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
  yield '\n]}\n';
}
