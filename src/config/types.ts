/**
 * The config contract: a training config file is read at the edge (./read.ts) into a ConfigDocument, a
 * StackReader (./stacks/*) turns that document into a ResolvedConfig with the help of the training plan
 * (./plan.ts), and the ResolvedConfig's spec goes to the catalog like any `-s` spec. A config is data:
 * it is parsed, never executed.
 */
import type { FieldNamer } from '../errors.js';
import type { SpecObject } from '../schedules/definition.js';

/**
 * What the file cannot know about the run, from the caller (the CLI's plan flags). Messages name these
 * fields by their names here, through the caller's FieldNamer: lrviz's flags are the CLI's to spell.
 */
export interface PlanInputs {
  /** Training examples after preprocessing. */
  readonly datasetSize?: number;
  /** Data-parallel processes; 1 when not given. */
  readonly devices?: number;
  /** Optimizer updates per epoch, overriding the stack's derivation. */
  readonly stepsPerEpoch?: number;
  /** Epochs, overriding the config's. */
  readonly epochs?: number;
  /** Micro-batches per optimizer update, overriding the config's. */
  readonly gradAccum?: number;
  /** Older releases' rules the caller asked for, by name (e.g. `hf-floor-updates`). */
  readonly legacy?: ReadonlySet<string>;
}

/** One derived number, with the rule that made it and the key (or plan field) it came from. */
export interface Derivation {
  /** `warmup`, `updates/epoch`, `updates`, ... */
  readonly what: string;
  readonly value: number;
  /** `ceil(0.03 × 6,504)` */
  readonly rule: string;
  /** `warmup_ratio, transformers ≥ 4.57` */
  readonly source: string;
}

/** A problem the config shows before any learning rate is computed (a scheduler that overrides another). */
export interface ConfigNote {
  /** A check code (LRV1xx), stable. */
  readonly code: string;
  readonly message: string;
  readonly fix: string;
  /** Numbers the message quotes. */
  readonly values?: Readonly<Record<string, number>>;
  /** The update where it shows, when it is one. */
  readonly step?: number;
}

/** A config file turned into a schedule spec and a run length, with everything that was derived or assumed. */
export interface ResolvedConfig {
  /** Stack id (`hf`, `deepspeed`, ...). */
  readonly stack: string;
  /** The release whose rules were followed, e.g. `transformers 5.18`. */
  readonly release: string;
  readonly file: string;
  /** The `-s` equivalent: `plot -s` with it reproduces the curve exactly. */
  readonly spec: SpecObject;
  /** T: optimizer updates the run takes (rows of output); undefined when the config cannot say. */
  readonly updates?: number;
  /** Epochs and updates per epoch, when the run is counted in epochs. */
  readonly epochs?: number;
  readonly stepsPerEpoch?: number;
  readonly gradientAccumulation?: number;
  /**
   * Set when the stack steps its scheduler once per epoch: the spec's horizon counts epochs
   * (`schedulerSteps` of them), and each epoch's value holds for `stepsPerEpoch` updates.
   */
  readonly stepped?: { readonly unit: 'epoch'; readonly stepsPerEpoch: number; readonly schedulerSteps: number };
  readonly derivations: readonly Derivation[];
  readonly assumptions: readonly string[];
  readonly notes: readonly ConfigNote[];
}

/** A config file as read: its text and, for JSON and YAML, the parsed value. */
export interface ConfigDocument {
  /** The path as the user gave it. */
  readonly file: string;
  /** The file name alone: series labels and error messages. */
  readonly name: string;
  readonly text: string;
  readonly format: 'json' | 'yaml' | 'text';
  /** The parsed JSON or YAML value; undefined for text (shell scripts, argument lists). */
  readonly value: unknown;
}

/** What a reader may ask for while resolving: the plan's inputs, and other files the config names. */
export interface ResolveContext {
  readonly inputs: PlanInputs;
  /**
   * How the caller calls the plan's fields (`datasetSize`, or the CLI's flag for it) in what the plan
   * records; as the library calls them when not given.
   */
  readonly fieldName?: FieldNamer;
  /** Reads a file a config names (a DeepSpeed config named by training_args.json), relative to the config. */
  readRelated(from: ConfigDocument, path: string, key: string): Promise<ConfigDocument>;
}

/** One stack: how to recognise its files and how to resolve them. Assembled in ./stacks/index.ts. */
export interface StackReader {
  /** `hf`, `deepspeed`, ...: the name a caller forces the stack with (ResolveOptions.stack). */
  readonly id: string;
  /** `HF Trainer training_args.json`, for messages and help. */
  readonly title: string;
  detect(doc: ConfigDocument): boolean;
  resolve(doc: ConfigDocument, ctx: ResolveContext): ResolvedConfig | Promise<ResolvedConfig>;
}
