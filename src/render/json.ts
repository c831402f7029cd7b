import { CHUNK } from '../curve/curve.js';
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
    const block = Math.max(1, Math.floor(CHUNK / every)) * every;
    const buffer = new Float64Array(block);
    let first = true;
    for (let start = 0; start < steps; start += block) {
      const values = buffer.subarray(0, Math.min(block, steps - start));
      curve.fill(start, values);
      let out = '';
      for (let j = (every - (start % every)) % every; j < values.length; j += every) {
        out += (first ? '' : ',') + values[j];
        first = false;
      }
      yield out;
    }
    yield ']}';
  }
  yield '\n]}\n';
}
