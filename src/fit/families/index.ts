import { cosineFamily, linearFamily, oneCycleFamily, polynomialFamily, wsdFamilies } from './decay.js';
import type { Family } from './family.js';
import { restartsFamily } from './restarts.js';
import { constantFamily, exponentialFamily, inverseSqrtFamily } from './smooth.js';
import { multistepFamilies, stepFamily } from './steps.js';

export type { Family, FittedSchedule, Rendition, ShapeParam, Tidy } from './family.js';
export { specText } from './family.js';

/** Every family the fitter tries, simplest first. */
export const FAMILIES: readonly Family[] = [
  constantFamily,
  linearFamily,
  cosineFamily,
  exponentialFamily,
  inverseSqrtFamily,
  polynomialFamily,
  oneCycleFamily,
  stepFamily,
  ...multistepFamilies,
  ...wsdFamilies,
  restartsFamily,
];
