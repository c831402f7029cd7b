import { describe, expect, it } from 'vitest';
import { arithmetic, readShellFlags } from '../../src/config/shell-args.js';

describe('readShellFlags: flags as a launch script lists them, never run', () => {
  it('bash arrays, strings across continuations, --flag=value, the last repeated flag wins', () => {
    const script = [
      'TRAINING_ARGS=(',
      '    --micro-batch-size 4 # comment --lr 9',
      '    --lr 0.0001',
      '    --clip-grad 1.0',
      ')',
      'MORE=" \\',
      '    --lr-decay-style cosine \\',
      '    --min-lr=1.0e-5 \\',
      '"',
      'torchrun pretrain.py ${TRAINING_ARGS[@]} $MORE --lr 0.0002 --fp16',
    ].join('\n');
    const { flags } = readShellFlags(script);
    expect(flags.get('--lr')).toBe('0.0002');
    expect(flags.get('--micro-batch-size')).toBe('4');
    expect(flags.get('--lr-decay-style')).toBe('cosine');
    expect(flags.get('--min-lr')).toBe('1.0e-5');
    expect(flags.get('--fp16')).toBe('');
  });

  it('$VAR, ${VAR:-default} and $((arithmetic)) from plain assignments in the file', () => {
    const script = ['GBS=128', 'MBS=${MBS:-2}', 'export NODES=2', 'WORLD=$((8*$NODES))', 'run --global-batch-size $GBS --micro-batch-size "${MBS}" --train-iters $((GBS * 10)) --data-parallel $WORLD'].join('\n');
    const { flags } = readShellFlags(script);
    expect(flags.get('--global-batch-size')).toBe('128');
    expect(flags.get('--micro-batch-size')).toBe('2');
    expect(flags.get('--train-iters')).toBe('1280');
    expect(flags.get('--data-parallel')).toBe('16');
  });

  it('arithmetic refuses what it cannot know rather than guessing', () => {
    expect(arithmetic('2 * (3 + 4)', new Map())).toBe(14);
    expect(arithmetic('X / 0', new Map([['X', '4']]))).toBeUndefined();
    expect(arithmetic('$(rm -rf /)', new Map())).toBeUndefined();
    expect(arithmetic('UNSET + 1', new Map())).toBeUndefined();
  });
});
