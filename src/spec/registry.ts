import type { Schedule } from '../schedules/schedule.js';
import type { ParamDef, ParamValue, SpecObject } from './params.js';

/** The parameters of one spec after checking, with typed accessors for definitions to read them by. */
export class Params {
  constructor(readonly values: Readonly<Record<string, ParamValue>>) {}
  num(name: string): number {
    return this.values[name] as number;
  }
  bool(name: string): boolean {
    return this.values[name] as boolean;
  }
  str(name: string): string {
    return this.values[name] as string;
  }
  nums(name: string): number[] {
    return this.values[name] as number[];
  }
  spec(name: string): SpecObject {
    return this.values[name] as SpecObject;
  }
  specs(name: string): SpecObject[] {
    return this.values[name] as SpecObject[];
  }
  objects(name: string): Record<string, unknown>[] {
    return this.values[name] as Record<string, unknown>[];
  }
  has(name: string): boolean {
    return this.values[name] !== undefined;
  }
}

export interface BuildContext {
  /** Length of the plot in steps: the default horizon of schedules that take one. */
  readonly steps: number;
  /** Names this spec in error messages, e.g. `schedule "cosine-warmup"`. */
  readonly where: string;
  /** A one-line error about this spec's parameters. */
  fail(message: string): never;
  /**
   * Builds a spec nested in this one (a part of a sequence, a framework's inner scheduler). A nested
   * object may name itself by `symbol` instead of `type`; `framework` then says whose symbol it is.
   */
  nested(spec: SpecObject, path: string, framework?: string): Schedule;
}

/** A named schedule users can ask for: its parameters, its documentation and how to build it. */
export interface ScheduleDefinition {
  /** `cosine-warmup`, or `framework.Symbol` for a dialect. */
  name: string;
  /** Undefined for lrviz's own schedules; `torch`, `hf`, ... for dialects. */
  framework?: string;
  /** Other names it answers to. */
  aliases?: readonly string[];
  /** One line on what it does. */
  summary: string;
  /** The formula, in the notation of `lrviz list`. */
  formula?: string;
  params: readonly ParamDef[];
  build(params: Params, ctx: BuildContext): Schedule;
}

const definitions = new Map<string, ScheduleDefinition>();
const byLooseName = new Map<string, ScheduleDefinition>();

/** Names compared loosely: case, "-" and "_" do not matter (`Cosine_Warmup` finds `cosine-warmup`). */
function loose(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

export function register(...defs: ScheduleDefinition[]): void {
  for (const def of defs) {
    if (definitions.has(def.name)) throw new Error(`schedule ${def.name} registered twice`);
    definitions.set(def.name, def);
    for (const name of [def.name, ...(def.aliases ?? [])]) byLooseName.set(loose(name), def);
  }
}

export function lookup(name: string): ScheduleDefinition | undefined {
  return definitions.get(name) ?? byLooseName.get(loose(name));
}

/** Every registered definition, lrviz's own first, then by framework, in registration order. */
export function allDefinitions(): ScheduleDefinition[] {
  return [...definitions.values()];
}
