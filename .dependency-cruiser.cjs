// How src/ is layered, floor by floor, as rules dependency-cruiser checks (run by scripts/layering.mjs on
// every `npm test`; `npm run layering` prints what breaks them). Data flows up:
//
//   schedules (shapes, combinators, definitions)  <- dialects  <- catalog.ts
//   schedules                                      <- curve     <- render
//   schedules' definitions                         <- notation (reads specs against a catalog it is handed)
//   check, compare, fit, logs: the reports, over schedules and curves
//   config: training files read into specs and plans, with the dialects' formulas; only the CLI reads them
//   cli: everything, and the only place that knows argv, the terminal and commander
//   render/page: the HTML page's own entry point, in the browser: it rebuilds series as the CLI does
//
// Each rule names what it protects; a new import that runs back down the floors fails with that name.
/** Paths that any floor may use: errors, text for and from people, JSON shapes. */
const SHARED = '^src/(errors|json|visible-text|extent)\\.[jt]s$|^src/text/';
/** Reading a file with a cap on its size: the edge where the notation (`@file`) and the log readers read. */
const CAPPED_READ = '^src/io/read-capped\\.[jt]s$';
/** The formula language (`expr:f=...`, torch's LambdaLR): pure arithmetic over the step, a floor below schedules. */
const EXPRESSION = '^src/expression/';
/** The HTML page's entry point: it runs in the browser and rebuilds series with the catalog, as the CLI does. */
const PAGE = '^src/render/page/';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Modules never import each other in a loop: a loop makes two modules one that cannot be read alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'schedules-are-the-ground-floor',
      severity: 'error',
      comment: 'Shapes, combinators and definitions are pure functions of the step: they import nothing above them.',
      from: { path: '^src/schedules/' },
      to: { path: '^src/', pathNot: `^src/schedules/|${EXPRESSION}|${SHARED}` },
    },
    {
      name: 'formulas-are-pure-arithmetic',
      severity: 'error',
      comment: 'The formula language parses and evaluates arithmetic over the step: it knows nothing of schedules or anything above.',
      from: { path: EXPRESSION },
      to: { path: '^src/', pathNot: `${EXPRESSION}|^src/dialects/python-math\\.[jt]s$|${SHARED}` },
    },
    {
      name: 'dialects-translate-onto-schedules',
      severity: 'error',
      comment: "A dialect translates a framework's names onto schedules: it may use schedules, never the notation, the catalog or anything that draws.",
      from: { path: '^src/dialects/' },
      to: { path: '^src/', pathNot: `^src/(dialects|schedules)/|${EXPRESSION}|${SHARED}` },
    },
    {
      name: 'the-catalog-only-gathers',
      severity: 'error',
      comment: 'src/catalog.ts lists the definitions of schedules/ and dialects/, and nothing else.',
      from: { path: '^src/catalog\\.[jt]s$' },
      to: { path: '^src/', pathNot: '^src/(dialects|schedules)/' },
    },
    {
      name: 'the-notation-reads-definitions',
      severity: 'error',
      comment: "The notation checks a spec against a definition from the catalog it is handed: of schedules/ it knows what a definition, a catalog and a schedule are, and no dialect.",
      from: { path: '^src/notation/' },
      to: { path: '^src/', pathNot: `^src/notation/|^src/schedules/(definition|catalog|schedule)\\.[jt]s$|${CAPPED_READ}|${SHARED}` },
    },
    {
      name: 'only-the-cli-and-the-library-pick-the-catalog',
      severity: 'error',
      comment: "Whoever looks a name up is handed a catalog: only the CLI, the library's index and the HTML page's entry point choose lrviz's own.",
      from: { pathNot: `^src/(cli/|index\\.[jt]s$)|${PAGE}` },
      to: { path: '^src/catalog\\.[jt]s$' },
    },
    {
      name: 'curves-draw-on-schedules',
      severity: 'error',
      comment: 'A curve is a schedule computed over steps: it knows schedules and nothing above them.',
      from: { path: '^src/curve/' },
      to: { path: '^src/', pathNot: `^src/(curve|schedules)/|${SHARED}` },
    },
    {
      name: 'renderers-know-only-curves',
      severity: 'error',
      comment: 'Renderers receive curves and logged points (and carry a resolved spec for the page), never schedules or dialects.',
      from: { path: '^src/render/', pathNot: PAGE },
      to: { path: '^src/', pathNot: `^src/(render|curve)/|^src/logs/points\\.[jt]s$|^src/schedules/definition\\.[jt]s$|${SHARED}` },
    },
    {
      name: 'logs-are-read-alone',
      severity: 'error',
      comment: 'Log readers turn files into logged points; they know nothing of schedules or charts.',
      from: { path: '^src/logs/' },
      to: { path: '^src/', pathNot: `^src/logs/|${CAPPED_READ}|${SHARED}` },
    },
    {
      name: 'reports-stay-below-the-cli',
      severity: 'error',
      comment: 'check, compare and fit compute reports from schedules, curves and logs; they never reach the catalog, a dialect, a renderer or the CLI.',
      from: { path: '^src/(check|compare|fit)/' },
      to: { path: '^src/(cli|dialects|render|io)/|^src/(catalog|index)\\.[jt]s$' },
    },
    {
      name: 'the-output-edge-writes-bytes',
      severity: 'error',
      comment: 'io/ writes what it is given; it knows what a rendering is and nothing else.',
      from: { path: '^src/io/' },
      to: { path: '^src/', pathNot: `^src/io/|^src/render/request\\.[jt]s$|${SHARED}` },
    },
    {
      name: 'configs-read-files-into-specs',
      comment: "A stack's reader turns a training file into a spec and a plan: it uses the dialects' formulas and the definition types, reads with a cap, and knows nothing of the catalog, the notation, curves, reports or pictures.",
      severity: 'error',
      from: { path: '^src/config/' },
      to: { path: '^src/', pathNot: `^src/(config|dialects)/|^src/schedules/definition\\.[jt]s$|${CAPPED_READ}|${SHARED}` },
    },
    {
      name: 'only-the-cli-reads-configs',
      comment: 'Training files are read for the commands: nothing below the CLI reaches src/config/.',
      severity: 'error',
      from: { pathNot: '^src/(cli|config)/' },
      to: { path: '^src/config/' },
    },
    {
      name: 'nothing-below-the-cli-imports-it',
      severity: 'error',
      comment: 'The CLI is the top floor: nothing imports it, nor the library index.',
      from: { pathNot: '^src/cli/' },
      to: { path: '^src/cli/|^src/index\\.[jt]s$' },
    },
    {
      name: 'only-the-cli-speaks-to-the-terminal',
      severity: 'error',
      comment: 'Arguments, the terminal and commander belong to the CLI; lower floors take names and sizes from their caller.',
      from: { pathNot: '^src/cli/' },
      to: { path: '^(node:)?(tty|readline)$|(^|/)node_modules/commander/|^commander$' },
    },
  ],
};
