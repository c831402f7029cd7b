import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { LrvizError } from '../errors.js';

/**
 * How long a pipe, FIFO or terminal may stay silent before lrviz gives up on it: a FIFO nobody writes to,
 * or a terminal nobody types into, must not hold a run for ever.
 */
export const SILENCE_LIMIT_MS = 5000;

const CHUNK = 1 << 16;

/**
 * The bytes of `path`, in chunks, stopping with a one-line error past `maxBytes` however large the file
 * claims to be (stat says 0 for /dev/zero, FIFOs, /proc files and /dev/stdin, so only counting what is
 * read caps them). A pipe or FIFO is read until its writer ends; one that stays silent for
 * SILENCE_LIMIT_MS, or has no writer at all by then, is refused.
 */
export interface ReadLimits {
  /** How errors begin: the flag and the path as the user gave it (`--log "x.csv"`, `--schedule @x.json`). */
  where: string;
  maxBytes: number;
  /** What the file should be, in words (`log`, `spec file`). */
  what: string;
  /** The line for a folder. */
  folder: string;
  /** The line for a path that does not exist (default: `cannot read the file (ENOENT)`). */
  missing?: string;
}

export function* readCapped(path: string, limits: ReadLimits): Generator<Buffer> {
  const { where, maxBytes } = limits;
  let fd: number;
  try {
    // Non-blocking, so that opening a FIFO with no writer does not wait for one for ever.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw unreadable(limits, error as NodeJS.ErrnoException);
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw new LrvizError(`${where}: ${limits.folder}`);
    if (stats.isFile() && stats.size > maxBytes) throw tooLarge(limits);
    // A FIFO or pipe reads 0 bytes while no writer is there yet; a device's 0 is its end (/dev/null).
    const stream = stats.isFIFO();
    let total = 0;
    let silentSince = Date.now();
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK);
      let read: number;
      try {
        read = readSync(fd, buffer, 0, CHUNK, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw unreadable(limits, error as NodeJS.ErrnoException);
        read = -1;
      }
      // 0 on a FIFO means no writer: the end once something was read, otherwise a writer not there yet.
      if (read > 0) {
        total += read;
        if (total > maxBytes) throw tooLarge(limits);
        silentSince = Date.now();
        yield buffer.subarray(0, read);
        continue;
      }
      if (read === 0 && (!stream || total > 0)) return;
      if (Date.now() - silentSince > SILENCE_LIMIT_MS) {
        throw new LrvizError(`${where}: nothing to read after ${SILENCE_LIMIT_MS / 1000} s (a FIFO or terminal with no writer?)`);
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  } finally {
    closeSync(fd);
  }
}

/** The whole text of a small file (a spec), capped as readCapped caps it. */
export function readCappedText(path: string, limits: ReadLimits): string {
  return Buffer.concat([...readCapped(path, limits)]).toString('utf8');
}

function tooLarge({ where, maxBytes, what }: ReadLimits): LrvizError {
  return new LrvizError(`${where}: more than ${maxBytes} bytes; a ${what} may hold at most ${maxBytes} bytes`);
}

function unreadable(limits: ReadLimits, error: NodeJS.ErrnoException): LrvizError {
  const code = error.code;
  return new LrvizError(`${limits.where}: ${code === 'ENOENT' && limits.missing ? limits.missing : `cannot read the file (${code ?? 'error'})`}`);
}
