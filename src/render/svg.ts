import { LrvizError } from '../errors.js';
import type { Rendered, RenderRequest } from './request.js';

// Placeholder until the pictures work lands.
export function renderSvg(_request: RenderRequest): Rendered {
  throw new LrvizError('this output format is not available yet');
}
