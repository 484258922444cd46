// Hostile input for the fuzz suites, as fast-check arbitraries: wrong types, missing and extra fields,
// huge strings, deep nesting, prototype keys, path traversal, invalid UTF-8 and wrong content types.
// A body is drawn as the value to send plus how to encode it, so a case prints readably when it fails.
import fc from 'fast-check';

/** A nested array `depth` levels deep, written into the JSON text without building it in memory twice. */
export interface Deep {
  deep: number;
}
const DEEP_MARK = '@@deep-nest@@';

export const traversal = fc.constantFrom(
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%2F..%2Fpackage.json',
  '....//....//etc/passwd',
  '/etc/passwd',
  'C:\\Windows\\System32',
  '\\\\server\\share',
  'CON',
  'NUL.pdf',
  'a\u0000.pdf',
  '.',
  '..',
  '~/.ssh/id_rsa',
  'file:///etc/passwd',
);
export const nasty = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uFFFF',
  '\u202Eexe.pdf',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'NaN',
  'null',
  'true',
  '-1',
  '1e309',
  '0x10',
  '   padded   ',
  'ｆｕｌｌｗｉｄｔｈ',
  '管理員',
  '🦄'.repeat(50),
);
export const hugeString = fc.integer({ min: 10_001, max: 400_000 }).map((n) => 'x'.repeat(n));
/** Percent-encodes any string (a lone surrogate becomes U+FFFD, as a browser would send it). */
export const percentEncode = (s: string): string =>
  [...Buffer.from(s, 'utf8')]
    .map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');

export const hostileString = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 40 }), traversal, nasty, hugeString);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-1, 0, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308)) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false) },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 5 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 200_000 }).map((deep): Deep => ({ deep })) },
);

/** An object with the schema's own keys (some missing, some extra), each holding a hostile value. */
export const hostileObject = (keys: readonly string[]): fc.Arbitrary<Record<string, unknown>> =>
  fc.dictionary(
    fc.oneof(fc.constantFrom(...(keys.length ? keys : ['x']), '__proto__', 'constructor', 'prototype'), fc.string({ maxLength: 8 })),
    hostileValue,
    { maxKeys: keys.length + 2 },
  );

/** A valid value with one field dropped or replaced by a hostile one. */
export const mutated = (template: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> => {
  const keys = Object.keys(template);
  return fc.oneof(
    fc.constantFrom(...keys).map((k) => {
      const { [k]: _dropped, ...rest } = template;
      return rest;
    }),
    fc.tuple(fc.constantFrom(...keys), hostileValue).map(([k, v]) => ({ ...template, [k]: v })),
  );
};

export type Encoding = 'json' | 'text' | 'form' | 'multipart' | 'pdf' | 'octet' | 'none' | 'json-charset' | 'xml';
export const CONTENT_TYPES: Record<Encoding, string | null> = {
  json: 'application/json',
  'json-charset': 'application/json; charset=utf-16',
  text: 'text/plain',
  form: 'application/x-www-form-urlencoded',
  multipart: 'multipart/form-data; boundary=xyz',
  pdf: 'application/pdf',
  octet: 'application/octet-stream',
  none: null,
  xml: 'application/xml',
};

/** Raw bodies no JSON parser should accept quietly: invalid UTF-8, truncated, BOM, prototype pollution. */
export const rawBodies = fc.constantFrom(
  Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
  Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]),
  Buffer.from('{"a":'),
  Buffer.from('\uFEFF{}'),
  Buffer.from('{"__proto__":{"admin":true}}'),
  Buffer.from('{"constructor":{"prototype":{"polluted":1}}}'),
  Buffer.from('[]'),
  Buffer.from('null'),
  Buffer.from('"string"'),
  Buffer.from('{"a":1,"a":2}'),
  Buffer.from('\u0000\u0000\u0000'),
  Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
);

/** The JSON text of `value`, with every Deep marker written out as a nested array. */
export function toJson(value: unknown): string {
  const depths: number[] = [];
  const text =
    JSON.stringify(value, (_k, v: unknown) => {
      if (isDeep(v)) {
        depths.push(v.deep);
        return DEEP_MARK;
      }
      return v;
    }) ?? 'null';
  let i = 0;
  return text.replaceAll(`"${DEEP_MARK}"`, () => {
    const d = depths[i++]!;
    return '['.repeat(d) + ']'.repeat(d);
  });
}

const isDeep = (v: unknown): v is Deep => !!v && typeof v === 'object' && Object.keys(v).length === 1 && typeof (v as Deep).deep === 'number';

/** The value a JSON parser would see (a deep nest stands in as a short one), for the schema check that predicts the answer. */
export function parsedValue(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (isDeep(v) ? [[[]]] : v)) ?? 'null');
}

/** A case as short readable text: long strings cut, with their length. */
export function brief(value: unknown): string {
  return (
    JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v === 'string' && v.length > 60) return `${v.slice(0, 40)}…(${v.length} chars)`;
      if (Buffer.isBuffer(v) || v instanceof Uint8Array) return `<${v.byteLength} bytes: ${Buffer.from(v).subarray(0, 24).toString('hex')}…>`;
      if (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer') return `<bytes>`;
      return v;
    }) ?? String(value)
  );
}

/** Runs a property and, when it fails, throws with the shrunk case in brief and the seed to replay it. */
export async function checkProperty<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, numRuns: number): Promise<void> {
  const result = await fc.check(fc.asyncProperty(arbitrary, predicate), { numRuns });
  if (!result.failed) return;
  const cause = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
  throw new Error(
    `failed after ${result.numRuns} cases (seed ${result.seed}, path ${result.counterexamplePath}):\n  case: ${brief(result.counterexample?.[0])}\n  ${cause.slice(0, 1_500)}`,
  );
}
