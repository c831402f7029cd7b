import { Command, CommanderError } from 'commander';
import { FieldError, LrvizError } from '../errors.js';
import { flagOf } from './flags.js';
import { visible } from '../visible-text.js';
import { ClosedPipe, writeStdout } from '../io/write-output.js';
import { catalogOnDemand, type CatalogSource } from './catalog-on-demand.js';
import { registerList } from './commands/list.js';
import { registerPlot } from './commands/plot.js';
import { registerCheck } from './commands/check.js';
import { registerCompare } from './commands/compare.js';
import { registerFit } from './commands/fit.js';
import { registerResolve } from './commands/resolve.js';
import { examples } from './help.js';

declare const LRVIZ_VERSION: string | undefined;

function version(): string {
  return typeof LRVIZ_VERSION === 'string' ? LRVIZ_VERSION : '0.0.0-dev';
}

/**
 * Commander's own errors are reworded into our one-line form by `main`; its help and version go out
 * like every other output, through writeStdout (a closed pipe ends quietly, and process.stdout, which
 * costs milliseconds to set up, is never needed).
 */
const OUTPUT = { writeErr: () => {}, writeOut: (text: string) => writeStdout(text) };

/** Every command, in the order help lists them. */
const COMMANDS: Record<string, (program: Command, catalog: CatalogSource) => void> = {
  plot: registerPlot,
  list: registerList,
  compare: registerCompare,
  check: registerCheck,
  fit: registerFit,
  resolve: registerResolve,
};

function program(argv: readonly string[]): Command {
  const root = new Command('lrviz')
    .description('See exactly what learning rate your training will use at every step.')
    .version(version(), '-V, --version')
    .option('--debug', 'show stack traces for errors')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput(OUTPUT)
    .addHelpText(
      'after',
      examples([
        'lrviz plot --schedule cosine-warmup',
        'lrviz plot -s cosine-warmup:lr=3e-4,warmup=500 -s cosine:lr=3e-4 --steps 10000',
        'lrviz list',
      ]),
    );
  // Setting up a command costs about a millisecond: a run that names one gets only that one; help, a
  // typo or no command at all get them all.
  const named = Object.hasOwn(COMMANDS, argv[0] ?? '') ? [COMMANDS[argv[0]]] : Object.values(COMMANDS);
  const catalog = catalogOnDemand();
  for (const register of named) register(root, catalog);
  for (const command of root.commands) command.exitOverride().configureOutput(OUTPUT).showSuggestionAfterError(true);
  return root;
}

/**
 * One line on stderr, the lrviz way: line breaks folded into spaces, any other control character a
 * value carried in (a file name, a label) shown escaped, so an error can never drive the terminal.
 */
function complain(message: string): void {
  const line = message
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
  process.stderr.write(`lrviz: error: ${visible(line)}\n`);
}

/** Runs the CLI and returns the exit status; never throws. */
export async function main(argv: readonly string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const root = program(argv);
  try {
    await root.parseAsync(argv as string[], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof ClosedPipe) return 0;
    if (error instanceof LrvizError) {
      complain(error instanceof FieldError ? error.worded(flagOf) : error.message);
      if (debug) process.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    if (error instanceof CommanderError) {
      // --help and --version end by "throwing" success.
      if (error.exitCode === 0) return 0;
      // No command at all: commander shows the help as an error, on the stderr silenced above. Asking
      // `lrviz` alone what it does is fair: the help goes to stdout.
      if (error.code === 'commander.help') {
        root.outputHelp();
        return 0;
      }
      complain(error.message.replace(/^error: /, ''));
      return 2;
    }
    if ((error as NodeJS.ErrnoException)?.code === 'EPIPE') return 0;
    complain(`internal error: ${(error as Error)?.message ?? String(error)}${debug ? '' : ' (run with --debug for the stack trace)'}`);
    if (debug) process.stderr.write(`${(error as Error)?.stack}\n`);
    return 1;
  }
}

/** The process entry point: bin/lrviz.cjs runs it through launch.ts. */
export async function run(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2));
}
