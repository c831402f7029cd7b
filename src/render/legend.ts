/**
 * The legend of a picture: where it goes and what its entries say. A pure function of the labels and
 * the picture's width; vegalite.ts turns it into vega-lite.
 */

import { largest } from '../extent.js';

export type LegendPlacement = 'auto' | 'right' | 'bottom' | 'none';
export const LEGEND_PLACEMENTS: readonly LegendPlacement[] = ['auto', 'right', 'bottom', 'none'];

export interface LegendLayout {
  readonly orient: 'right' | 'bottom' | 'none';
  /** Entries a row (bottom) or 1 (right). */
  readonly columns: number;
  /** What the series share, shown once above the entries; undefined when nothing was factored out. */
  readonly title?: string;
  /** One entry a series, in order: the label, or what sets it apart from the others. */
  readonly entries: readonly string[];
}

/**
 * Width of a character of the 12 px legend font (DejaVu Sans runs wide), on average, and of an entry's
 * symbol, gaps and column padding, as vega lays them out.
 */
const CHAR_PX = 7.4;
const SYMBOL_PX = 50;
/** More series than this, or a label longer than fits, and the shared parameters move to the title. */
const FACTOR_FROM = 4;

/**
 * `auto` gives a single series no legend (the title or file says what it is) and several a legend
 * below the plot in as many columns as their entries fit, so twelve series cost three or four rows of
 * height instead of twelve. `right` stacks the entries beside the plot, taking at most a third of the
 * width. Entries longer than their room lose their middle, never their ends.
 */
export function legendLayout(labels: readonly string[], width: number, placement: LegendPlacement): LegendLayout {
  if (placement === 'none' || labels.length === 0 || (placement === 'auto' && labels.length === 1)) return { orient: 'none', columns: 1, entries: labels };
  const orient = placement === 'right' ? 'right' : 'bottom';
  const roomChars = Math.max(8, Math.floor(((orient === 'right' ? width / 3 : width - 40) - SYMBOL_PX) / CHAR_PX));
  const longest = largest(labels.map((label) => label.length));
  const factored = labels.length >= FACTOR_FROM || longest > roomChars ? factorLabels(labels) : undefined;
  const entries = (factored?.entries ?? labels).map((entry) => middleEllipsis(entry, roomChars));
  const widest = largest(entries.map((entry) => entry.length));
  const columns = orient === 'right' ? 1 : Math.max(1, Math.min(entries.length, Math.floor((width - 40) / (SYMBOL_PX + widest * CHAR_PX))));
  const title = factored?.title === undefined ? undefined : middleEllipsis(factored.title, Math.floor((width - 40) / CHAR_PX));
  return { orient, columns, title, entries };
}

/** `text` in at most `max` characters: its start and its end, joined by an ellipsis. */
export function middleEllipsis(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const keep = Math.max(2, max - 1);
  const head = Math.ceil(keep / 2);
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (keep - head)).join('')}`;
}

/**
 * Labels written as `NAME:key=value,...` (the text spec form) split into what all of them share (the
 * name when it is the same, and every key=value they all have) and what each has of its own. Undefined
 * when a label has another form or nothing is shared.
 */
export function factorLabels(labels: readonly string[]): { title: string; entries: string[] } | undefined {
  if (labels.length < 2) return undefined;
  const parsed = labels.map(parseLabel);
  if (parsed.some((p) => p === undefined)) return undefined;
  const specs = parsed as { name: string; params: string[] }[];
  const sameName = specs.every((p) => p.name === specs[0].name);
  const shared = specs[0].params.filter((param) => specs.every((p) => p.params.includes(param)));
  if (!sameName && shared.length === 0) return undefined;
  const entries = specs.map((p) => {
    const own = p.params.filter((param) => !shared.includes(param));
    if (sameName) return own.join(',') || p.name;
    return own.length > 0 ? `${p.name}:${own.join(',')}` : p.name;
  });
  // Factoring must not make two series read alike.
  if (new Set(entries).size !== entries.length) return undefined;
  const title = sameName ? `${specs[0].name}${shared.length > 0 ? `: ${shared.join(',')}` : ''}` : shared.join(',');
  return { title, entries };
}

/** `cosine:lr=0.1,warmup=5` -> { name: 'cosine', params: ['lr=0.1', 'warmup=5'] }; commas inside [], {} or "" stay. */
function parseLabel(label: string): { name: string; params: string[] } | undefined {
  const match = /^([A-Za-z][\w.-]*):(.+)$/s.exec(label);
  if (match === null) return undefined;
  const params: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const c of match[2]) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '[' || c === '{')) depth++;
    else if (!quoted && (c === ']' || c === '}')) depth--;
    if (c === ',' && depth === 0 && !quoted) {
      params.push(current);
      current = '';
    } else current += c;
  }
  params.push(current);
  return params.every((p) => /^[^=]+=/.test(p)) ? { name: match[1], params } : undefined;
}
