import { catalog } from '../catalog.js';
import type { ScheduleDefinition } from '../schedules/definition.js';

export function lookup(name: string): ScheduleDefinition | undefined {
  return catalog.lookup(name);
}

/** Every definition, lrviz's own first, then by framework. */
export function allDefinitions(): ScheduleDefinition[] {
  return catalog.all();
}
