// Schema of the profile (ajv): missing required field, wrong type, empty required string, unknown key with
// a did-you-mean, other constraint violations. Ajv's errors are turned into one precise diagnostic each.
import type { ErrorObject } from 'ajv';
import type { TaskInput } from '../taskInput';
import { knownKeys } from '../profile';
import { nearest } from '../similarity';
import { kindOf } from './notAnObject';

const TYPE_WORDS: Record<string, [string, string]> = {
  string: ['a string', '字符串'],
  number: ['a number', '数字'],
  integer: ['a whole number', '整数'],
  boolean: ['true or false', '布尔值'],
  array: ['a list', '列表'],
  object: ['an object', '对象'],
  null: ['null', 'null'],
};

function typeWords(t: string): [string, string] {
  const parts = t.split(',').map((p) => TYPE_WORDS[p] ?? [p, p]);
  return [parts.map((p) => p[0]).join(' or '), parts.map((p) => p[1]).join('或')];
}

/** The key a user probably meant: an alias of the profile, else the nearest unused known key. */
export function suggestKey(input: TaskInput, key: string): string | undefined {
  const { profile } = input;
  const present = new Set(Object.keys(input.value));
  const alias = profile.aliases?.[key] ?? profile.aliases?.[key.toLowerCase()];
  if (alias && !present.has(alias)) return alias;
  const candidates = knownKeys(profile).filter((k) => !present.has(k));
  return nearest(key, candidates, 1)[0];
}

function reasonOf(e: ErrorObject): [string, string] {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return [`must be ${p.comparison} ${p.limit}`, `必须 ${p.comparison} ${p.limit}`];
    case 'minItems':
      return [`must have at least ${p.limit} values`, `至少需要 ${p.limit} 个值`];
    case 'maxItems':
      return [`must have at most ${p.limit} values`, `最多允许 ${p.limit} 个值`];
    case 'enum':
      return [`must be one of ${JSON.stringify(p.allowedValues)}`, `必须是 ${JSON.stringify(p.allowedValues)} 之一`];
    case 'const':
      return [`must be ${JSON.stringify(p.allowedValue)}`, `必须是 ${JSON.stringify(p.allowedValue)}`];
    case 'pattern':
      return [`must match ${p.pattern}`, `必须符合 ${p.pattern}`];
    case 'maxLength':
      return [`must be at most ${p.limit} characters`, `最多 ${p.limit} 个字符`];
    case 'minLength':
      return [`must be at least ${p.limit} characters`, `至少 ${p.limit} 个字符`];
    default:
      return [e.message ?? 'is not valid', e.message ?? '无效'];
  }
}

/** Shared by every valid task: most lines report nothing, so they allocate nothing. */
const NOTHING: ReadonlySet<string> = new Set<string>();

/** Runs the compiled schema; returns the top-level fields it reported so later rules do not repeat them. */
export function checkSchema(input: TaskInput): ReadonlySet<string> {
  const { value, profile, rep } = input;
  if (input.validateSchema(value)) return NOTHING;
  const reported = new Set<string>();
  const errors = input.validateSchema.errors ?? [];
  const missing: string[] = [];
  for (const e of errors) {
    const path = e.instancePath.split('/').slice(1);
    const field = path[0] !== undefined ? path[0].replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
    const p = e.params as Record<string, unknown>;
    if (e.keyword === 'required' && field === undefined) {
      missing.push(String(p.missingProperty));
      continue;
    }
    if (e.keyword === 'additionalProperties' && field === undefined) {
      const key = String(p.additionalProperty);
      const m = input.member(key);
      const suggestion = suggestKey(input, key);
      const known = knownKeys(profile).join(', ');
      rep.report(
        'unknown-key',
        m ? m.keyStart : input.objStart,
        m ? m.keyEnd : input.objEnd,
        { key, profile: profile.id, known, ...(suggestion ? { suggestion } : {}) },
        { key, ...(suggestion ? { suggestion } : {}) },
        profile.unknownKeys,
      );
      continue;
    }
    if (field === undefined) {
      const [reason, reasonZh] = reasonOf(e);
      rep.report('invalid-value', input.objStart, input.objEnd, { field: '(task)', reason, reasonZh }, { keyword: e.keyword });
      continue;
    }
    if (reported.has(field)) continue;
    reported.add(field);
    const m = input.member(field);
    const start = m ? m.valueStart : input.objStart;
    const end = m ? m.valueEnd : input.objEnd;
    const actualValue = value[field];
    if (e.keyword === 'type' && path.length === 1) {
      const [expected, expectedZh] = typeWords(String(p.type));
      const actual = kindOf(actualValue);
      const [actualEn, actualZh] = TYPE_WORDS[actual] ?? [actual, actual];
      const fix =
        String(p.type).startsWith('string') && (typeof actualValue === 'number' || typeof actualValue === 'boolean')
          ? JSON.stringify(String(actualValue))
          : undefined;
      rep.report(
        'wrong-type',
        start,
        end,
        { field, expected, expectedZh, actual: actualEn, actualZh },
        { field, expected: String(p.type), actual, ...(fix ? { replacement: fix } : {}) },
      );
    } else if (e.keyword === 'minLength' && path.length === 1 && actualValue === '') {
      const isText = field === profile.fields.text || field === profile.fields.textFile;
      rep.report(isText ? 'empty-text' : 'empty-field', start, end, { field }, { field });
    } else {
      const [reason, reasonZh] = reasonOf(e);
      const where = path.length > 1 ? `${field}[${path.slice(1).join('][')}]` : field;
      rep.report('invalid-value', start, end, { field: where, reason, reasonZh }, { field, keyword: e.keyword, path: e.instancePath });
    }
  }
  for (const field of missing) {
    reported.add(field);
    // A misspelt key is the usual cause: point at it so the quick fix can rename it.
    let rename: string | undefined;
    for (const key of Object.keys(value)) {
      if (knownKeys(profile).includes(key)) continue;
      if (suggestKey(input, key) === field) {
        rename = key;
        break;
      }
    }
    rep.report(
      'missing-field',
      input.objStart,
      input.objEnd,
      { field, profile: profile.id, ...(rename ? { suggestion: rename } : {}) },
      { field, ...(rename ? { rename } : {}) },
    );
  }
  return reported;
}
