import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { FieldError, LrvizError, shownPath } from '../errors.js';
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

/** Rendered output as byte blocks of about WRITE_BUFFER, small strings batched into large writes. */
function* blocks(rendered: Rendered): Generator<Uint8Array> {
  let pending = '';
  for (const piece of pieces(rendered)) {
    if (typeof piece === 'string') {
      pending += piece;
      if (pending.length >= WRITE_BUFFER) {
        yield Buffer.from(pending, 'utf8');
        pending = '';
      }
    } else {
      if (pending) yield Buffer.from(pending, 'utf8');
      pending = '';
      for (let offset = 0; offset < piece.length; offset += WRITE_BUFFER) yield piece.subarray(offset, offset + WRITE_BUFFER);
    }
  }
  if (pending) yield Buffer.from(pending, 'utf8');
}

function writeBlock(fd: number, bytes: Uint8Array, onError: (error: NodeJS.ErrnoException) => never): void {
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
}

/** Writes everything to a file descriptor. */
function writeAll(fd: number, rendered: Rendered, onError: (error: NodeJS.ErrnoException) => never): void {
  for (const block of blocks(rendered)) writeBlock(fd, block, onError);
}

/**
 * Writes everything to a file descriptor, letting the event loop run between blocks: a signal that
 * arrives during a long write is handled (the temporary file removed) instead of waiting for the end.
 */
async function writeAllYielding(fd: number, rendered: Rendered, onError: (error: NodeJS.ErrnoException) => never): Promise<void> {
  for (const block of blocks(rendered)) {
    writeBlock(fd, block, onError);
    await new Promise<void>((done) => setImmediate(done));
  }
}

let stdoutChecked = false;

/** Streams to stdout; a closed pipe becomes ClosedPipe, any other failure a one-line error. */
export function writeStdout(rendered: Rendered): void {
  if (!stdoutChecked) {
    stdoutChecked = true;
    if (stdoutWasClosed()) throw new FieldError((name) => `standard output is closed; give ${name('output')} FILE, or run lrviz with stdout open`);
  }
  writeToDescriptor(1, 'standard output', rendered);
}

function writeToDescriptor(fd: number, name: string, rendered: Rendered): void {
  writeAll(fd, rendered, (error) => {
    if (error.code === 'EPIPE') throw new ClosedPipe();
    throw new LrvizError(`cannot write to ${name} (${error.code ?? error.message})`);
  });
}

/**
 * `lrviz ... >&-` starts with no stdout; Node then opens /dev/null read-write in its place, so the output
 * would vanish with status 0. A shell's `> /dev/null` opens it write-only: the access mode in
 * /proc/self/fdinfo tells the two apart (on Linux; elsewhere a closed stdout goes unnoticed). A parent
 * process that hands over read-write /dev/null (Node's and libuv's `stdio: 'ignore'`) looks the same and
 * gets the same error: such a caller should pass /dev/null opened for writing, as a shell's `>` does.
 */
function stdoutWasClosed(): boolean {
  try {
    const stream = fstatSync(1);
    if (!stream.isCharacterDevice()) return false;
    if (stream.rdev !== statSync('/dev/null').rdev) return false;
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'));
    return flags !== null && (parseInt(flags[1], 8) & 3) === constants.O_RDWR;
  } catch {
    return false;
  }
}

/** Longest file name most file systems take (NAME_MAX), in bytes. */
const NAME_MAX = 255;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Writes `-o PATH`, never destroying what it does not own:
 * - a regular file (or a new name) is replaced atomically: a temporary file beside it, fsync, rename; the
 *   old file's mode and owner carry over; a read-only file is refused;
 * - a regular file with other hard links is rewritten in place (as `cp` does) once the whole output sits
 *   in a temporary file, so every name keeps seeing the same file;
 * - a symlink is followed: its target is what gets written, the link stays a link;
 * - anything else (a device such as /dev/null, a FIFO, /dev/stdout, `>(gzip > x.gz)`) is written
 *   through in place, as `cp` and `sort -o` do;
 * - Ctrl-C, SIGTERM and SIGHUP during the write remove the temporary file, then end the run by that signal.
 */
