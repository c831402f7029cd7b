import { describe, expect, it } from 'vitest';
import { dialectName, frameworkName, misspeltFramework, suggestionKey } from '../../src/notation/copied-names.js';

describe('names as copied from code', () => {
  const cases: [string, string][] = [
    ['torch.optim.lr_scheduler.CosineAnnealingLR', 'torch.CosineAnnealingLR'],
    ['lr_scheduler.StepLR', 'torch.StepLR'],
    ['optim.lr_scheduler.OneCycleLR', 'torch.OneCycleLR'],
    ['transformers.get_cosine_schedule_with_warmup', 'hf.get_cosine_schedule_with_warmup'],
    ['transformers.optimization.get_linear_schedule_with_warmup', 'hf.get_linear_schedule_with_warmup'],
    ['get_cosine_schedule_with_warmup', 'hf.get_cosine_schedule_with_warmup'],
    ['huggingface.cosine', 'hf.cosine'],
    ['optax.schedules.warmup_cosine_decay_schedule', 'optax.warmup_cosine_decay_schedule'],
    ['keras.optimizers.schedules.CosineDecay', 'keras.CosineDecay'],
    ['tf.keras.optimizers.schedules.ExponentialDecay', 'keras.ExponentialDecay'],
    ['timm.scheduler.cosine_lr.CosineLRScheduler', 'timm.CosineLRScheduler'],
    ['paddle.optimizer.lr.CosineAnnealingDecay', 'paddle.CosineAnnealingDecay'],
    ['torch.CosineAnnealingLR()', 'torch.CosineAnnealingLR'],
    // Nothing to translate: lrviz's own names and dialect names as lrviz spells them.
    ['cosine-warmup', 'cosine-warmup'],
    ['torch.CosineAnnealingLR', 'torch.CosineAnnealingLR'],
    ['mymodule.thing', 'mymodule.thing'],
  ];
  for (const [given, expected] of cases) {
    it(`${given} → ${expected}`, () => expect(dialectName(given)).toBe(expected));
  }

  it('knows the frameworks by the names people use for them', () => {
    expect(['huggingface', 'HuggingFace', 'transformers', 'hf'].map(frameworkName)).toEqual(['hf', 'hf', 'hf', 'hf']);
    expect(['pytorch', 'tensorflow', 'paddlepaddle', 'jax'].map(frameworkName)).toEqual(['torch', 'keras', 'paddle', undefined]);
  });
});

describe('a misspelt framework, for suggestions', () => {
  it('is corrected to the framework lrviz calls it', () => {
    expect(['hugginface', 'huggingfce', 'tourch', 'pytorh', 'optx', 'kers', 'tensorflw', 'padle', 'detectron'].map((f) => misspeltFramework(f))).toEqual([
      'hf', 'hf', 'torch', 'torch', 'optax', 'keras', 'keras', 'paddle', 'detectron2',
    ]);
  });

  it('leaves known names, short prefixes and far ones alone', () => {
    expect(['torch', 'pytorch', 'huggingface', 'lr', 'tf', 'mymodule', 'numpy'].map((f) => misspeltFramework(f))).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('takes the catalog frameworks it is given too', () => {
    expect(misspeltFramework('megatrn', ['megatron'])).toBe('megatron');
  });

  it('gives the name to look suggestions up under', () => {
    expect(suggestionKey('hugginface.cosine')).toBe('hf.cosine');
    expect(suggestionKey('tourch.optim.lr_scheduler.StepLR')).toBe('torch.StepLR');
    expect(suggestionKey('torch.optim.lr_scheduler.StepLRR')).toBe('torch.StepLRR');
    expect(suggestionKey('cosin-warmup')).toBe('cosin-warmup');
  });
});
