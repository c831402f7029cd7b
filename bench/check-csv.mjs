// Reads lrviz's CSV of the default cosine-warmup from stdin as it streams and checks every row: steps in
// order, and each value both reads back to the very double the formula gives and is printed in
// JavaScript's shortest round-trip form. Prints one line of JSON: rows checked and the first mismatch.
// Usage: lrviz plot -s cosine-warmup --steps N -o - | node bench/check-csv.mjs N
import { cosineWarmupLr, warmupOf } from './cosine-warmup.mjs';

const steps = Number(process.argv[2]);
const warmup = warmupOf(steps);
let rest = '';
let row = -1;
let bytes = 0;
let mismatch = null;

function line(text) {
  if (row === -1) {
    if (text !== 'step,cosine-warmup' && mismatch === null) mismatch = { header: text };
  } else if (mismatch === null) {
    const comma = text.indexOf(',');
    const step = Number(text.slice(0, comma));
    const field = text.slice(comma + 1);
    const expected = cosineWarmupLr(row, steps, warmup);
    if (step !== row || Number(field) !== expected || field !== String(expected)) mismatch = { row, text, expected };
  }
  row++;
}

process.stdin.setEncoding('latin1');
process.stdin.on('data', (chunk) => {
  bytes += chunk.length;
  const lines = (rest + chunk).split('\r\n');
  rest = lines.pop();
  for (const text of lines) line(text);
});
process.stdin.on('end', () => {
  if (rest !== '') line(rest);
  process.stdout.write(`${JSON.stringify({ rows: row, bytes, complete: row === steps, mismatch })}\n`);
  process.exitCode = row === steps && mismatch === null ? 0 : 1;
});
