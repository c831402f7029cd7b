/** shownPath, and prefixed: a caller that puts where an error happened before it (a config's file name) keeps how its fields are named. */
import { describe, expect, it } from 'vitest';
import { FieldError, LrvizError, prefixed, shownPath } from '../src/errors.js';

describe('prefixed', () => {
  it('keeps a FieldError one, so that whoever prints it still names its fields', () => {
    const error = prefixed('run.yaml', new FieldError((name) => `give ${name('stepsPerEpoch')} N`, 3));
    expect(error).toBeInstanceOf(FieldError);
    expect(error.message).toBe('run.yaml: give stepsPerEpoch N');
    expect((error as FieldError).worded((field) => `<${field}>`)).toBe('run.yaml: give <stepsPerEpoch> N');
    expect(error.exitCode).toBe(3);
  });

  it('puts the prefix before a plain error, keeping its exit status', () => {
    const error = prefixed('run.yaml', new LrvizError('min_lr is above lr', 1));
    expect(error).not.toBeInstanceOf(FieldError);
    expect([error.message, error.exitCode]).toEqual(['run.yaml: min_lr is above lr', 1]);
  });
});

describe('shownPath', () => {
  it("keeps a long path's start and its file name, at most 60 characters", () => {
    const text = shownPath('/tmp/ci/a-rather-long-directory-name-for-a-workspace/builds/checkout/package.json');
    expect(text.length).toBe(60);
    expect(text.startsWith('"/tmp/ci/a-rather-long-')).toBe(true);
    expect(text.endsWith('builds/checkout/package.json"')).toBe(true);
    expect(shownPath('run/log.csv')).toBe('"run/log.csv"');
  });
});
