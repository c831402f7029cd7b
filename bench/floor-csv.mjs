// The floor for CSV in this runtime: one plain loop that computes lrviz's default cosine-warmup and
// writes the same CSV bytes through one buffered stream (64 KiB chunks, one write call each).
// Usage: node bench/floor-csv.mjs STEPS [FILE]   (stdout without FILE)
import { closeSync, openSync, writeSync } from 'node:fs';
import { cosineWarmupLr, warmupOf } from './cosine-warmup.mjs';

const steps = Number(process.argv[2] ?? 1e6);
const fd = process.argv[3] ? openSync(process.argv[3], 'w') : 1;
const warmup = warmupOf(steps);

function writeAll(text) {
  const bytes = Buffer.from(text, 'latin1');
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
}

function run() {
  let out = 'step,cosine-warmup\r\n';
  for (let i = 0; i < steps; i++) {
    out += i + ',' + cosineWarmupLr(i, steps, warmup) + '\r\n';
    if (out.length >= 65536) {
      writeAll(out);
      out = '';
    }
  }
  writeAll(out);
}

run();
if (fd !== 1) closeSync(fd);
