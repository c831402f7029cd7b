import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { lrviz } from './cli.js';

/** Writes `text` to a fresh `fileName` and expects `lrviz resolve` on it to refuse in one line matching `message`, exit 2. */
export function expectConfigRefused(fileName: string, text: string, flags: readonly string[], message: RegExp): void {
  const file = join(mkdtempSync(join(tmpdir(), 'lrviz-config-')), fileName);
  writeFileSync(file, text);
  const { status, stderr } = lrviz(['resolve', file, ...flags]);
  expect(status).toBe(2);
  expect(stderr).toMatch(message);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
}
