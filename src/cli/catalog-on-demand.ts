/**
 * The catalog a run needs, loaded on demand. Start-up is most of what a terminal chart costs, and the
 * frameworks' dialects are a quarter of the CLI's code: a run whose schedules are all lrviz's own
 * (`lrviz plot -s cosine-warmup`) never compiles them. Any other name loads the whole catalog at once,
 * so aliases, copied names and did-you-mean read exactly src/catalog.ts. (One chunk, not one per
 * framework: each module Node loads costs more than compiling a framework it did not need.)
 */
import { Catalog } from '../schedules/catalog.js';
import { builtins } from '../schedules/builtins.js';
import type { SpecObject } from '../schedules/definition.js';
import { isPlainObject } from '../json.js';

/** What a command is handed: the catalog for the specs it is about to build, or the whole of it. */
export interface CatalogSource {
  /** lrviz's own schedules when they are all these specs name, else the whole catalog. */
  forSpecs(specs: readonly SpecObject[]): Promise<Catalog>;
  /** Everything: for `list`, `fit` and whatever searches the catalog rather than looking a name up. */
  all(): Promise<Catalog>;
}

/** lrviz's catalog, its frameworks loaded the first time a run names one. */
export function catalogOnDemand(): CatalogSource {
  const own = new Catalog(builtins);
  const all = async () => (await import('../catalog.js')).catalog;
  return {
    all,
    forSpecs: async (specs) => (specs.flatMap(namesIn).every((name) => isOwn(own, name)) ? own : all()),
  };
}

/**
 * A builtin's name, found the way the full catalog finds it. A loose match is taken only when no
 * framework could claim the name: the full catalog's loose names include every alias a dialect has.
 */
function isOwn(own: Catalog, name: string): boolean {
  return own.lookup(name)?.name === name || own.all().some((d) => d.aliases?.includes(name));
}

/** Every schedule name a spec holds, nested ones too (`sequence`'s parts). */
function namesIn(spec: unknown): string[] {
  if (Array.isArray(spec)) return spec.flatMap(namesIn);
  if (!isPlainObject(spec)) return [];
  const own = [spec.type, spec.symbol].filter((name): name is string => typeof name === 'string');
  return [...own, ...Object.values(spec).flatMap(namesIn)];
}
