/** How much a finding matters: an error trains the wrong thing, a warning wastes or risks part of the run, an info explains. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * One diagnostic about one schedule, publint-style: a stable code and name for tools, the step where it
 * shows, the numbers that prove it, and the fix in words. Messages are data; ./format.ts turns them into text.
 */
export interface Finding {
  /** Stable identifier, e.g. `LRV001`. Never reused for a different diagnostic. */
  readonly code: string;
  /** Stable slug, e.g. `horizon-before-end`. */
  readonly name: string;
  readonly severity: Severity;
  /** The scheduler step where the problem shows (0-based, the index convention of curves). */
  readonly step: number;
  /** The values at that step and around it that the message quotes. */
  readonly values: Readonly<Record<string, number>>;
  /** What is wrong, one sentence. */
  readonly message: string;
  /** How to fix it, one or two lines. */
  readonly fix: string;
}

/** Every code lrviz check can report, with its severity: the table the README and `--json` consumers rely on. */
export const CODES = {
  LRV001: { name: 'horizon-before-end', severity: 'error' },
  LRV002: { name: 'floor-before-end', severity: 'warning' },
  LRV003: { name: 'decay-unfinished', severity: 'warning' },
  LRV004: { name: 'horizon-in-epochs', severity: 'error' },
  LRV005: { name: 'horizon-in-steps', severity: 'error' },
  // A warning where the schedule has a parameter that lifts the first update off 0; an info where the framework
  // has none (HF's warmups start at 0 by construction): then there is nothing in the config to change.
  LRV006: { name: 'first-step-zero', severity: 'warning' },
  LRV007: { name: 'warmup-jump', severity: 'warning' },
  LRV008: { name: 'ends-mid-cycle', severity: 'warning' },
  LRV009: { name: 'restart-peaks', severity: 'info' },
  LRV010: { name: 'warmup-past-end', severity: 'warning' },
  LRV011: { name: 'never-changes', severity: 'warning' },
  LRV012: { name: 'negative-lr', severity: 'error' },
  LRV013: { name: 'horizon-in-micro-batches', severity: 'error' },
  LRV014: { name: 'ignored-parameter', severity: 'warning' },
  // Where the framework computes in float32 (keras; optax under jit): NaN trains nothing; a moved step, one step.
  LRV015: { name: 'float32-nan', severity: 'error' },
  LRV016: { name: 'float32-step-moved', severity: 'warning' },
  // Found in a training config (--config), before any learning rate is computed.
  LRV101: { name: 'deepspeed-overrides-scheduler', severity: 'warning' },
  LRV102: { name: 'decay-ends-early', severity: 'warning' },
  LRV103: { name: 'log-warmup', severity: 'info' },
  LRV104: { name: 'constant-run', severity: 'warning' },
  LRV105: { name: 'no-warmup', severity: 'info' },
  LRV106: { name: 'warmup-fraction-of-decay', severity: 'info' },
  LRV107: { name: 'horizon-from-dataset', severity: 'info' },
  // Found in an MMEngine config: scheduler ranges in the wrong unit, staircases, gaps and overlaps.
  LRV201: { name: 'epoch-end-in-iterations', severity: 'warning' },
  LRV202: { name: 'epoch-wise-staircase', severity: 'warning' },
  LRV203: { name: 'scheduler-gap-or-overlap', severity: 'warning' },
  LRV204: { name: 'iteration-end-in-epochs', severity: 'warning' },
  // Found in a timm args.yaml: what its epochs and warmup do not say.
  LRV205: { name: 'run-longer-than-epochs', severity: 'info' },
  // An info: check's LRV007 already warns of the drop from the curve; this one names the key.
  LRV206: { name: 'warmup-overlays-schedule', severity: 'info' },
  // Found in an ultralytics args.yaml.
  LRV207: { name: 'optimizer-auto-ignores-lr0', severity: 'warning' },
} as const satisfies Record<string, { name: string; severity: Severity }>;

export type Code = keyof typeof CODES;

export function finding(code: Code, step: number, values: Record<string, number>, message: string, fix: string, severity: Severity = CODES[code].severity): Finding {
  return { code, name: CODES[code].name, severity, step, values, message, fix };
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by step, then by code (LRV006 before LRV105: plain ASCII order, no ICU collator to load). */
export function bySeverityThenStep(a: Finding, b: Finding): number {
  return ORDER[a.severity] - ORDER[b.severity] || a.step - b.step || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
