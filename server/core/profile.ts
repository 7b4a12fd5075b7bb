// Profiles: which task-file dialect a file is written in. Each one is a JSON Schema file with an "x-tts-batch"
// block naming the field roles, so users can describe their own dialect without touching code.
import ttsBatchSchema from '../../schemas/tts-batch.schema.json';
import glmTtsSchema from '../../schemas/glm-tts.schema.json';
import indexTts2Schema from '../../schemas/indextts2.schema.json';
import { parseJson } from './safeParse';
import { compileSchema } from './schemaCompiler';

export interface ProfileFields {
  promptAudio?: string;
  promptText?: string;
  text?: string;
  textFile?: string;
  outputName?: string;
}

export interface Profile {
  id: string;
  title: string;
  /** JSON Schema of one task object (ajv). */
  schema: object;
  fields: ProfileFields;
  /** How relative audio paths resolve: against the project root or the task file's folder. */
  pathBase: 'project' | 'taskFile';
  blankLines: 'ignore' | 'error';
  /** Severity of keys the schema does not know (GLM-TTS drops them silently, IndexTTS2 refuses them). */
  unknownKeys?: 'error' | 'warning';
  /** What the output field holds: a file stem, a path (relative, with extension), or an id turned into a name. */
  output?: 'name' | 'path' | 'id';
  /** Common misspellings or other dialects' names → the key this profile expects (did-you-mean). */
  aliases?: Record<string, string>;
  /** More fields holding audio paths that must exist (e.g. IndexTTS2's emotion_audio). */
  audioFields?: string[];
  /** Groups of fields of which at most one may be present. */
  exclusive?: string[][];
  /** Groups of fields of which exactly one must be present. */
  oneOf?: string[][];
  /** Numeric-array fields whose values must sum to at most this. */
  maxSum?: Record<string, number>;
}

const ROLES: Array<keyof ProfileFields> = ['promptAudio', 'promptText', 'text', 'textFile', 'outputName'];

function fail(message: string): never {
  throw new Error(`Unusable profile schema: ${message}`);
}

function stringList(v: unknown, what: string): string[] {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) fail(`"${what}" must be a list of field names`);
  return v as string[];
}

/** Builds a profile from a schema file's JSON; throws with a plain message when it cannot be used. */
export function profileFromSchema(schemaJson: unknown): Profile {
  const profile = buildProfile(schemaJson);
  // A user's schema must compile now, so a mistake in it is reported once, not as a failure on every file.
  try {
    compileSchema(profile.schema);
  } catch (err) {
    fail(`it is not a valid JSON Schema (${err instanceof Error ? err.message : String(err)})`);
  }
  return profile;
}

function buildProfile(schemaJson: unknown): Profile {
  if (typeof schemaJson !== 'object' || schemaJson === null || Array.isArray(schemaJson)) fail('the file is not a JSON object');
  const schema = schemaJson as Record<string, unknown>;
  const block = schema['x-tts-batch'];
  if (typeof block !== 'object' || block === null || Array.isArray(block)) {
    fail('it has no "x-tts-batch" block (id, title, fields, pathBase, blankLines)');
  }
  const x = block as Record<string, unknown>;
  if (typeof x.id !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/i.test(x.id)) fail('"x-tts-batch.id" must be a simple name such as "my-model"');
  if (schema.type !== undefined && schema.type !== 'object') fail('the schema must describe an object ("type": "object")');
  const fieldsIn = x.fields ?? {};
  if (typeof fieldsIn !== 'object' || fieldsIn === null || Array.isArray(fieldsIn)) fail('"x-tts-batch.fields" must be an object');
  const fields: ProfileFields = {};
  for (const [role, key] of Object.entries(fieldsIn as Record<string, unknown>)) {
    if (!ROLES.includes(role as keyof ProfileFields)) fail(`unknown field role "${role}" (known: ${ROLES.join(', ')})`);
    if (typeof key !== 'string' || !key) fail(`field role "${role}" must name a key`);
    fields[role as keyof ProfileFields] = key;
  }
  if (!fields.text && !fields.textFile) fail('"x-tts-batch.fields" must name the text field ("text")');
  const pathBase = x.pathBase ?? 'project';
  if (pathBase !== 'project' && pathBase !== 'taskFile') fail('"x-tts-batch.pathBase" must be "project" or "taskFile"');
  const blankLines = x.blankLines ?? 'ignore';
  if (blankLines !== 'ignore' && blankLines !== 'error') fail('"x-tts-batch.blankLines" must be "ignore" or "error"');
  const unknownKeys = x.unknownKeys ?? 'warning';
  if (unknownKeys !== 'warning' && unknownKeys !== 'error') fail('"x-tts-batch.unknownKeys" must be "warning" or "error"');
  const output = x.output ?? 'name';
  if (output !== 'name' && output !== 'path' && output !== 'id') fail('"x-tts-batch.output" must be "name", "path" or "id"');
  const profile: Profile = {
    id: x.id,
    title: typeof x.title === 'string' ? x.title : x.id,
    schema,
    fields,
    pathBase,
    blankLines,
    unknownKeys,
    output,
  };
  if (x.aliases !== undefined) {
    if (typeof x.aliases !== 'object' || x.aliases === null || Array.isArray(x.aliases)) fail('"x-tts-batch.aliases" must be an object');
    profile.aliases = {};
    for (const [k, v] of Object.entries(x.aliases as Record<string, unknown>)) {
      if (typeof v !== 'string') fail(`alias "${k}" must map to a key name`);
      profile.aliases[k] = v;
    }
  }
  if (x.audioFields !== undefined) profile.audioFields = stringList(x.audioFields, 'x-tts-batch.audioFields');
  if (x.exclusive !== undefined) {
    if (!Array.isArray(x.exclusive)) fail('"x-tts-batch.exclusive" must be a list of lists');
    profile.exclusive = x.exclusive.map((g) => stringList(g, 'x-tts-batch.exclusive'));
  }
  if (x.oneOf !== undefined) {
    if (!Array.isArray(x.oneOf)) fail('"x-tts-batch.oneOf" must be a list of lists');
    profile.oneOf = x.oneOf.map((g) => stringList(g, 'x-tts-batch.oneOf'));
  }
  if (x.maxSum !== undefined) {
    if (typeof x.maxSum !== 'object' || x.maxSum === null) fail('"x-tts-batch.maxSum" must be an object');
    profile.maxSum = {};
    for (const [k, v] of Object.entries(x.maxSum as Record<string, unknown>)) {
      if (typeof v !== 'number') fail(`"x-tts-batch.maxSum.${k}" must be a number`);
      profile.maxSum[k] = v;
    }
  }
  return profile;
}

