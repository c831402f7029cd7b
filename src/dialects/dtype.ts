/**
 * The `dtype` parameter of dialects whose framework computes in float32 (keras, some optax): what the spec
 * says, else `--dtype` (RunFacts), else the framework's own default. Declared once so that every such
 * dialect takes the flag the same way and `lrviz check` can find them by it.
 */
import { choice, DTYPES, type Dtype } from '../schedules/definition.js';

export const DTYPE_PARAM = 'dtype';

export function dtypeParam(frameworkDefault: Dtype, doc: string) {
  return choice(DTYPES, {
    default: (_given, _steps, run) => run.dtype ?? frameworkDefault,
    defaultText: `{dtype}, else ${frameworkDefault}`,
    doc,
  });
}

/**
 * The length parameters whose float32 reciprocal decides where a float32 schedule's steps fall (staircase
 * drops, restarts, the end of a decay): the one `check` proposes another value of.
 */
export const FLOAT32_LENGTHS = ['transition_steps', 'decay_steps', 'first_decay_steps'] as const;
