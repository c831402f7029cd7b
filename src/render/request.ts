import type { Curve } from '../curve/curve.js';
import type { LoggedPoints } from '../logs/points.js';

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
}

/** A renderer's output: one string or buffer, or chunks of them for streaming formats. */
export type Rendered = string | Uint8Array | Iterable<string | Uint8Array>;