export async function writeOutputFile(path: string, rendered: Rendered): Promise<void> {
  const quotedPath = shownPath(path);
  const inherited = inheritedDescriptor(path);
  if (inherited === 1) return writeStdout(rendered);
  if (inherited === 2) return writeToDescriptor(2, 'standard error', rendered);
  const target = resolveTarget(path);
  if (target.stats?.isDirectory()) throw outputError(quotedPath, ` is a folder; give a file name`);
  if (target.stats?.isSocket()) throw outputError(quotedPath, ` is a socket; give a file, a device or a FIFO`);
  if (target.stats !== undefined && (!target.stats.isFile() || inherited !== undefined)) {
    await writeThrough(target.path, quotedPath, rendered);
    return;
  }
  if (target.stats !== undefined && !writable(target.path, target.stats)) {
    const mode = (target.stats.mode & 0o7777).toString(8).padStart(4, '0');
    throw outputError(quotedPath, `: the file is read-only (mode ${mode}); make it writable or choose another name`);
  }
  await writeReplacing(target.path, quotedPath, target.stats, rendered);
}

/**
 * Whether `-o PATH` names a stream rather than a file (a device, a FIFO, a socket, an inherited
 * descriptor): such a path has no extension to tell the format, which is then CSV, as for `-o -`.
 */
export function isStreamTarget(path: string): boolean {
  if (inheritedDescriptor(path) !== undefined) return true;
  try {
    const stats = statSync(path);
    return !stats.isFile() && !stats.isDirectory();
  } catch {
    return false;
  }
}

/**
 * `/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`: a descriptor the shell handed over. Standard output and
 * error are written as they are (keeping a `>>` append); any other is opened anew through its path (a
 * pipe, `>(gzip > x.gz)`) and written through, never replaced by a rename.
 */
function inheritedDescriptor(path: string): number | undefined {
  if (path === '/dev/stdout') return 1;
  if (path === '/dev/stderr') return 2;
  const match = /^\/(?:dev|proc\/self)\/fd\/(\d{1,6})$/.exec(path);
  return match ? Number(match[1]) : undefined;
}

interface Target {
  /** Where the bytes go: symlinks resolved. */
  path: string;
  /** Undefined when nothing is there yet. */
  stats?: Stats;
}

function resolveTarget(path: string): Target {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { path: danglingTarget(path) };
    if (code === 'ENOTDIR') throw outputError(shownPath(path), `: cannot write there (ENOTDIR)`);
    if (code === 'ELOOP') throw outputError(shownPath(path), `: too many levels of symbolic links`);
    throw outputError(shownPath(path), `: cannot write there (${code ?? 'error'})`);
  }
  return { path: stats.isFile() ? realpathSync(path) : path, stats };
}

