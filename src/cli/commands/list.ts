import type { Command } from 'commander';
import { LrvizError, shown } from '../../errors.js';
import { writeStdout } from '../../io/write-output.js';
import { describeDefault, type ScheduleDefinition } from '../../schedules/definition.js';
import type { Catalog } from '../../schedules/catalog.js';
import type { CatalogSource } from '../catalog-on-demand.js';
import { flagOf } from '../flags.js';
import { examples } from '../help.js';
import { dialectName, frameworkName, misspeltFramework, suggestionKey } from '../../notation/copied-names.js';
import { didYouMean, nearestSchedule } from '../../notation/suggest.js';

interface ListOptions {
  framework?: string;
  json?: boolean;
}

export function registerList(program: Command, catalogs: CatalogSource): void {
  program
    .command('list')
    .description('list every schedule with its parameters, defaults and formula')
    .argument('[name]', 'show only this schedule, or only this framework\'s (lrviz list hf)')
    .option('--framework <name>', `only this framework's schedulers (lrviz list shows which there are)`)
    .option('--json', 'machine-readable output')
    .addHelpText('after', examples(['lrviz list', 'lrviz list cosine-warmup', 'lrviz list hf', 'lrviz list --framework timm', 'lrviz list --json']))
    .action(async (name: string | undefined, options: ListOptions) => {
      writeStdout(list(await catalogs.all(), name, options));
    });
}

/** `hf`, `huggingface`, `transformers`, `mmengine`: the framework as the catalog names it, or undefined. */
function knownFramework(catalog: Catalog, given: string): string | undefined {
  const frameworks = catalog.frameworks();
  const lower = given.trim().toLowerCase();
  if (frameworks.includes(lower)) return lower;
  const alias = frameworkName(given);
  return alias !== undefined && frameworks.includes(alias) ? alias : undefined;
}

function list(catalog: Catalog, name: string | undefined, options: ListOptions): string {
  let definitions = catalog.all();
  // `lrviz list hf` reads as `lrviz list --framework hf` when no schedule has that name.
  const byName = name !== undefined && catalog.lookup(dialectName(name)) === undefined && knownFramework(catalog, name) !== undefined;
  const framework = options.framework ?? (byName ? name : undefined);
  if (framework !== undefined) {
    const known = knownFramework(catalog, framework);
    if (known === undefined) {
      const FRAMEWORKS = catalog.frameworks();
      throw new LrvizError(`--framework ${shown(framework)} is not known; use one of ${FRAMEWORKS.join(', ')}${didYouMean(framework.toLowerCase(), FRAMEWORKS)}`);
    }
    definitions = definitions.filter((d) => (d.framework ?? 'lrviz') === known);
  }
  if (name !== undefined && !byName) {
    const found = catalog.lookup(name) ?? catalog.lookup(dialectName(name));
    if (!found) {
      // `lrviz list hugginface` meant a framework; `lrviz list tourch.StepLR` a symbol under one.
      const guess = (name.includes('.') ? undefined : misspeltFramework(name, catalog.frameworks())) ?? nearestSchedule(suggestionKey(name, catalog.frameworks()), catalog.all().map((d) => d.name));
      throw new LrvizError(`unknown schedule ${shown(name)}${guess === undefined ? '' : ` (did you mean "${guess}"?)`}; run "lrviz list" to see them all`);
    }
    definitions = [found];
  }
  if (options.json) return JSON.stringify(definitions.map(toJson), null, 2) + '\n';
  return definitions.map(toText).join('\n');
}

function toJson(def: ScheduleDefinition) {
  return {
    name: def.name,
    framework: def.framework ?? 'lrviz',
    aliases: def.aliases ?? [],
    summary: def.summary,
    formula: def.formula,
    params: def.params.map((p) => ({ name: p.name, type: p.type, default: describeDefault(p, flagOf), doc: p.doc, choices: p.choices, aliases: p.aliases })),
  };
}

function toText(def: ScheduleDefinition): string {
  const lines = [`${def.name}${def.aliases?.length ? `  (also: ${def.aliases.join(', ')})` : ''}`, `  ${def.summary}`];
  if (def.formula) lines.push(`  lr(i) = ${def.formula}`);
  const width = Math.max(0, ...def.params.map((p) => p.name.length));
  for (const p of def.params) {
    const choices = p.choices ? ` [${p.choices.join('|')}]` : '';
    lines.push(`    ${p.name.padEnd(width)}  = ${describeDefault(p, flagOf)}${choices}  ${p.doc}`);
  }
  return lines.join('\n') + '\n';
}
