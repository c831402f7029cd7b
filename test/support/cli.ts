import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built binary, run the way a user runs it (`npm test` builds it first). */
export const BIN = fileURLToPath(new URL('../../bin/lrviz.cjs', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns `lrviz ...args` and waits for it. Colour is off unless the test asks for it. */
export function lrviz(args: readonly string[], options: SpawnSyncOptions & { env?: NodeJS.ProcessEnv } = {}): CliResult {
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...options.env };
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, ...options, env });
  return { status: result.status, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
}