/** A name that does not exist, or a symlink to one: the link is followed, as `cp` does, to make its target. */
function danglingTarget(path: string): string {
  let current = resolve(path);
  for (let hop = 0; hop < 40; hop++) {
    let link: Stats;
    try {
      link = lstatSync(current);
    } catch {
      return current;
    }
    if (!link.isSymbolicLink()) return current;
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw outputError(shownPath(path), `: too many levels of symbolic links`);
}

/** Write permission as the kernel will judge it, except that root is held to the mode bits too. */
function writable(path: string, stats: Stats): boolean {
  if (process.getuid?.() === 0) return (stats.mode & 0o222) !== 0;
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A failed write, worded around the output as the caller calls it (the CLI: --output). */
function outputError(shownPath: string, rest: string): FieldError {
  return new FieldError((name) => `${name('output')} ${shownPath}${rest}`);
}

function cannotWrite(shownPath: string, error: NodeJS.ErrnoException): FieldError {
  const code = error.code;
  const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EROFS' || code === 'EPERM' ? 'that place is not writable' : code ?? error.message;
  return outputError(shownPath, `: cannot write there (${why})`);
}

/**
 * A device, FIFO or socket: opened and written as it is. The open waits (without blocking the event loop,
 * so Ctrl-C still ends the run) when a FIFO has no reader yet, as `cp` waits.
 */
async function writeThrough(path: string, shownPath: string, rendered: Rendered): Promise<void> {
  let handle;
  try {
    handle = await open(path, constants.O_WRONLY | constants.O_TRUNC);
  } catch (error) {
    throw cannotWrite(shownPath, error as NodeJS.ErrnoException);
  }
  try {
    writeToDescriptor(handle.fd, shownPath, rendered);
  } finally {
    await handle.close().catch(() => {});
  }
}

/** A temporary name beside `path` that stays within NAME_MAX however long the target's name is. */
function temporaryName(path: string): string {
  const suffix = `.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}.tmp`;
  let name = basename(path);
  while (Buffer.byteLength(`.${name}${suffix}`) > NAME_MAX) name = name.slice(0, -1);
  // Cut where a surrogate pair would be split: the name must stay valid UTF-16 to become valid UTF-8.
  if (/[\uD800-\uDBFF]$/.test(name)) name = name.slice(0, -1);
  return join(dirname(path), `.${name}${suffix}`);
}

async function writeReplacing(path: string, shownPath: string, existing: Stats | undefined, rendered: Rendered): Promise<void> {
  const temporary = temporaryName(path);
  let fd = -1;
  let closed = true;
  const removeTemporary = (): void => {
    if (fd === -1) return;
    if (!closed) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      closed = true;
    }
    try {
      unlinkSync(temporary);
    } catch {
      // already gone
    }
  };
  // Watching starts before the temporary file exists: a signal in between would otherwise end the run
  // by its default action and leave the file behind.
  const stopWatching = removeOnSignal(removeTemporary);
  try {
    fd = openSync(temporary, 'wx+', existing ? 0o600 : 0o666);
    closed = false;
  } catch (error) {
    stopWatching();
    throw cannotWrite(shownPath, error as NodeJS.ErrnoException);
  }
  try {
    await writeAllYielding(fd, rendered, (e) => {
      throw outputError(shownPath, `: write failed (${e.code ?? e.message})`);
    });
    if (existing !== undefined && existing.nlink > 1) {
      copyInPlace(fd, path, shownPath);
      removeTemporary();
      return;
    }
    if (existing !== undefined) {
      fchmodSync(fd, existing.mode & 0o7777);
      try {
        fchownSync(fd, existing.uid, existing.gid);
      } catch {
        // Only root may give a file away; anyone else's replacement is theirs, as with any editor's save.
      }
    }
    fsyncSync(fd);
    closeSync(fd);
    closed = true;
    renameSync(temporary, path);
  } catch (error) {
    removeTemporary();
    if (error instanceof Error && !(error instanceof LrvizError) && (error as NodeJS.ErrnoException).code) {
      throw cannotWrite(shownPath, error as NodeJS.ErrnoException);
    }
    throw error;
  } finally {
    stopWatching();
  }
}

/**
 * A file with several hard links: renaming would leave the other names on the old content, so the
 * finished output is copied into the same inode (only this copy, not the rendering, can leave it half
 * written).
 */
function copyInPlace(temporaryFd: number, path: string, shownPath: string): void {
  let targetFd: number;
  try {
    targetFd = openSync(path, constants.O_WRONLY | constants.O_TRUNC);
  } catch (error) {
    throw cannotWrite(shownPath, error as NodeJS.ErrnoException);
  }
  try {
    const buffer = Buffer.allocUnsafe(WRITE_BUFFER);
    let position = 0;
    for (;;) {
      const read = readSync(temporaryFd, buffer, 0, buffer.length, position);
      if (read === 0) break;
      position += read;
      writeBlock(targetFd, buffer.subarray(0, read), (e) => {
        throw outputError(shownPath, `: write failed (${e.code ?? e.message})`);
      });
    }
    fsyncSync(targetFd);
  } finally {
    closeSync(targetFd);
  }
}

/**
 * Until the returned function is called, SIGINT, SIGTERM and SIGHUP run `cleanUp` and then end the
 * process by the same signal (so the shell sees the conventional status, 128 + its number).
 */
function removeOnSignal(cleanUp: () => void): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    cleanUp();
    stop();
    process.kill(process.pid, signal);
  };
  const stop = (): void => {
    for (const signal of SIGNALS) process.removeListener(signal, handler);
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return stop;
}
