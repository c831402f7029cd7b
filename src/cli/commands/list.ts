import type { Command } from 'commander';
import { LrvizError, shown } from '../../errors.js';
import { writeStdout } from '../../io/write-output.js';
import { describeDefault, type ScheduleDefinition } from '../../schedules/definition.js';
import type { Catalog } from '../../schedules/catalog.js';
import { examples } from '../help.js';
import { didYouMean } from '../../notation/suggest.js';

interface ListOptions {
  framework?: string;
  json?: boolean;
}

export function registerList(program: Command, catalog: Catalog): void {
  program
    .command('list')
    .description('list every schedule with its parameters, defaults and formula')
    .argument('[name]', 'show only this schedule')
    .option('--framework <name>', `only this framework's schedulers: ${catalog.frameworks().join(', ')}`)
    .option('--json', 'machine-readable output')
    .addHelpText('after', examples(['lrviz list', 'lrviz list cosine-warmup', 'lrviz list --framework timm', 'lrviz list --json']))
    .action((name: string | undefined, options: ListOptions) => {
      writeStdout(list(catalog, name, options));
    });
}

function list(catalog: Catalog, name: string | undefined, options: ListOptions): string {
  let definitions = catalog.all();
  if (options.framework !== undefined) {
    const framework = options.framework.toLowerCase();
    const frameworks = catalog.frameworks();
    if (!frameworks.includes(framework)) {
      throw new LrvizError(`--framework ${shown(options.framework)} is not known; use one of ${frameworks.join(', ')}${didYouMean(framework, frameworks)}`);
    }
    definitions = definitions.filter((d) => (d.framework ?? 'lrviz') === framework);
  }
  if (name !== undefined) {
    const found = catalog.lookup(name);
    if (!found) {
      throw new LrvizError(`unknown schedule ${shown(name)}${didYouMean(name, catalog.all().map((d) => d.name))}; run "lrviz list" to see them all`);
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
    params: def.params.map((p) => ({ name: p.name, type: p.type, default: describeDefault(p), doc: p.doc, choices: p.choices, aliases: p.aliases })),
  };
}

function toText(def: ScheduleDefinition): string {
  const lines = [`${def.name}${def.aliases?.length ? `  (also: ${def.aliases.join(', ')})` : ''}`, `  ${def.summary}`];
  if (def.formula) lines.push(`  lr(i) = ${def.formula}`);
  const width = Math.max(0, ...def.params.map((p) => p.name.length));
  for (const p of def.params) {
    const choices = p.choices ? ` [${p.choices.join('|')}]` : '';
    lines.push(`    ${p.name.padEnd(width)}  = ${describeDefault(p)}${choices}  ${p.doc}`);
  }
  return lines.join('\n') + '\n';
}
