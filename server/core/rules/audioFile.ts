// Prompt audio on disk: missing (with up to 3 similar names), present only with another case, a folder,
// not a readable WAV, too short / too long / over the hard limit, sample rate too low. Also IndexTTS2
// text files. Asynchronous and batched: one FileFacts.path per distinct path, one listing per folder,
// one WAV header per file version (FileFacts caches), never one stat per line.
import type { Severity, TaskDiagnostic } from '../types';
import type { PathFacts, WavFacts, WavProblem } from '../fileFacts';
import { makeDiagnostic, range, type Settings } from '../settings';
import { basename, dirname } from '../paths';
import { nearest } from '../similarity';

/** Every place a resolved path is used (parallel arrays, one entry per line that uses it). */
export interface PathUse {
  abs: string;
  lines: number[];
  /** Value ranges, filled only in streaming mode (otherwise located on demand for problem lines). */
  starts: number[];
  ends: number[];
  /** The raw value as written on the first line using the path. */
  raw: string;
  /** Lines that spell the same path differently (e.g. "./a.wav"): index in `lines` → raw value. */
  otherRaws?: Map<number, string>;
  fields: string[];
}

function rawAt(use: PathUse, i: number): string {
  return use.otherRaws?.get(i) ?? use.raw;
}

const CONCURRENCY = 16;

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The raw path with its last segments replaced to match the real on-disk spelling. */
function respell(raw: string, actualAbs: string): string {
  const rawSegs = raw.split('/');
  const actualSegs = actualAbs.split('/');
  const n = rawSegs.length;
  const tail = actualSegs.slice(-n);
  const out = rawSegs.map((seg, i) => (tail[i] !== undefined && seg.toLowerCase() === tail[i].toLowerCase() ? tail[i] : seg));
  return out.join('/');
}

function withBasename(raw: string, name: string): string {
  const i = raw.lastIndexOf('/');
  return i >= 0 ? raw.slice(0, i + 1) + name : name;
}

type Problem = { code: string; params: Record<string, string | number>; data: (raw: string) => Record<string, unknown> };

// Similar names cost an edit distance per file in the folder; the editor asks again after every keystroke
// for every missing path, so they are kept per listing (a cached listing is the same array until it changes).
const nearCache = new WeakMap<string[], Map<string, string[]>>();

function nearestCached(name: string, names: string[]): string[] {
  let byName = nearCache.get(names);
  if (!byName) nearCache.set(names, (byName = new Map()));
  let near = byName.get(name);
  if (!near) {
    near = nearest(name, names, 3);
    if (byName.size < 10000) byName.set(name, near);
  }
  return near.slice();
}

