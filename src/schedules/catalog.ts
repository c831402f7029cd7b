import type { ScheduleDefinition } from './definition.js';

/** Names compared loosely: case, "-" and "_" do not matter (`Cosine_Warmup` finds `cosine-warmup`). */
function loose(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

/**
 * Schedule definitions by name: what the notation looks names up in, `lrviz list` prints and `check` reads.
 * A catalog never changes once made; `with` makes a new one that also holds the definitions given.
 */
export class Catalog {
  readonly #byName = new Map<string, ScheduleDefinition>();
  readonly #byLooseName = new Map<string, ScheduleDefinition>();

  constructor(definitions: Iterable<ScheduleDefinition>) {
    for (const definition of definitions) {
      if (this.#byName.has(definition.name)) throw new Error(`schedule ${definition.name} defined twice`);
      this.#byName.set(definition.name, definition);
      for (const name of [definition.name, ...(definition.aliases ?? [])]) this.#byLooseName.set(loose(name), definition);
    }
  }

  /** The definition named exactly, else the one whose name or alias matches loosely. */
  lookup(name: string): ScheduleDefinition | undefined {
    return this.#byName.get(name) ?? this.#byLooseName.get(loose(name));
  }

  /** Every definition in the order given: lrviz's own first, then by framework. */
  all(): ScheduleDefinition[] {
    return [...this.#byName.values()];
  }

  /** Whose schedules it holds: `lrviz` for lrviz's own, then each framework in the order of its definitions. */
  frameworks(): string[] {
    return [...new Set(this.all().map((d) => d.framework ?? 'lrviz'))];
  }

  /** A new catalog holding these definitions after this one's (a name defined twice is an error). */
  with(...definitions: ScheduleDefinition[]): Catalog {
    return new Catalog([...this.#byName.values(), ...definitions]);
  }
}
