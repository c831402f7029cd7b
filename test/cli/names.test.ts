/**
 * Schedule names as people copy them from code, a spec given without -s, `lrviz list FRAMEWORK`, and a
 * suggestion for every name lrviz does not know.
 */
import { describe, expect, it } from 'vitest';
import { lrviz } from '../support/cli.js';

describe('names as they are copied from code', () => {
  const copied: [string, string][] = [
    ['torch.optim.lr_scheduler.CosineAnnealingLR:lr=0.1,T_max=100', 'torch.CosineAnnealingLR:lr=0.1,T_max=100'],
    ['transformers.get_cosine_schedule_with_warmup:lr=3e-4,num_warmup_steps=10,num_training_steps=100', 'hf.cosine:lr=3e-4,num_warmup_steps=10,num_training_steps=100'],
    ['get_cosine_schedule_with_warmup:lr=3e-4,num_warmup_steps=10,num_training_steps=100', 'hf.cosine:lr=3e-4,num_warmup_steps=10,num_training_steps=100'],
    ['optax.schedules.warmup_cosine_decay_schedule:init_value=0,peak_value=0.1,warmup_steps=10,decay_steps=100', 'optax.warmup_cosine_decay_schedule:init_value=0,peak_value=0.1,warmup_steps=10,decay_steps=100'],
    ['keras.optimizers.schedules.CosineDecay:initial_learning_rate=0.1,decay_steps=100', 'keras.CosineDecay:initial_learning_rate=0.1,decay_steps=100'],
    ['huggingface.linear:lr=1e-3,num_warmup_steps=10,num_training_steps=100', 'hf.linear:lr=1e-3,num_warmup_steps=10,num_training_steps=100'],
  ];
  for (const [given, dialect] of copied) {
    it(`${given.split(':')[0]} draws what ${dialect.split(':')[0]} draws`, () => {
      const a = lrviz(['plot', '-s', given, '--steps', '120', '-o', '-']);
      const b = lrviz(['plot', '-s', dialect, '--steps', '120', '-o', '-']);
      expect(a.stderr).toBe('');
      expect(a.status).toBe(0);
      // Same values row by row; only the header (the label) differs.
      expect(a.stdout.split('\r\n').slice(1)).toEqual(b.stdout.split('\r\n').slice(1));
    });
  }
});

describe('every unknown name gets a suggestion', () => {
  const cases: [string, RegExp][] = [
    ['torch.CosineAnealingLR', /unknown schedule "torch.CosineAnealingLR" \(did you mean "torch.CosineAnnealingLR"\?\)/],
    ['torch.optim.lr_scheduler.CosineAnnealing', /\(did you mean "torch.CosineAnnealingLR"\?\)/],
    ['hf.cosine_warmup', /\(did you mean "hf\.[a-z_]+"\?\)/],
    ['keras.CosineDecayy', /\(did you mean "keras.CosineDecay"\?\)/],
    ['zzzz', /unknown schedule "zzzz" \(did you mean "[^"]+"\?\)/],
    // A misspelt framework in front is corrected too, so the symbol is found in the framework meant.
    ['hugginface.cosine', /unknown schedule "hugginface.cosine" \(did you mean "hf.cosine"\?\)/],
    ['tourch.StepLR', /\(did you mean "torch.StepLR"\?\)/],
    ['optx.cosine_decay_schedule', /\(did you mean "optax.cosine_decay_schedule"\?\)/],
    ['tensorflw.CosineDecay', /\(did you mean "keras.CosineDecay"\?\)/],
    ['huggingface', /"huggingface" is a framework, not a schedule; name one of its schedulers, e.g. hf\.\w+ \("lrviz list hf" shows them all\)/],
  ];
  for (const [name, message] of cases) {
    it(name, () => {
      const { status, stderr } = lrviz(['plot', '-s', name]);
      expect(status).toBe(2);
      expect(stderr).toMatch(message);
    });
  }
});

describe('a spec without -s, and a framework by name', () => {
  it('lrviz plot cosine-warmup draws what lrviz plot -s cosine-warmup draws', () => {
    const positional = lrviz(['plot', 'cosine-warmup', '--steps', '50', '-o', '-']);
    expect(positional.status).toBe(0);
    expect(positional.stdout).toBe(lrviz(['plot', '-s', 'cosine-warmup', '--steps', '50', '-o', '-']).stdout);
    expect(lrviz(['check', 'cosine', '--steps', '100']).stdout).toContain('cosine  (100 steps)');
    expect(lrviz(['compare', 'cosine', 'linear', '--steps', '100', '--no-chart']).stdout).toMatch(/cosine\s+vs\s+linear/);
  });

  it('lrviz list hf lists hf, as --framework hf does; huggingface and transformers too', () => {
    const hf = lrviz(['list', 'hf']);
    expect(hf.status).toBe(0);
    expect(hf.stdout).toBe(lrviz(['list', '--framework', 'hf']).stdout);
    expect(hf.stdout.startsWith('hf.')).toBe(true);
    expect(lrviz(['list', 'huggingface']).stdout).toBe(hf.stdout);
    expect(lrviz(['list', '--framework', 'transformers']).stdout).toBe(hf.stdout);
    expect(lrviz(['list', 'torch.optim.lr_scheduler.StepLR']).stdout.startsWith('torch.StepLR')).toBe(true);
  });
});
