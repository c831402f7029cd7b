export { fitLog, type LogFit } from './fit.js';
export { FAMILIES, type Family, type Rendition } from './families/index.js';
export { formatFit } from './format.js';