let builtins: Profile[] | undefined;

/** The three profiles shipped in schemas/: tts-batch (default), glm-tts, indextts2. */
export function builtinProfiles(): Profile[] {
  // Built-ins are compiled lazily, when a file first uses them (start-up stays cheap).
  builtins ??= [ttsBatchSchema, glmTtsSchema, indexTts2Schema].map((s) => buildProfile(s));
  return builtins.slice();
}

export const DEFAULT_PROFILE = 'tts-batch';

/** Every key a profile knows: the schema's properties. */
export function knownKeys(profile: Profile): string[] {
  const props = (profile.schema as { properties?: Record<string, unknown> }).properties;
  return props ? Object.keys(props) : [];
}

function requiredKeys(profile: Profile): string[] {
  const req = (profile.schema as { required?: unknown }).required;
  return Array.isArray(req) ? req.filter((k): k is string => typeof k === 'string') : [];
}

/** How well one object's keys fit a profile: known keys count, missing required keys and unknown keys cost. */
export function profileScore(profile: Profile, keys: string[]): number {
  const known = new Set(knownKeys(profile));
  let score = 0;
  for (const k of keys) score += known.has(k) ? 2 : -1;
  for (const r of requiredKeys(profile)) if (!keys.includes(r)) score -= 1;
  return score;
}

/** All profiles a context can use: built-ins, then the user's (a user profile with a built-in id replaces it). */
export function allProfiles(extra?: Profile[]): Profile[] {
  const list = builtinProfiles();
  for (const p of extra ?? []) {
    const i = list.findIndex((q) => q.id === p.id);
    if (i >= 0) list[i] = p;
    else list.push(p);
  }
  return list;
}

/** Picks the profile whose keys best fit the key sets given; ties go to the earlier profile (tts-batch first). */
export function detectFromKeySets(keySets: string[][], profiles: Profile[]): Profile | undefined {
  if (!keySets.length) return undefined;
  let best: Profile | undefined;
  let bestScore = -Infinity;
  for (const p of profiles) {
    let s = 0;
    for (const keys of keySets) s += profileScore(p, keys);
    if (s > bestScore) {
      best = p;
      bestScore = s;
    }
  }
  return bestScore > 0 ? best : undefined;
}

const DETECT_LINES = 10;

/** Detects the profile from the keys of the first object lines (up to 10); undefined when nothing fits. */
export function detectProfile(text: string, profiles?: Profile[]): string | undefined {
  const keySets: string[][] = [];
  let start = 0;
  // Bounded scan: a file of a million blank or broken lines must not be read to the end for this.
  for (let scanned = 0; start <= text.length && keySets.length < DETECT_LINES && scanned < 10000; scanned++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/^\uFEFF/, '');
    start = end + 1;
    const trimmed = line.trim();
    if (trimmed.startsWith('{')) {
      // Only lines that parse vote; broken ones are skipped.
      const v = parseJson(trimmed.endsWith(',') ? trimmed.slice(0, -1) : trimmed);
      if (v && typeof v === 'object' && !Array.isArray(v)) keySets.push(Object.keys(v));
    }
    if (end === text.length) break;
  }
  return detectFromKeySets(keySets, profiles ?? builtinProfiles())?.id;
}

/** The profile a context asks for, by id; undefined when the id is unknown. */
export function findProfile(id: string, profiles: Profile[]): Profile | undefined {
  return profiles.find((p) => p.id === id);
}
