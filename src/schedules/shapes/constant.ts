import { schedule, type Schedule } from '../schedule.js';

/** The same learning rate at every step. */
export function constant(value: number): Schedule {
  return schedule(
    () => value,
    undefined,
    (_start, out) => out.fill(value),
    () => [value, value],
  );
}
