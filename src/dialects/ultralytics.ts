/**
 * Dialect: the ultralytics YOLO trainer's learning rate (ultralytics 8.3), as its args.yaml names things:
 * an epoch-wise LambdaLR (linear, or one-cycle cosine with cos_lr) under a per-batch warmup, rows counted in
 * optimizer updates (several batches accumulate into one, nbs / batch). Shown for one parameter group: the
 * weights (pg1 with weight decay, pg2 the norm layers' weights: both warm up from 0), or the biases (pg0),
 * which warm up from warmup_bias_lr. The trainer's arithmetic is in ./ultralytics-trainer.ts.
 */
import { bool, choice, define, int, num, type ScheduleDefinition } from '../schedules/definition.js';
import { schedule } from '../schedules/schedule.js';
import { lrAtBatch, MAX_WARMUP_BATCHES, updateBatches, warmupBatches } from './ultralytics-trainer.js';

export const ultralyticsDefinitions: readonly ScheduleDefinition[] = [
  define({
    name: 'ultralytics.yolo',
    framework: 'ultralytics',
    summary: "the YOLO trainer's lr per optimizer update: a per-batch warmup into lr0 × lf(epoch), lf linear to lrf or a cosine (cos_lr)",
    formula: 'lr0 × lf(epoch),  lf = max(1 - e/epochs, 0)(1 - lrf) + lrf  or  max((1 - cos(pi e/epochs))/2, 0)(lrf - 1) + 1;  warmup np.interp over max(round(warmup_epochs × nb), 100) batches',
    params: {
      lr0: num({ min: 0, default: 0.01, doc: 'initial lr (lr0 in args.yaml; ignored by the trainer under optimizer: auto)' }),
      lrf: num({ min: 0, default: 0.01, doc: 'final lr as a fraction of lr0' }),
      cos_lr: bool({ default: false, doc: 'one-cycle cosine instead of the linear decay' }),
      epochs: int({ above: 0, default: 100, doc: 'epochs of training' }),
      batches_per_epoch: int({ above: 0, doc: "nb: batches per epoch on each process (len(train_loader)): ceil(images per process / batch per process)" }),
      warmup_epochs: num({ min: 0, default: 3, doc: 'epochs of warmup (at least 100 batches), fractions allowed; 0: none' }),
      warmup_bias_lr: num({ min: 0, default: 0.1, doc: 'where the biases (param_group bias) start their warmup' }),
      batch: int({ above: 0, default: 16, doc: 'the whole batch over all processes (batch in args.yaml)' }),
      nbs: int({ above: 0, default: 64, doc: 'nominal batch size: the optimizer steps every round(nbs / batch) batches' }),
      param_group: choice(['weights', 'bias'], { default: 'weights', doc: 'weights (pg1, pg2: warmup from 0) or bias (pg0: warmup from warmup_bias_lr)' }),
    },
    build: (p, ctx) => {
      const run = {
        lr0: p.lr0,
        lrf: p.lrf,
        cosLr: p.cos_lr,
        epochs: p.epochs,
        warmupEpochs: p.warmup_epochs,
        warmupStart: p.param_group === 'bias' ? p.warmup_bias_lr : 0,
        batchesPerEpoch: p.batches_per_epoch,
        batch: p.batch,
        nbs: p.nbs,
      };
      const nw = warmupBatches(run);
      if (nw > MAX_WARMUP_BATCHES) ctx.fail(`warmup_epochs=${p.warmup_epochs} × batches_per_epoch=${p.batches_per_epoch} is a warmup of ${nw} batches; lrviz walks a warmup's accumulation batch by batch up to ${MAX_WARMUP_BATCHES}`);
      const updates = updateBatches(run);
      return schedule((k) => lrAtBatch(run, updates.batchOf(k), nw), updates.updatesIn(run.epochs * run.batchesPerEpoch));
    },
  }),
];
