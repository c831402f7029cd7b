import { FieldError, LrvizError, shown, type FieldNamer, type Words } from '../errors.js';
import type { Schedule } from '../schedules/schedule.js';
import { acceptsNone, describeDefault, None, type BuildContext, type ParamValue, type RunFacts, type ScheduleDefinition, type SpecObject } from '../schedules/definition.js';
import type { Catalog } from '../schedules/catalog.js';
import { isPlainObject } from '../json.js';
import { readParam } from './params.js';
import { dialectName, frameworkName, suggestionKey } from './copied-names.js';
import { didYouMean, nearestSchedule } from './suggest.js';

/** Keys every spec may carry besides its schedule's parameters. */
const SPEC_KEYS = new Set(['type', 'symbol', 'label']);

/** Nesting deeper than this is surely a mistake (or an attack on the stack). */
const MAX_DEPTH = 32;

export interface BuiltSchedule {
  schedule: Schedule;
  /** The spec with every parameter resolved: defaults filled in, numbers as numbers. */
  resolved: SpecObject;
  definition: ScheduleDefinition;
  /** Parameters the user gave that the framework accepts but never uses, with why. */
  ineffective: { name: string; value: ParamValue; why: string }[];
}

/**
 * Turns a spec object into a schedule: finds its definition in the catalog, checks every parameter
 * (unknown keys, types, ranges), fills defaults, then lets the definition compose the schedule. All
 * failures are one-line LrvizErrors that name the schedule, the parameter, the value and what is allowed.
 * `where` names the spec in them (`schedule` unless the caller says otherwise); `run` is what the command line
 * knows about the run that a computed default may take (its `stepsPerEpoch`, its `dtype`). Errors that name
 * `steps` or a field of `run` are FieldErrors, for the caller to name those its own way.
 */
export function buildSchedule(catalog: Catalog, spec: SpecObject, steps: number, where = 'schedule', run: RunFacts = {}): BuiltSchedule {
  return buildNested(catalog, spec, steps, where, 0, run);
}

/** `framework`: whose symbol a nested `{"symbol": ...}` names. */
function buildNested(catalog: Catalog, spec: SpecObject, steps: number, where: string, depth: number, run: RunFacts, framework?: string): BuiltSchedule {
  if (depth > MAX_DEPTH) throw new LrvizError(`${where}: schedules nested more than ${MAX_DEPTH} deep`);
  const definition = resolveDefinition(catalog, spec, where, framework);
  const context = nestedContext(where, definition.name, depth);
  const known = new Map<string, string>();
  for (const param of definition.params) {
    known.set(param.name, param.name);
    for (const alias of param.aliases ?? []) known.set(alias, param.name);
  }
  const given: Record<string, ParamValue | undefined> = Object.create(null);
  const saidNone = new Set<string>();
  for (const [key, raw] of Object.entries(spec)) {
    if (SPEC_KEYS.has(key)) continue;
    const name = known.get(key);
    if (name === undefined) {
      const names = definition.params.map((p) => p.name);
      throw new LrvizError(
        `${context}: unknown parameter ${shown(key)}${didYouMean(key, known.keys())}; its parameters are ${names.join(', ') || '(none)'}`,
      );
    }
    if (name in given || saidNone.has(name)) throw new LrvizError(`${context}: parameter ${name} given twice (as ${shown(key)} too)`);
    const param = definition.params.find((p) => p.name === name)!;
    // The framework's None: as if the parameter were left out, so its default (or None) applies.
    if (acceptsNone(param) && isNone(raw)) {
      saidNone.add(name);
      continue;
    }
    given[name] = readParam(context, param, raw);
  }
  for (const param of definition.params) {
    // A parameter that never has an effect is only ever recorded when given, never defaulted.
    if (param.name in given || param.noEffect !== undefined) continue;
    if (param.default === undefined) {
      throw new LrvizError(`${context}: missing parameter ${param.name} (${param.doc})`);
    }
    // None leaves the parameter unset, as in the framework.
    const value = param.default === None ? undefined : typeof param.default === 'function' ? param.default(given, steps, run) : param.default;
    // A default computed from huge parameters can overflow, and would print as null in JSON.
    if (typeof value === 'number' && !Number.isFinite(value)) {
      // Its defaultText may name the run's length (`{steps}`): a FieldError, for the caller to name it.
      const said = (name: FieldNamer): string => (param.defaultText === undefined ? 'its default' : describeDefault(param, name));
      throw new FieldError((name) => `${context}: ${param.name} = ${said(name)} comes out as ${value}, not a finite number; give ${param.name} or smaller values`);
    }
    given[param.name] = value;
  }
  const ctx: BuildContext = {
    steps,
    where: context,
    fail(message: string | Words): never {
      if (typeof message === 'string') throw new LrvizError(`${context}: ${message}`);
      throw new FieldError((name) => `${context}: ${message(name)}`);
    },
    nested(inner: SpecObject, path: string, innerFramework?: string): Schedule {
      return buildNested(catalog, inner, steps, `${context} ${path}`, depth + 1, run, innerFramework).schedule;
    },
  };
  const schedule = definition.build(given, ctx);
  const resolved: SpecObject = { type: definition.name, ...given };
  if (typeof spec.label === 'string') resolved.label = spec.label;
  const ineffective = definition.params.flatMap((param) => {
    const value = given[param.name];
    return param.noEffect !== undefined && Object.hasOwn(spec, param.name) && value !== undefined ? [{ name: param.name, value, why: param.noEffect }] : [];
  });
  return { schedule, resolved, definition, ineffective };
}

