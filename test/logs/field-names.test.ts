/**
 * The log readers begin their errors with the name their caller gives the log: the library's `log` unless
 * told, the CLI's `--log` (test/logs/plot-log.test.ts holds its line), fit's `fit`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLoggedPoints } from '../../src/logs/index.js';
import { parseLog, readLogFile } from '../../src/logs/read.js';

const missing = join(mkdtempSync(join(tmpdir(), 'lrviz-log-names-')), 'nope.json');

describe('log errors name the log as the caller does', () => {
  it('the library says log', async () => {
    expect(() => parseLog('{"log_history": [', 'broken.json')).toThrow(/^log "broken\.json": malformed JSON \(/);
    expect(() => parseLog('epoch,loss,accuracy\n1,2,0.5\n', 'loss.csv')).toThrow(/^log "loss\.csv": not a learning-rate log lrviz can read; /);
    expect(() => readLogFile(missing)).toThrow(`log ${JSON.stringify(missing)}: no such file`);
    await expect(readLoggedPoints([missing])).rejects.toThrow(`log ${JSON.stringify(missing)}: no such file`);
  });

  it('a caller names it its own way', async () => {
    expect(() => parseLog('{"log_history": [', 'broken.json', '--log')).toThrow(/^--log "broken\.json": malformed JSON \(/);
    expect(() => readLogFile(missing, 'fit')).toThrow(`fit ${JSON.stringify(missing)}: no such file`);
    await expect(readLoggedPoints([missing], '--log')).rejects.toThrow(`--log ${JSON.stringify(missing)}: no such file`);
  });
});
