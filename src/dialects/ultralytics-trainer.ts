/**
 * The ultralytics 8.3 trainer's learning rate, batch by batch, and which batches end in an optimizer update
 * (ultralytics/ultralytics ultralytics/engine/trainer.py at 3c5ac618ec95, BaseTrainer._setup_scheduler,
 * _setup_train and _do_train; utils/torch_utils.py one_cycle):
 *   lf(e)      = max((1 - cos(e π / epochs)) / 2, 0) × (lrf - 1) + 1        (cos_lr)
 *              = max(1 - e / epochs, 0) × (1 - lrf) + lrf                   (linear)
 *   epoch e    = LambdaLR stepped at the start of each epoch: lr0 × lf(e)
 *   warmup     = nw = max(round(warmup_epochs × nb), 100) batches (none when warmup_epochs is 0): batch ni <= nw
 *                gets np.interp(ni, [0, nw], [start, lr0 × lf(e)]), start 0 for the weights and warmup_bias_lr
 *                for the biases (param group 0)
 *   accumulate = max(1, int(round(np.interp(ni, [0, nw], [1, nbs / batch])))) during the warmup, then
 *                max(round(nbs / batch), 1): the optimizer steps at batch ni when ni - last step >= accumulate
 * Rows are optimizer updates: update k uses the lr set at the batch it steps on.
 */
import { pythonRound } from './python-math.js';

export interface UltralyticsRun {
  readonly lr0: number;
  readonly lrf: number;
  readonly cosLr: boolean;
  readonly epochs: number;
  readonly warmupEpochs: number;
  /** The warmup's first value: 0 for weights, warmup_bias_lr for biases. */
  readonly warmupStart: number;
  /** nb: batches per epoch on each process (len(train_loader)). */
  readonly batchesPerEpoch: number;
  /** The whole batch (args.batch, all processes), which the accumulation is counted against. */
  readonly batch: number;
  readonly nbs: number;
}

/** The warmup is walked batch by batch to find the updates in it; longer than this is refused. */
export const MAX_WARMUP_BATCHES = 1 << 22;

/** np.interp(x, [0, x1], [y0, y1]) as numpy computes it: the end points exact, slope × x + y0 between. */
function interp(x: number, x1: number, y0: number, y1: number): number {
  if (x <= 0) return y0;
  if (x >= x1) return y1;
  return ((y1 - y0) / x1) * x + y0;
}

export function lambdaFactor(run: UltralyticsRun, epoch: number): number {
  if (run.cosLr) return Math.max((1 - Math.cos((epoch * Math.PI) / run.epochs)) / 2, 0) * (run.lrf - 1) + 1;
  return Math.max(1 - epoch / run.epochs, 0) * (1 - run.lrf) + run.lrf;
}

/** nw: -1 when there is no warmup. */
export function warmupBatches(run: Pick<UltralyticsRun, 'warmupEpochs' | 'batchesPerEpoch'>): number {
  return run.warmupEpochs > 0 ? Math.max(pythonRound(run.warmupEpochs * run.batchesPerEpoch), 100) : -1;
}

/** The accumulation after the warmup (and the trainer's initial one). */
export function accumulation(run: Pick<UltralyticsRun, 'nbs' | 'batch'>): number {
  return Math.max(pythonRound(run.nbs / run.batch), 1);
}

/** The lr the trainer sets for batch ni. */
export function lrAtBatch(run: UltralyticsRun, ni: number, nw: number): number {
  const epoch = Math.floor(ni / run.batchesPerEpoch);
  const scheduled = run.lr0 * lambdaFactor(run, epoch);
  return ni <= nw ? interp(ni, nw, run.warmupStart, scheduled) : scheduled;
}

/** Which batch each update steps on: the warmup's steps listed, then one every `after` batches. */
export interface UpdateBatches {
  batchOf(update: number): number;
  /** Updates among the first `batches` batches. */
  updatesIn(batches: number): number;
}

export function updateBatches(run: Pick<UltralyticsRun, 'warmupEpochs' | 'batchesPerEpoch' | 'nbs' | 'batch'>): UpdateBatches {
  const nw = warmupBatches(run);
  const after = accumulation(run);
  const steps: number[] = [];
  let last = -1;
  for (let ni = 0; ni <= nw; ni++) {
    const accumulate = Math.max(1, pythonRound(interp(ni, nw, 1, run.nbs / run.batch)));
    if (ni - last >= accumulate) {
      steps.push(ni);
      last = ni;
    }
  }
  // Past the warmup the accumulation no longer changes: the next update lands `after` batches on (one at
  // or before nw would already have been taken, since the warmup's accumulation never exceeds `after`).
  const warmupSteps = Float64Array.from(steps);
  return {
    batchOf: (update) => (update < warmupSteps.length ? warmupSteps[update] : last + (update - warmupSteps.length + 1) * after),
    updatesIn: (batches) => {
      let inWarmup = 0;
      while (inWarmup < warmupSteps.length && warmupSteps[inWarmup] < batches) inWarmup++;
      return inWarmup + (batches - 1 > last ? Math.floor((batches - 1 - last) / after) : 0);
    },
  };
}
