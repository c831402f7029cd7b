export { curveStats, type CurveStats } from './stats.js';
export { curveDifference, sameValue, RELATIVE_FLOOR, type CurveDifference } from './difference.js';
export { compareLog, type LogComparison } from './log-offset.js';
export { formatDifferences, formatLogComparisons, formatStats, pairNaming } from './format.js';
