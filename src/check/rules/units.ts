import { finding, type Finding } from '../finding.js';
import { count, percent, rate } from '../../text/numbers.js';
import { parametersEqualTo, type Profile } from '../profile.js';

/** `set T_max=35190` when one parameter holds the horizon, else in words. */
function setTo(named: string[], value: number): string {
  return named.length === 1 && !named[0].includes(' × ') ? `set ${named[0].split('=')[0]}=${value}` : `set the horizon to ${value}`;
}

/**
 * A horizon counted in the wrong unit (kohya-ss/sd-scripts#601, konstmish/prodigy#10,
 * huggingface/diffusers#1650): epochs given to a scheduler stepped every batch, or batches given to one
 * stepped every epoch. Needs both the epochs and the steps per epoch. Returns the codes it explains, so
 * that their consequences are not reported a second time.
 */
export function unitRules(p: Profile): { findings: Finding[]; explains: string[] } {
  const { epochs, stepsPerEpoch, stepped, gradientAccumulation } = p.training;
  const horizon = p.horizon;
  // huggingface/diffusers#1957 and #4387, accelerate#963: horizons counted in micro-batches while the
  // scheduler steps once per optimizer update, so the decay covers 1/k of its length.
  if (horizon !== undefined && gradientAccumulation !== undefined && gradientAccumulation > 1 && stepped === 'batch') {
    const microBatches = p.steps * gradientAccumulation;
    if (Math.abs(horizon - microBatches) <= 0.02 * microBatches) {
      const named = parametersEqualTo(p.spec, horizon);
      return {
        findings: [
          finding(
            'LRV013',
            p.steps - 1,
            { horizon, trainSteps: p.steps, gradientAccumulation, finalLr: p.final },
            `${named.length > 0 ? named.join(' / ') : `the horizon ${count(horizon)}`} counts micro-batches (${count(p.steps)} updates × ${gradientAccumulation}), but the scheduler steps once per optimizer update: training ends ${percent(p.steps / horizon)} of the way through the decay, at ${rate(p.final)}`,
            `${setTo(named, p.steps)} (optimizer updates), or step the scheduler on every micro-batch`,
          ),
        ],
        explains: ['LRV003'],
      };
    }
  }
  if (horizon === undefined || epochs === undefined || stepsPerEpoch === undefined || stepsPerEpoch < 2) return { findings: [], explains: [] };
  const named = parametersEqualTo(p.spec, horizon);
  const which = named.length > 0 ? named.join(' / ') : `the horizon ${count(horizon)}`;
  if (stepped === 'batch' && Math.abs(horizon - epochs) <= Math.max(1, 0.1 * epochs) && p.steps > 1.5 * horizon) {
    return {
      findings: [
        finding(
          'LRV004',
          horizon,
          { horizon, epochs, stepsPerEpoch, trainSteps: p.steps, lrAtHorizon: p.lr(horizon) },
          `${which} matches the run's ${count(epochs)} epochs, but the scheduler is stepped every batch (${count(stepsPerEpoch)} per epoch): the decay ends at step ${count(horizon)}, ${percent(horizon / p.steps)} into training, and the remaining ${count(p.steps - horizon)} steps run past its end`,
          `${setTo(named, Math.round(horizon * stepsPerEpoch))} (${count(horizon)} epochs × ${count(stepsPerEpoch)} steps), or step the scheduler once per epoch (Lightning: interval "epoch")`,
        ),
      ],
      explains: ['LRV001', 'LRV002'],
    };
  }
  if (stepped === 'epoch' && horizon >= 0.5 * epochs * stepsPerEpoch && horizon > 2 * epochs) {
    return {
      findings: [
        finding(
          'LRV005',
          p.steps - 1,
          { horizon, epochs, stepsPerEpoch, schedulerSteps: p.steps, finalLr: p.final },
          `${which} counts batches, but the scheduler is stepped once per epoch: training ends after ${count(p.steps)} scheduler steps, ${percent(p.steps / horizon)} of the way through, at learning rate ${rate(p.final)}`,
          `${setTo(named, Math.max(1, Math.round(horizon / stepsPerEpoch)))} (epochs), or step the scheduler every batch (Lightning: interval "step")`,
        ),
      ],
      explains: ['LRV003'],
    };
  }
  return { findings: [], explains: [] };
}
