import type { Words } from '../errors.js';
import type { Curve } from '../curve/curve.js';
import type { LoggedPoints } from '../logs/points.js';
import type { LegendPlacement } from './legend.js';

/** What every renderer receives: curves and presentation options, never schedules. */
export interface RenderRequest {
  readonly curves: readonly Curve[];
  readonly logs?: readonly LoggedPoints[];
  readonly title?: string;
  /** Characters for the terminal; pixels for pictures. Undefined: the renderer's default. */
  readonly width?: number;
  /** Lines for the terminal; pixels for pictures. */
  readonly height?: number;
  /** Keep every k-th step in CSV and JSON. */
  readonly every: number;
  readonly logY: boolean;
  /** ANSI colour in terminal output. */
  readonly color: boolean;
  readonly theme: 'light' | 'dark';
  /** Pixel density for PNG. */
  readonly scale: number;
  /** Where the pictures' legend goes (default auto: none for one series, below in columns for several). */
  readonly legend?: LegendPlacement;
  /** Where a renderer says something the user should know (a rate drawn at a log axis' floor), its fields named by the caller. */
  readonly note?: (words: Words) => void;
  /** The learning-rate axis' range instead of the one the data gives. */
  readonly ylim?: readonly [number, number];
  /** The steps shown, first to last (the x axis' range), instead of the whole run. */
  readonly xlim?: readonly [number, number];
  /** Steps an epoch takes, when known: for an x axis in epochs and rules at epoch boundaries. */
  readonly stepsPerEpoch?: number;
  /** The x axis counts epochs (needs stepsPerEpoch; the data stay in steps). */
  readonly xUnit?: 'step' | 'epoch';
  /** Axis titles instead of "step" (or "epoch") and "learning rate". */
  readonly xlabel?: string;
  readonly ylabel?: string;
  /** Thin vertical rules with a short text at steps worth seeing: where a warmup ends, a horizon. */
  readonly marks?: readonly Mark[];
  /** Thin rules at epoch boundaries (needs stepsPerEpoch; thinned to a round number of epochs when dense). */
  readonly markEpochs?: boolean;
}

export interface Mark {
  readonly step: number;
  readonly kind: 'warmup' | 'horizon';
  readonly text: string;
  /** The curve (its index) the mark belongs to, when it is one curve's: drawn in its colour, named in text. */
  readonly curve?: number;
}

/** A renderer's output: one string or buffer, or chunks of them for streaming formats. */
export type Rendered = string | Uint8Array | Iterable<string | Uint8Array>;
