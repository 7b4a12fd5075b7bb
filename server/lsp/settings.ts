// The `ttsBatch` settings as the server understands them. Names and defaults are the contract with the
// VS Code manifest (README.md, "TTS Batch language server"); anything missing or malformed falls back to the default so a
// typo in settings.json never stops validation.
import type { Severity } from '../core';

export type SeveritySetting = Severity | 'off';

export interface ServerSettings {
  profile: string; // 'auto' | profile id
  audioRoot: string;
  text: { recommendedUnits: number; maxUnits: number };
  promptAudio: { minSeconds: number; maxSeconds: number };
  severity: Record<string, SeveritySetting>;
  maxProblems: number;
  extraSchemas: string[];
  outlineMaxItems: number;
}

export const defaultSettings: ServerSettings = {
  profile: 'auto',
  audioRoot: '',
  text: { recommendedUnits: 100, maxUnits: 200 },
  promptAudio: { minSeconds: 2, maxSeconds: 15 },
  severity: {},
  maxProblems: 1000,
  extraSchemas: [],
  outlineMaxItems: 5000,
};

const severities = new Set(['error', 'warning', 'information', 'hint', 'off']);

function num(v: unknown, fallback: number, min = 0): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= min ? v : fallback;
}

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Reads the `ttsBatch` section as sent by the client (nested objects or dotted keys both accepted). */
export function parseSettings(raw: unknown): ServerSettings {
  const r = obj(raw);
  // Clients outside VS Code often send flat dotted keys ("text.maxUnits"); fold them into the nested shape.
  const get = (path: string): unknown => {
    if (path in r) return r[path];
    let cur: unknown = r;
    for (const part of path.split('.')) cur = obj(cur)[part];
    return cur;
  };
  const severity: Record<string, SeveritySetting> = {};
  for (const [code, level] of Object.entries(obj(get('severity')))) {
    if (typeof level === 'string' && severities.has(level)) severity[code] = level as SeveritySetting;
  }
  const profile = get('profile');
  const audioRoot = get('audioRoot');
  const extra = get('profiles.extraSchemas');
  const d = defaultSettings;
  return {
    profile: typeof profile === 'string' && profile.trim() ? profile.trim() : d.profile,
    audioRoot: typeof audioRoot === 'string' ? audioRoot.trim() : d.audioRoot,
    text: {
      recommendedUnits: num(get('text.recommendedUnits'), d.text.recommendedUnits, 1),
      maxUnits: num(get('text.maxUnits'), d.text.maxUnits, 1),
    },
    promptAudio: {
      minSeconds: num(get('promptAudio.minSeconds'), d.promptAudio.minSeconds),
      maxSeconds: num(get('promptAudio.maxSeconds'), d.promptAudio.maxSeconds),
    },
    severity,
    maxProblems: Math.floor(num(get('maxProblems'), d.maxProblems, 1)),
    extraSchemas: Array.isArray(extra) ? extra.filter((p): p is string => typeof p === 'string' && !!p.trim()) : [],
    outlineMaxItems: Math.floor(num(get('outline.maxItems'), d.outlineMaxItems, 1)),
  };
}

/** A stable key, so documents are re-checked only when something that matters to them changed. */
export function settingsKey(s: ServerSettings): string {
  return JSON.stringify(s);
}
