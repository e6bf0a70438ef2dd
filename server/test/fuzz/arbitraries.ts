import fc from 'fast-check';

/** The part of JSON Schema (as zod's toJSONSchema writes it) the generators read. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
};

/** Strings no well-behaved client sends: control characters, NUL, broken Unicode, injection shapes. */
export const ODD_STRINGS: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '鹰潭\u0000铜业',
  '\u0001\u0002\u0003',
  '\u001b[31m',
  '\u007f',
  '\u0085\u009f',
  '\ud800',
  'x\udfffy',
  '\ufffe\uffff',
  '\u202e\u202d逆序',
  'e\u0301\u0301\u0301',
  '😀𠀀',
  '',
  ' ',
  '\t\r\n',
  "' OR '1'='1' --",
  "'; DROP TABLE users; --",
  '$1::text',
  '%00',
  '%',
  '\\',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x","y")',
  '{{7*7}}',
  '__proto__',
  'null',
  'NaN',
  '-1',
  '9999999999999999999999',
  '2026-02-30',
  '0000-00-00',
  '9999-12-31T99:99:99Z',
];

export const BOUNDARY_NUMBERS: readonly number[] = [0, -0, -1, 1, 0.5, -0.5, 2_147_483_647, 2_147_483_648, -2_147_483_649, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 5e-324];

export const EXTRA_KEYS: readonly string[] = ['park_id', 'parkId', 'id', 'status', 'createdBy', 'roles', 'enterpriseId', 'amountFen', '__proto__', 'constructor', 'isAdmin'];

const oddString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 200_000 }).map((n) => '长'.repeat(n)) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', '\u0007', '\ud83d')).map(([a, b]) => `${a}${b}${a}`) },
);

const boundaryNumber = fc.oneof(fc.constantFrom(...BOUNDARY_NUMBERS), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());

function deepNesting(levels: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Any value at all, leaning towards the ones that break servers. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: oddString },
  { weight: 3, arbitrary: boundaryNumber },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, false, {}, [], [null], { '': '' }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => i)) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => Array.from({ length: n }, () => 'x')) },
  { weight: 1, arbitrary: fc.integer({ min: 40, max: 3_000 }).map(deepNesting) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
);

export type Pools = {
  /** Ids that exist (harvested from the app's answers). */
  ids: string[];
};

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type ? [schema.type] : [];
}

/** A value the schema accepts (as far as its JSON Schema tells): gets requests past validation. */
export function validValue(schema: JsonSchema | undefined, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.constant(undefined);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union?.length) return fc.oneof(...union.map((s) => validValue(s, pools, depth + 1)));
  if (schema.allOf?.length) return validValue(Object.assign({}, ...schema.allOf) as JsonSchema, pools, depth + 1);
  const types = typesOf(schema);
  const type = types.find((t) => t !== 'null') ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'object': {
      const props = schema.properties ?? {};
      const keys = Object.keys(props);
      if (!keys.length) return fc.constant({});
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const key of keys) model[key] = validValue(props[key], pools, depth + 1);
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => keys.includes(k)) });
    }
    case 'array': {
      const min = schema.minItems ?? 0;
      const max = Math.min(schema.maxItems ?? min + 3, min + 3);
      return fc.array(validValue(schema.items, pools, depth + 1), { minLength: min, maxLength: max });
    }
    case 'integer': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : min + 1_000_000);
      return fc.integer({ min: Math.ceil(Math.max(min, -(2 ** 31))), max: Math.floor(Math.min(max, 2 ** 31)) });
    }
    case 'number': {
      const min = schema.minimum ?? schema.exclusiveMinimum ?? 0;
      const max = schema.maximum ?? schema.exclusiveMaximum ?? min + 1_000_000;
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'string':
      return validString(schema, pools);
    default:
      return fc.constantFrom<unknown>('测试', 1, true);
  }
}

function validString(schema: JsonSchema, pools: Pools): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return pools.ids.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pools.ids) }, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid();
    case 'date':
      return fc.date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc.date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'email':
      return fc.constant('test@example.com');
    default:
      break;
  }
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 200));
    } catch {
      /* a pattern JavaScript cannot read: fall through */
    }
  }
  const min = schema.minLength ?? 1;
  const max = Math.max(min, Math.min(schema.maxLength ?? 20, 40));
  return fc.oneof(fc.constantFrom('鹰潭测试铜业有限公司', '测试说明内容', 'abc123', '2026-11-30', '13800138000'), fc.string({ minLength: min, maxLength: max })).filter(
    (s) => s.length >= min && s.length <= (schema.maxLength ?? Infinity),
  );
}

