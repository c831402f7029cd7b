/**
 * Generators of hostile and ordinary input for the fuzz tests: parameter values of every kind a user or
 * a JSON file can produce, spec objects for any registered schedule, and the text forms of both.
 */
import fc from 'fast-check';
import type { ParamDef, ScheduleDefinition } from '../../src/schedules/definition.js';
import { catalog } from '../../src/catalog.js';

/** Numbers that break naive code: non-finite, signed zero, subnormal, beyond 2^53, at the float limits. */
export const trickyNumber = fc.constantFrom(
  NaN,
  Infinity,
  -Infinity,
  -0,
  0,
  5e-324,
  -5e-324,
  1e-300,
  1e300,
  1.7976931348623157e308,
  -1.7976931348623157e308,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  1e21,
  0.1,
  0.5,
  1,
  2,
  1e12,
  -1,
);

/** Text that looks almost like a number, or looks like one to `Number()` but is not one to a person. */
export const trickyText = fc.constantFrom(
  'NaN',
  'Infinity',
  '-Infinity',
  '1e400',
  '-1e400',
  '1e-400',
  '-0',
  '0x10',
  '0b101',
  '0o17',
  '',
  ' ',
  '\t1',
  '1_000',
  '1e',
  '.',
  '-',
  '+1',
  '1.',
  '.5',
  '١٢',
  '9'.repeat(400),
  '0.' + '0'.repeat(400) + '1',
  'true',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '[]',
  '{}',
  '1;2;3',
  'cos',
  'linear',
);

/** Keys that reach into prototypes when code treats an object as a dictionary carelessly. */
export const dangerousKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__');

/** Any JSON value, nested to any depth fast-check likes, with dangerous keys mixed in. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(trickyNumber.filter(Number.isFinite), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()),
    fc.oneof(trickyText, fc.string()),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(fc.oneof(dangerousKey, fc.string({ maxLength: 8 })), tie('value')), { maxLength: 4 }).map((entries) => Object.fromEntries(entries)),
  ),
})).value;

/** A value that type-checks nowhere or everywhere: what the library must survive for any parameter. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  trickyNumber,
  trickyText,
  fc.double(),
  fc.string({ maxLength: 12 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.oneof(trickyNumber, trickyText), { maxLength: 5 }),
  anyJson,
);

/** A number a definition accepts (or nearly: its bounds themselves are tried too). */
function numberFor(def: ParamDef): fc.Arbitrary<number> {
  const low = Math.max(def.min ?? (def.above !== undefined ? def.above : -1e6), -1e12);
  const high = Math.min(def.max ?? Math.max(low + 1, 1e6), 1e12);
  const edges = [def.min, def.max, def.above].filter((x): x is number => x !== undefined);
  const inside =
    def.type === 'integer'
      ? fc.integer({ min: Math.ceil(def.above !== undefined ? Math.max(low, def.above + 1) : low), max: Math.floor(high) })
      : fc.double({ min: low, max: high, noNaN: true, minExcluded: def.above !== undefined && def.above >= low });
  const small = fc.integer({ min: Math.max(0, Math.ceil(low)), max: Math.max(Math.ceil(low), Math.min(5000, Math.floor(high))) });
  return edges.length ? fc.oneof({ weight: 4, arbitrary: inside }, { weight: 1, arbitrary: fc.constantFrom(...edges) }, { weight: 4, arbitrary: small }) : fc.oneof(inside, small);
}

/** A value of the right type for the parameter, mostly inside its range. */
function plausibleValue(def: ParamDef, nested: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  switch (def.type) {
    case 'number':
    case 'integer':
      return fc.oneof(numberFor(def), numberFor(def).map(String));
    case 'boolean':
      return fc.constantFrom(true, false, 'true', 'False', '1', '0');
    case 'string':
      return def.choices ? fc.constantFrom(...def.choices) : fc.string({ maxLength: 10 });
    case 'numbers':
      return fc.oneof(
        fc.array(numberFor({ ...def, type: 'number' }), { maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 6 }).map((xs) => xs.sort((a, b) => a - b)),
        fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 6 }).map((xs) => xs.join(';')),
      );
    case 'schedule':
      return nested;
    case 'schedules':
      return fc.array(nested, { minLength: 1, maxLength: 3 });
    case 'object':
      return fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.integer({ min: 0, max: 3000 }), fc.string({ maxLength: 6 })), { maxKeys: 4 });
    case 'number-or-schedule':
      return fc.oneof(numberFor({ ...def, type: 'number' }), nested);
    case 'objects':
      return fc.array(fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.integer({ min: 0, max: 3000 }), fc.string({ maxLength: 6 }))), {
        minLength: 1,
        maxLength: 3,
      });
    default:
      // A parameter type added after these tests: hostile values at least.
      return hostileValue;
  }
}

/**
 * A spec object for `def`: each parameter absent, plausible or hostile, under its name or an alias,
 * sometimes with an unknown or dangerous key too. `nested` fills schedule-typed parameters.
 */
export function specFor(def: ScheduleDefinition, nested: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const entries = def.params.map((param) =>
    fc.option(
      fc.tuple(fc.constantFrom(param.name, ...(param.aliases ?? [])), fc.oneof({ weight: 8, arbitrary: plausibleValue(param, nested) }, { weight: 1, arbitrary: hostileValue })),
      // Required parameters are usually there, so that most specs get past the first check.
      { freq: param.default === undefined ? 10 : 2 },
    ),
  );
  const extra = fc.oneof(
    { weight: 5, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.tuple(fc.oneof(dangerousKey, fc.constantFrom('label', 'symbol'), fc.string({ maxLength: 6 })), hostileValue) },
  );
  return fc.tuple(fc.tuple(...entries), extra).map(([chosen, more]) => {
    const pairs: [string, unknown][] = [['type', def.name]];
    for (const entry of chosen) if (entry !== null && !pairs.some(([k]) => k === entry[0])) pairs.push(entry);
    if (more !== null && more[0] !== 'type') pairs.push(more);
    // fromEntries defines own properties: a "__proto__" key is data, as JSON.parse would make it.
    return Object.fromEntries(pairs);
  });
}

/** A spec for any registered schedule, nesting up to `depth` levels. */
export function anySpec(depth = 2): fc.Arbitrary<Record<string, unknown>> {
  const definitions = catalog.all();
  const leaf = fc.constantFrom(...definitions.filter((d) => !d.params.some((p) => p.type === 'schedule' || p.type === 'schedules')));
  const tier = (level: number): fc.Arbitrary<Record<string, unknown>> => {
    const nested = level <= 0 ? leaf.chain((d) => specFor(d, fc.constant({ type: 'constant' }))) : fc.constant(null).chain(() => tier(level - 1));
    return fc.constantFrom(...(level <= 0 ? definitions.filter((d) => !d.params.some((p) => p.type === 'schedule' || p.type === 'schedules')) : definitions)).chain((d) => specFor(d, nested));
  };
  return tier(depth);
}

/** The `NAME:key=value,...` form of a spec, values written the way a user would type them. */
export function asText(spec: Record<string, unknown>): string {
  const parts = Object.entries(spec)
    .filter(([key]) => key !== 'type')
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined'}`);
  return parts.length ? `${spec.type}:${parts.join(',')}` : String(spec.type);
}
