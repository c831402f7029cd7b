/**
 * The spec parser against any text: every `-s` argument either parses into spec objects or is refused
 * with one LrvizError line; JSON specs survive the parser unchanged; dangerous keys stay plain data.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LrvizError } from '../../src/errors.js';
import { buildSchedule } from '../../src/notation/build.js';
import { parseSpecArgument, type ParsedSpec } from '../../src/notation/parse.js';
import { anyJson, anySpec, asText, dangerousKey, hostileValue, trickyText } from './arbitraries.js';
import { onlyLrvizErrors } from './refusals.js';
import { catalog } from '../../src/catalog.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lrviz-fuzz-spec-'));
});

afterEach(() => {
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/** What parsing may return: specs that are plain objects naming a schedule. */
function checkParsed(parsed: ParsedSpec[]): void {
  expect(parsed.length).toBeGreaterThan(0);
  for (const { spec, source } of parsed) {
    expect(typeof spec).toBe('object');
    expect(Array.isArray(spec)).toBe(false);
    expect(typeof spec.type === 'string' || typeof spec.symbol === 'string').toBe(true);
    expect(typeof source).toBe('string');
  }
}

/** Text shaped like a spec: a name, then key=value pairs with any of the tricky values. */
const specLikeText = fc
  .tuple(
    fc.oneof(fc.constantFrom('cosine', 'cosine-warmup', 'torch.StepLR', 'hf.linear', 'sequence', ''), fc.string({ maxLength: 8 })),
    fc.array(fc.tuple(fc.oneof(dangerousKey, fc.constantFrom('lr', 'warmup', 'label', 'type', 'milestones', ''), fc.string({ maxLength: 5 })), fc.oneof(trickyText, fc.string({ maxLength: 8 }), anyJson.map((v) => JSON.stringify(v)))), {
      maxLength: 5,
    }),
    fc.constantFrom(',', ', ', ',,'),
  )
  .map(([name, pairs, separator]) => `${name}:${pairs.map(([k, v]) => `${k}=${v}`).join(separator)}`);

describe('parseSpecArgument', () => {
  it('parses or refuses any string in one line', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), specLikeText, anyJson.map((v) => JSON.stringify(v))), (argument) => {
        onlyLrvizErrors(() => checkParsed(parseSpecArgument(argument)), argument);
      }),
      { numRuns: 800 },
    );
  });

  it('parses then builds, or refuses in one line, any spec written as text', () => {
    fc.assert(
      fc.property(anySpec(1), fc.integer({ min: 1, max: 2000 }), (spec, steps) => {
        const text = asText(spec);
        onlyLrvizErrors(() => {
          for (const { spec: parsed } of parseSpecArgument(text)) buildSchedule(catalog, parsed, steps);
        }, text);
      }),
      { numRuns: 500 },
    );
  });

  it('reads a JSON spec back exactly as written, dangerous keys included', () => {
    const jsonSafe = anySpec(1).filter((spec) => JSON.stringify(spec) !== undefined && JSON.parse(JSON.stringify(spec)) !== null);
    fc.assert(
      fc.property(jsonSafe, (spec) => {
        const text = JSON.stringify(spec);
        const [parsed] = parseSpecArgument(text);
        expect(parsed.spec).toEqual(JSON.parse(text));
        expect(Object.getPrototypeOf(parsed.spec)).toBe(Object.prototype);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps __proto__ and constructor as data and refuses them as unknown parameters', () => {
    const attempts = [
      'cosine:__proto__={"polluted":1}',
      'cosine:constructor={"prototype":{"polluted":1}}',
      'cosine:lr=0.1,__proto__=1',
      '{"type":"cosine","__proto__":{"polluted":1}}',
      '{"type":"cosine","constructor":{"prototype":{"polluted":1}}}',
      '[{"type":"scale","factor":1,"schedule":{"type":"cosine","__proto__":{"polluted":1}}}]',
      '__proto__:lr=1',
      'constructor',
    ];
    for (const argument of attempts) {
      let message = '';
      try {
        for (const { spec } of parseSpecArgument(argument)) {
          expect(Object.getPrototypeOf(spec)).toBe(Object.prototype);
          buildSchedule(catalog, spec, 100);
        }
      } catch (error) {
        expect(error).toBeInstanceOf(LrvizError);
        message = (error as Error).message;
      }
      expect(message, argument).toMatch(/unknown (parameter|schedule) "(__proto__|constructor)"/);
    }
  });

  it('refuses JSON nested deeper than the limit, however deep, in one line', () => {
    for (const depth of [101, 1000, 300_000]) {
      const arrays = '['.repeat(depth) + ']'.repeat(depth);
      for (const argument of [arrays, `{"type":"constant","label":${arrays}}`, `constant:x=${arrays}`]) {
        expect(() => parseSpecArgument(argument)).toThrow(/JSON nested more than 100 levels deep/);
      }
    }
    // Deep but legitimate: 30 schedules inside one another parse and build.
    let spec: Record<string, unknown> = { type: 'constant', lr: 0.1 };
    for (let i = 0; i < 30; i++) spec = { type: 'sequence', parts: [spec, { type: 'constant' }], boundaries: [10] };
    const [parsed] = parseSpecArgument(JSON.stringify(spec));
    expect(buildSchedule(catalog, parsed.spec, 100).schedule.lr(0)).toBe(0.1);
  });
});

describe('@file', () => {
  it('refuses a folder, a missing file, a huge file and a file that is not JSON, in one line', () => {
    const folder = join(dir, 'folder.json');
    mkdirSync(folder);
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, `{"type":"constant","label":"${'x'.repeat(2 << 20)}"}`);
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, 'type: cosine\nlr: 0.1\n');
    const binary = join(dir, 'binary.json');
    writeFileSync(binary, Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x80]));
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '');
    const cases: [string, RegExp][] = [
      [`@${folder}`, /is a folder/],
      [`@${join(dir, 'missing.json')}`, /cannot read the file \(ENOENT\)/],
      [`@${join(dir, 'not.json', 'inside.json')}`, /cannot read the file \(ENOTDIR\)/],
      [`@${huge}`, /at most 1048576/],
      [`@${notJson}`, /malformed JSON/],
      [`@${binary}`, /malformed JSON/],
      [`@${empty}`, /malformed JSON/],
      ['@', /a file name must follow "@"/],
    ];
    for (const [argument, message] of cases) {
      expect(() => parseSpecArgument(argument), argument).toThrow(LrvizError);
      expect(() => parseSpecArgument(argument), argument).toThrow(message);
    }
  });

  it('parses or refuses any JSON a file can hold', () => {
    const file = join(dir, 'any.json');
    fc.assert(
      fc.property(fc.oneof(anyJson, anySpec(1), fc.array(anySpec(0), { maxLength: 3 }), hostileValue), (value) => {
        writeFileSync(file, JSON.stringify(value) ?? '');
        onlyLrvizErrors(() => {
          for (const { spec } of parseSpecArgument(`@${file}`)) buildSchedule(catalog, spec, 50);
        }, value);
      }),
      { numRuns: 300 },
    );
  });
});
