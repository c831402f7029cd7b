import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// Not named `require`: the CLI bundle's banner already declares one in every chunk.
const resolveHere = createRequire(import.meta.url);

/**
 * A DejaVu font file from the dejavu-fonts-ttf package (DejaVuSans.ttf, DejaVuSans-Bold.ttf): PNG and
 * PDF set their text in it, so they look the same on a machine with no fonts installed.
 */
export function fontFile(name: string): string {
  return join(dirname(resolveHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')), name);
}
