import { describe, expect, it } from 'vitest';
import { buildError, lrAt, lrs } from '../support/dialect.js';

/**
 * nanoGPT's get_lr, copied verbatim from karpathy/nanoGPT train.py at commit
 * e2221318e607eb5ee0669d6b7641af25a2111545 and run by CPython 3.11 on these configurations.
 */
const NANOGPT: Array<{ params: [number, number, number, number]; steps: number[]; values: number[] }> = [
  { params: [0.0006, 2000, 600000, 6e-5], steps: [0, 1, 1999, 2000, 2001, 300000, 599999, 600000, 600001, 700000], values: [2.998500749625187e-7, 5.997001499250374e-7, 0.0005997001499250374, 0.0006, 0.0005999999999962741, 0.0003314184383189326, 6.00000000037259e-5, 6e-5, 6e-5, 6e-5] },
  { params: [0.001, 100, 5000, 0.0001], steps: [0, 50, 99, 100, 101, 2550, 4999, 5000, 5001], values: [9.900990099009901e-6, 0.000504950495049505, 0.0009900990099009901, 0.001, 0.000999999907510999, 0.00055, 0.00010000009248900101, 0.0001, 0.0001] },
  { params: [0.001, 10, 5, 0.0001], steps: [0, 9, 10, 11, 20], values: [9.090909090909092e-5, 0.0009090909090909091, 0.0001, 0.0001, 0.0001] },
  { params: [0.0003, 0, 1000, 0.0], steps: [0, 1, 500, 999, 1000, 1001], values: [0.0003, 0.00029999925978027874, 0.00015, 7.402197212680316e-10, 0.0, 0.0] },
];

describe('nanogpt: get_lr from train.py', () => {
  it.each(NANOGPT)('learning_rate, warmup_iters, lr_decay_iters, min_lr = $params', ({ params: [lr, warmup, decay, minLr], steps, values }) => {
    const spec = `nanogpt:learning_rate=${lr},warmup_iters=${warmup},lr_decay_iters=${decay},min_lr=${minLr}`;
    const got = lrAt(spec, steps);
    // Equal to the bit, but for V8's cos, which may be an ulp from glibc's inside the cosine.
    got.forEach((value, k) => expect(Math.abs(value - values[k])).toBeLessThanOrEqual(2 * Number.EPSILON * values[k]));
    expect(got.filter((value, k) => value === values[k]).length).toBeGreaterThanOrEqual(steps.length - 2);
  });

  it("defaults to train.py's gpt2 settings and answers to get_lr", () => {
    expect(lrAt('get_lr', [0, 2000])).toEqual([0.0006 / 2001, 0.0006]);
    expect(lrAt('nanogpt:decay_lr=false,lr=0.1', [0, 5])).toEqual([0.1, 0.1]);
  });

  it('refuses lr_decay_iters equal to warmup_iters where get_lr divides by zero', () => {
    expect(buildError('nanogpt:warmup_iters=10,lr_decay_iters=10', 20)).toMatch(/ZeroDivisionError: division by zero" at step 10/);
    expect(lrs('nanogpt:warmup_iters=10,lr_decay_iters=10', 10)).toHaveLength(10);
  });
});

describe('expr: a formula of step, total and lr', () => {
  it('computes the formula at each step', () => {
    expect(lrs('expr:f="lr * 0.5 * (1 + cos(pi * step / total))",lr=0.1,total=4', 5)).toEqual(
      [0, 1, 2, 3, 4].map((step) => 0.1 * 0.5 * (1 + Math.cos((Math.PI * step) / 4))),
    );
    expect(lrs('formula:f="lr if step < 2 else lr / 10",lr=1', 4)).toEqual([1, 1, 0.1, 0.1]);
  });

  it('refuses a formula it cannot read, and one that fails at a step, naming both', () => {
    expect(buildError('expr:f="process.exit(1)"')).toMatch(/f="process.exit\(1\)" is not a formula lrviz can read: .*not a function a formula may call/);
    expect(buildError('expr:f="1 / (step - 3)"')).toMatch(/f="1 \/ \(step - 3\)" at step 3: it divides by zero/);
    expect(buildError('expr:f="log(step)"')).toMatch(/gives -Infinity at step 0/);
  });
});

describe('custom schedules in the frameworks', () => {
  it('torch.LambdaLR multiplies lr by the formula, as copied from Python', () => {
    expect(lrs('torch.LambdaLR:lr=0.1,lr_lambda="lambda epoch: 0.5 ** epoch"', 3)).toEqual([0.1, 0.05, 0.025]);
    expect(lrs('torch.LambdaLR:lr=0.1,lr_lambda="0.5 ** step",last_epoch=1', 2)).toEqual([0.025, 0.0125]);
  });

  it('torch.MultiplicativeLR multiplies the previous lr from step 1 on', () => {
    expect(lrs('torch.MultiplicativeLR:lr=1,lr_lambda="0.5 if step < 3 else 1"', 5)).toEqual([1, 0.5, 0.25, 0.25, 0.25]);
  });

  it('paddle.LambdaDecay is learning_rate * lr_lambda(epoch), resumed after last_epoch', () => {
    expect(lrs('paddle.LambdaDecay:learning_rate=0.5,lr_lambda="0.95 ** epoch"', 3)).toEqual([0.5, 0.5 * 0.95, 0.5 * 0.95 ** 2]);
    expect(lrs('paddle.LambdaDecay:learning_rate=0.5,lr_lambda="0.95 ** epoch",last_epoch=1', 1)).toEqual([0.5 * 0.95 ** 2]);
  });
});
