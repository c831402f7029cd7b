export { checkSchedule, exitStatus, summarize, type CheckedSchedule, type CheckSummary } from './check.js';
export { CODES, type Code, type Finding, type Severity } from './finding.js';
export type { CheckInput } from './profile.js';
export type { Training } from './training.js';
export { formatJson, formatReport, type Ignored } from './format.js';