/** Python's None as a user writes it: `None` or `null` in text, null in JSON. */
function isNone(raw: unknown): boolean {
  return raw === null || raw === 'None' || raw === 'null';
}

function resolveDefinition(catalog: Catalog, spec: SpecObject, where: string, framework?: string): ScheduleDefinition {
  if (!isPlainObject(spec)) throw new LrvizError(`${where}: expected a schedule object {"type": ...}, got ${shown(spec)}`);
  const name = typeof spec.type === 'string' ? spec.type : typeof spec.symbol === 'string' ? spec.symbol : undefined;
  if (name === undefined) throw new LrvizError(`${where}: ${shown(spec)} has no "type" naming the schedule (see lrviz list)`);
  // As copied from code: `torch.optim.lr_scheduler.CosineAnnealingLR`, `transformers.get_..._schedule`.
  const copied = dialectName(name);
  const definition =
    (framework && !name.includes('.') ? catalog.lookup(`${framework}.${name}`) : undefined) ?? catalog.lookup(name) ?? catalog.lookup(copied);
  if (definition === undefined) {
    const alone = frameworkName(name);
    if (alone !== undefined) {
      throw new LrvizError(`${where}: ${shown(name)} is a framework, not a schedule; name one of its schedulers, e.g. ${firstOf(catalog, alone)} ("lrviz list ${alone}" shows them all)`);
    }
    const candidates = catalog
      .all()
      .filter((d) => framework === undefined || d.framework === framework || d.framework === undefined)
      .flatMap((d) => [d.name, ...(d.aliases ?? [])]);
    const guess = nearestSchedule(framework && !copied.includes('.') ? `${framework}.${copied}` : suggestionKey(copied, catalog.frameworks()), candidates);
    const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
    throw new LrvizError(`${where}: unknown schedule ${shown(name)}${hint}; run "lrviz list" to see them all`);
  }
  return definition;
}

/**
 * Where an error sits in nested schedules, said once: the outermost schedule, how deep, and the one at
 * fault (`schedule "scale" > 38 levels > schedule "cosine"`), never 40 repetitions of the path.
 */
function nestedContext(where: string, name: string, depth: number): string {
  const full = `${where} "${name}"`;
  if (depth < 3) return full;
  const outermost = /^[^"]*"[^"]*"/.exec(where)?.[0] ?? where;
  return `${outermost} > ${depth - 1} levels > schedule "${name}"`;
}

/** A framework's first scheduler, to show what a name of it looks like. */
function firstOf(catalog: Catalog, framework: string): string {
  return catalog.all().find((d) => d.framework === framework)?.name ?? `${framework}.<symbol>`;
}
