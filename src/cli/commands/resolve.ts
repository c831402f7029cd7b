import type { Command } from 'commander';
import type { CatalogSource } from '../catalog-on-demand.js';
import { LrvizError, prefixed } from '../../errors.js';
import { writeStdout } from '../../io/write-output.js';
import { buildSchedule } from '../../notation/build.js';
import { flagOf } from '../flags.js';
import { examples } from '../help.js';
import { addPlanOptions, planInputs, type PlanFlags } from '../plan-flags.js';

export interface ResolveOptions extends PlanFlags {
  json?: boolean;
}

export function registerResolve(program: Command, catalog: CatalogSource): void {
  const command = program
    .command('resolve')
    .description('read a training config and print the equivalent -s spec, every derived number with its rule and source, and what was assumed')
    .argument('<file>', 'training_args.json, a TRL/LLaMA-Factory YAML, ds_config.json, ...')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      examples([
        'lrviz resolve training_args.json --dataset-size 52002 --devices 8',
        'lrviz resolve ds_config.json --json',
        'lrviz resolve training_args.json --old-rule hf-floor-updates --steps-per-epoch 1625',
      ]),
    )
    .action(async (file: string, options: ResolveOptions) => {
      await resolve(catalog, file, options);
    });
  addPlanOptions(command, { epochFlags: true });
}

export async function resolve(catalog: CatalogSource, file: string, options: ResolveOptions): Promise<void> {
  const { resolveConfigFile, resolvedJson } = await import('../../config/index.js');
  const { formatResolved } = await import('../resolve-report.js');
  const resolved = await resolveConfigFile(file, { inputs: planInputs(options), stack: options.stack, fieldName: flagOf });
  // The spec must build: a bad lr_scheduler_kwargs is an error here, as in plot.
  try {
    buildSchedule(await catalog.forSpecs([resolved.spec]), resolved.spec, resolved.stepped?.schedulerSteps ?? resolved.updates ?? 1000);
  } catch (error) {
    if (error instanceof LrvizError) throw prefixed(file, error);
    throw error;
  }
  writeStdout(options.json ? JSON.stringify(resolvedJson(resolved), null, 2) + '\n' : formatResolved(resolved));
}
