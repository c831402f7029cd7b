import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LrvizError } from '../errors.js';
import type { Rendered } from '../render/request.js';

/** Thrown when the reader of stdout went away (`| head`): the CLI ends quietly with status 0. */
export class ClosedPipe extends Error {
  constructor() {
    super('stdout closed');
    this.name = 'ClosedPipe';
  }
}

/** Bytes are gathered up to this size before a write system call. */
const WRITE_BUFFER = 1 << 16;

function* pieces(rendered: Rendered): Generator<string | Uint8Array> {
  if (typeof rendered === 'string' || rendered instanceof Uint8Array) yield rendered;
  else yield* rendered;
}

/** Writes everything to a file descriptor, batching small strings into large writes. */
function writeAll(fd: number, rendered: Rendered, onError: (error: NodeJS.ErrnoException) => never): void {
  let pending = '';
  const flush = (data: string | Uint8Array) => {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += writeSync(fd, bytes, offset, bytes.length - offset);
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        // A non-blocking pipe that is full: wait a moment and try again.
        if (e.code === 'EAGAIN') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
        else onError(e);
      }
    }
  };
  for (const piece of pieces(rendered)) {
    if (typeof piece === 'string') {
      pending += piece;
      if (pending.length >= WRITE_BUFFER) {
        flush(pending);
        pending = '';
      }
    } else {
      if (pending) flush(pending);
      pending = '';
      flush(piece);
    }
  }
  if (pending) flush(pending);
}

/** Streams to stdout; a closed pipe becomes ClosedPipe, any other failure a one-line error. */
export function writeStdout(rendered: Rendered): void {
  writeAll(1, rendered, (error) => {
    if (error.code === 'EPIPE') throw new ClosedPipe();
    throw new LrvizError(`cannot write to standard output (${error.code ?? error.message})`);
  });
}

/**
 * Writes a file atomically: everything goes to a temporary file beside the target, which is renamed
 * over it only when complete. A failure at any point (a renderer that throws half-way, a full disk)
 * removes the temporary file and leaves whatever was at `path` untouched.
 */
export function writeFileAtomic(path: string, rendered: Rendered): void {
  const folder = dirname(path);
  try {
    if (statSync(path).isDirectory()) throw new LrvizError(`--output ${JSON.stringify(path)} is a folder; give a file name`);
  } catch (error) {
    if (error instanceof LrvizError) throw error;
  }
  const temporary = join(folder, `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number;
  try {
    fd = openSync(temporary, 'wx', 0o644);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'its folder does not exist' : e.code === 'EACCES' || e.code === 'EROFS' ? 'that place is not writable' : e.code;
    throw new LrvizError(`--output ${JSON.stringify(path)}: cannot write there (${why})`);
  }
  try {
    writeAll(fd, rendered, (e) => {
      throw new LrvizError(`--output ${JSON.stringify(path)}: write failed (${e.code ?? e.message})`);
    });
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, path);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    try {
      unlinkSync(temporary);
    } catch {
      // already gone
    }
    if (error instanceof Error && error.name !== 'LrvizError' && (error as NodeJS.ErrnoException).code) {
      throw new LrvizError(`--output ${JSON.stringify(path)}: cannot write there (${(error as NodeJS.ErrnoException).code})`);
    }
    throw error;
  }
}
