import type { StepRange } from '../curve/envelope.js';
import type { RenderRequest } from './request.js';
import { niceStep, stepLabel } from './number-format.js';

/**
 * The x axis of every chart, terminal or picture: the steps it spans, and whether it counts them as steps
 * or as epochs. The data stay in steps either way; only ticks, their labels and the title change.
 */
export interface StepAxis {
  /** First and last step shown: 0 to the run's end, or --xlim. */
  readonly from: number;
  readonly to: number;
  readonly title: string;
  /** Steps one unit of the axis holds: 1, or an epoch's steps. */
  readonly unitSteps: number;
  /** Round tick positions, in steps, about `count` of them over [from, to]: 1k, 2k... or epochs 10, 20... */
  ticks(count: number): number[];
  /** How a tick reads: 2.5k for steps, 12 for epochs. */
  label(step: number): string;
  /** The whole steps shown, from..to-1 (at least step 0), no further than `limit`: what the curves are computed for. */
  stepRange(limit?: number): StepRange;
}

export function stepAxis(request: Pick<RenderRequest, 'xlim' | 'xUnit' | 'stepsPerEpoch' | 'xlabel'>, lastStep: number): StepAxis {
  const [from, to] = request.xlim ?? [0, lastStep];
  const epochs = request.xUnit === 'epoch' && request.stepsPerEpoch !== undefined;
  const unitSteps = epochs ? (request.stepsPerEpoch as number) : 1;
  return {
    from,
    to,
    unitSteps,
    title: request.xlabel ?? (epochs ? 'epoch' : 'step'),
    ticks(count) {
      const spacing = niceStep((to - from) / unitSteps / Math.max(1, count));
      const out: number[] = [];
      for (let k = Math.ceil(from / unitSteps / spacing); k * spacing * unitSteps <= to && out.length <= 4 * count; k++) out.push(k * spacing * unitSteps);
      return out;
    },
    label: epochs ? (step) => epochLabel(step / unitSteps) : stepLabel,
    stepRange: (limit = Infinity) => ({ from: Math.max(0, Math.floor(from)), to: Math.max(1, Math.min(limit, Math.floor(to) + 1)) }),
  };
}

/** Epochs as plain counts (12, 150, 2.5), large ones shortened like steps (1.2k). */
function epochLabel(epoch: number): string {
  return epoch >= 1e3 ? stepLabel(epoch) : String(+epoch.toPrecision(6));
}

/**
 * Epoch boundaries within [from, to], at most `most` of them: every epoch, or every 2, 5, 10... epochs
 * when there are more. Returns the steps and how many epochs lie between two rules.
 */
export function epochBoundaries(stepsPerEpoch: number, from: number, to: number, most: number): { steps: number[]; every: number } {
  const nice = niceStep((to - from) / stepsPerEpoch / Math.max(1, most));
  // Rules every 2.5 epochs would fall inside epochs: 5 instead.
  const every = Number.isInteger(nice) ? nice : 2 * nice;
  const steps: number[] = [];
  for (let k = Math.max(1, Math.ceil(from / stepsPerEpoch / every)); k * every * stepsPerEpoch < to; k++) steps.push(k * every * stepsPerEpoch);
  return { steps, every };
}
