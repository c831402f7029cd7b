/**
 * `--dtype float32|float64` on plot, compare and check: the arithmetic a run computes its schedule in, for
 * the dialects whose framework can compute in float32 (keras, optax's exponential_decay, polynomial_schedule
 * and linear_schedule). It fills their `dtype` parameter where the spec leaves it out; a spec's own dtype
 * wins. Every other schedule computes in float64 whatever the flag says, as its framework does (Python
 * floats), and `plot` says so in a note.
 */
import type { Command } from 'commander';
import { LrvizError, shown } from '../errors.js';
import { DTYPES, type Dtype, type ScheduleDefinition } from '../schedules/definition.js';
import { DTYPE_PARAM } from '../dialects/dtype.js';

export function addDtypeOption(command: Command): Command {
  return command.option('--dtype <type>', 'float32 or float64: how keras and optax compute (keras default float32, as Keras does; optax float64)');
}

export function parseDtype(text: string | undefined): Dtype | undefined {
  if (text === undefined) return undefined;
  if (!(DTYPES as readonly string[]).includes(text)) throw new LrvizError(`--dtype ${shown(text)} is not allowed; use float32 or float64`);
  return text as Dtype;
}

/**
 * `--dtype float32` asked for where a series has no float32 arithmetic: one line saying which ones stay in
 * float64 and why, or undefined. A schedule that nests others may hold keras or optax symbols, so it is
 * taken as following the flag.
 */
export function dtypeNote(dtype: Dtype | undefined, series: readonly { label: string; definition: ScheduleDefinition }[]): string | undefined {
  if (dtype !== 'float32') return undefined;
  const nests = (d: ScheduleDefinition) => d.params.some((p) => p.type === 'schedule' || p.type === 'schedules' || p.type === 'number-or-schedule');
  const unchanged = series.filter((s) => !s.definition.params.some((p) => p.name === DTYPE_PARAM) && !nests(s.definition));
  if (unchanged.length === 0) return undefined;
  const labels = unchanged.map((s) => `"${s.label}"`).join(', ');
  // optax computes everything in float32 under jit, but lrviz has that arithmetic for three symbols only.
  const why = unchanged.some((s) => s.definition.framework === 'optax')
    ? 'lrviz has no float32 arithmetic for it'
    : 'as the framework computes it, in Python floats';
  return `lrviz: note: --dtype float32 leaves ${labels} in float64 (${why}); it changes keras.* and optax's exponential_decay, polynomial_schedule and linear_schedule`;
}