async function audioProblems(settings: Settings, abs: string, checkAudio: boolean): Promise<Problem[]> {
  const files = settings.files;
  if (!files) return [];
  let facts: PathFacts;
  try {
    facts = await files.path(abs);
  } catch (err) {
    return [{ code: 'audio-not-wav', params: { path: abs, reason: err instanceof Error ? err.message : String(err) }, data: () => ({ resolved: abs }) }];
  }
  if (facts.kind === 'missing') {
    if (facts.caseMatch) {
      const actual = facts.caseMatch;
      return [
        {
          code: 'audio-case-mismatch',
          params: { actual: basename(actual), name: basename(abs) },
          data: (raw) => ({ resolved: abs, actualPath: actual, actualName: basename(actual), replacement: respell(raw, actual) }),
        },
      ];
    }
    let near: string[] = [];
    try {
      const names = await files.list(dirname(abs));
      if (names) near = nearestCached(basename(abs), names);
    } catch {
      near = [];
    }
    return [
      {
        code: 'audio-not-found',
        params: { resolved: abs, nearest: near.join(', ') },
        data: (raw) => ({ resolved: abs, nearest: near, replacements: near.map((n) => withBasename(raw, n)) }),
      },
    ];
  }
  if (facts.kind === 'directory') return [{ code: 'audio-is-directory', params: {}, data: () => ({ resolved: abs }) }];
  if (!checkAudio) return [];
  let wav: WavFacts | WavProblem;
  try {
    wav = await files.wav(abs);
  } catch (err) {
    wav = { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
  if (!wav.ok) return [{ code: 'audio-not-wav', params: { reason: wav.reason }, data: () => ({ resolved: abs, reason: wav.ok ? '' : wav.reason }) }];
  const out: Problem[] = [];
  const lim = settings.audioLimits;
  const seconds = Number(wav.durationSeconds.toFixed(2));
  const facts_ = { resolved: abs, durationSeconds: wav.durationSeconds, sampleRate: wav.sampleRate, channels: wav.channels };
  if (wav.durationSeconds > lim.hardMaxSeconds) out.push({ code: 'audio-over-limit', params: { seconds, max: lim.hardMaxSeconds }, data: () => facts_ });
  else if (wav.durationSeconds > lim.maxSeconds) out.push({ code: 'audio-too-long', params: { seconds, max: lim.maxSeconds }, data: () => facts_ });
  else if (wav.durationSeconds < lim.minSeconds) out.push({ code: 'audio-too-short', params: { seconds, min: lim.minSeconds }, data: () => facts_ });
  if (wav.sampleRate < lim.minSampleRate) out.push({ code: 'audio-low-sample-rate', params: { rate: wav.sampleRate, min: lim.minSampleRate }, data: () => facts_ });
  return out;
}

async function textFileProblems(settings: Settings, abs: string): Promise<Problem[]> {
  const files = settings.files;
  if (!files) return [];
  const facts = await files.path(abs).catch((): PathFacts => ({ kind: 'missing' }));
  if (facts.kind === 'file') return [];
  const actual = facts.caseMatch;
  return [
    {
      code: 'text-file-not-found',
      params: { resolved: facts.kind === 'directory' ? `${abs} (a folder)` : abs },
      data: (raw) => ({ resolved: abs, ...(actual ? { actualPath: actual, replacement: respell(raw, actual) } : {}) }),
    },
  ];
}

export type RangeOf = (line: number, field: string) => [number, number];

function emit(settings: Settings, use: PathUse, problems: Problem[], out: TaskDiagnostic[], rangeOf: RangeOf, severity?: Severity): void {
  for (const p of problems) {
    for (let i = 0; i < use.lines.length; i++) {
      const raw = rawAt(use, i);
      const [start, end] = use.starts.length ? [use.starts[i], use.ends[i]] : rangeOf(use.lines[i], use.fields[i]);
      const d = makeDiagnostic(
        settings,
        p.code,
        range(use.lines[i], start, use.lines[i], end),
        { path: raw, ...p.params },
        { field: use.fields[i], path: raw, ...p.data(raw) },
        severity,
      );
      if (d) out.push(d);
    }
  }
}

export async function checkFilesOnDisk(
  settings: Settings,
  audioUses: Map<string, PathUse>,
  textFileUses: Map<string, PathUse>,
  rangeOf: RangeOf,
): Promise<TaskDiagnostic[]> {
  const out: TaskDiagnostic[] = [];
  const promptField = settings.profile.fields.promptAudio;
  const audio = [...audioUses.values()];
  const audioResults = await mapLimited(audio, CONCURRENCY, (u) =>
    // Duration and rate limits are about cloning prompts; other audio fields only need to exist and be WAV.
    audioProblems(settings, u.abs, true).then((ps) =>
      !ps.length || u.fields.every((f) => f === promptField) ? ps : ps.filter((p) => !p.code.startsWith('audio-too') && p.code !== 'audio-over-limit' && p.code !== 'audio-low-sample-rate'),
    ),
  );
  audio.forEach((u, i) => emit(settings, u, audioResults[i], out, rangeOf));
  const texts = [...textFileUses.values()];
  const textResults = await mapLimited(texts, CONCURRENCY, (u) => textFileProblems(settings, u.abs));
  texts.forEach((u, i) => emit(settings, u, textResults[i], out, rangeOf));
  return out;
}