/**
 * A value the schema should refuse or that probes its edges: the whole value replaced, one
 * property (at any depth) replaced by a hostile value, a required key dropped, or extra keys.
 */
export function mutatedValue(schema: JsonSchema | undefined, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  const props = schema?.properties ?? {};
  const keys = Object.keys(props);
  const options: fc.Arbitrary<unknown>[] = [hostileValue];
  if (schema && keys.length && depth < 4) {
    const base = validValue(schema, pools, depth) as fc.Arbitrary<Record<string, unknown>>;
    options.push(
      fc.tuple(base, fc.constantFrom(...keys)).chain(([value, key]) =>
        mutatedValue(props[key], pools, depth + 1).map((bad) => ({ ...(value ?? {}), [key]: bad })),
      ),
      fc.tuple(base, fc.constantFrom(...keys)).map(([value, key]) => {
        const copy = { ...(value ?? {}) };
        delete copy[key];
        return copy;
      }),
      fc.tuple(base, fc.constantFrom(...EXTRA_KEYS), hostileValue).map(([value, key, bad]) => {
        const copy = { ...(value ?? {}) };
        Object.defineProperty(copy, key, { value: bad, enumerable: true, configurable: true, writable: true });
        return copy;
      }),
    );
  }
  if (schema && typesOf(schema).includes('array') && schema.items) {
    options.push(fc.array(mutatedValue(schema.items, pools, depth + 1), { minLength: 1, maxLength: 3 }));
  }
  return fc.oneof(...options);
}

/** Query strings: each value a string as a browser sends it; hostile values include raw bad percent-encodings. */
export function queryString(schema: JsonSchema | undefined, pools: Pools, hostile: boolean): fc.Arbitrary<string> {
  const props = schema?.properties ?? {};
  const keys = Object.keys(props);
  const encode = (v: unknown): string => {
    const text = typeof v === 'string' ? v : JSON.stringify(v) ?? '';
    try {
      return encodeURIComponent(text);
    } catch {
      return text.replace(/[^\w-]/g, (c) => `%${(c.charCodeAt(0) & 0xff).toString(16).padStart(2, '0')}`);
    }
  };
  const pair = (key: string, value: unknown) => `${encodeURIComponent(key)}=${encode(value)}`;
  const rawBad = fc.constantFrom('%00', '%FF', '%E4%B8', '%', '%zz', '%C0%80', '%ED%A0%80', '%0A%0D', '%EF%BF%BF');
  const valid = fc.record(Object.fromEntries(keys.map((k) => [k, validValue(props[k], pools)]))).map((o) =>
    Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => (Array.isArray(v) ? v.map((x) => pair(k, x)).join('&') : pair(k, v)))
      .join('&'),
  );
  if (!hostile) return valid;
  const key = keys.length ? fc.constantFrom(...keys) : fc.constantFrom('q', 'page', 'x');
  return fc.oneof(
    fc.tuple(valid, key, hostileValue).map(([v, k, bad]) => [v, Array.isArray(bad) ? bad.slice(0, 300).map((x) => pair(k, x)).join('&') : pair(k, bad)].filter(Boolean).join('&')),
    fc.tuple(valid, key, rawBad).map(([v, k, bad]) => [v, `${encodeURIComponent(k)}=${bad}`].filter(Boolean).join('&')),
    fc.tuple(valid, fc.constantFrom(...EXTRA_KEYS)).map(([v, k]) => [v, `${encodeURIComponent(k)}=1`].filter(Boolean).join('&')),
    fc.tuple(key, fc.integer({ min: 2, max: 50 })).map(([k, n]) => Array.from({ length: n }, (_, i) => pair(k, String(i))).join('&')),
  );
}

/** Path parameters: existing ids, unknown ids and garbage. */
export function pathValue(schema: JsonSchema | undefined, candidates: string[], pools: Pools): fc.Arbitrary<string> {
  const garbage = fc.constantFrom('0', '-1', 'null', 'undefined', '%00', '%FF', '..%2F..%2Fetc', "1'%20OR%20'1'%3D'1", 'a'.repeat(300), '%E2%80%AE', '00000000-0000-0000-0000-000000000000');
  const good = candidates.length ? fc.constantFrom(...candidates) : (validValue(schema, pools) as fc.Arbitrary<unknown>).map((v) => encodeURIComponent(String(v ?? 'x')));
  return fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: fc.uuid() }, { weight: 2, arbitrary: garbage });
}
