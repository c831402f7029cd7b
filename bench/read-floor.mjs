// The floor of reading a step,lr CSV log: a plain loop that reads the file in 1 MB pieces, splits lines
// and commas, and keeps both numbers (Number()) in Float64Arrays sized from the file. No format detection,
// no checks, no quoting: what any program must at least do to hold the log. The bench compares lrviz's
// overlay and fit of a 1e7-row log with it, since the same command at 1e6 rows reads a tenth of the bytes.
//
//   node bench/read-floor.mjs FILE
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const fd = openSync(process.argv[2], 'r');
const size = fstatSync(fd).size;
const steps = new Float64Array(Math.ceil(size / 4));
const values = new Float64Array(steps.length);
const buffer = Buffer.allocUnsafe(1 << 20);
let rest = '';
let rows = 0;
let header = true;
for (let read; (read = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
  const lines = (rest + buffer.toString('latin1', 0, read)).split('\n');
  rest = lines.pop();
  for (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    const comma = line.indexOf(',');
    steps[rows] = Number(line.slice(0, comma));
    values[rows++] = Number(line.slice(comma + 1));
  }
}
closeSync(fd);
process.stdout.write(`${rows} rows, last ${steps[rows - 1]},${values[rows - 1]}\n`);
