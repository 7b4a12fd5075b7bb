// Everything a check needs to know besides the line itself, resolved once per validation context.
import type { Locale, PromptAudioLimits, Severity, TextLimits, TaskDiagnostic, Range } from './types';
import type { FileFacts } from './fileFacts';
import type { ValidationContext } from './context';
import type { Profile } from './profile';
import { defaultSeverity, message } from './messages';
import { dirname } from './paths';
import { compileSchema } from './schemaCompiler';
import type { ValidateFunction } from 'ajv';

export const DEFAULT_TEXT_LIMITS: TextLimits = { recommendedUnits: 100, maxUnits: 200 };
export const DEFAULT_AUDIO_LIMITS: PromptAudioLimits = { minSeconds: 2, maxSeconds: 15, hardMaxSeconds: 30, minSampleRate: 16000 };

export interface Settings {
  profile: Profile;
  locale: Locale;
  textLimits: TextLimits;
  audioLimits: PromptAudioLimits;
  severities: Record<string, Severity | 'off'>;
  projectRoot: string;
  taskFilePath?: string;
  /** Folder relative audio paths resolve against (project root or task file folder, per profile). */
  pathBase: string;
  files?: FileFacts;
  maxProblems: number;
  /** The profile's compiled schema (compiled once per profile, looked up once per context). */
  validateTask: ValidateFunction;
  /** Prompt audio field first, then the profile's other audio fields. */
  audioFields: string[];
}

/** What the settings are made from: the caller's context less the profile choice (already made). */
export type SettingsInput = Omit<ValidationContext, 'profile' | 'extraProfiles'>;

export function makeSettings(profile: Profile, ctx: SettingsInput): Settings {
  const projectRoot = ctx.projectRoot || '/';
  return {
    profile,
    locale: ctx.locale === 'zh-cn' ? 'zh-cn' : 'en',
    textLimits: { ...DEFAULT_TEXT_LIMITS, ...ctx.textLimits },
    audioLimits: { ...DEFAULT_AUDIO_LIMITS, ...ctx.audioLimits },
    severities: ctx.severities ?? {},
    projectRoot,
    taskFilePath: ctx.taskFilePath,
    pathBase: profile.pathBase === 'taskFile' && ctx.taskFilePath ? dirname(ctx.taskFilePath) : projectRoot,
    files: ctx.files,
    maxProblems: ctx.maxProblems !== undefined && ctx.maxProblems > 0 ? ctx.maxProblems : Infinity,
    validateTask: compileSchema(profile.schema),
    audioFields: [...(profile.fields.promptAudio ? [profile.fields.promptAudio] : []), ...(profile.audioFields ?? [])],
  };
}

/** The severity a code gets in this context (user setting, then profile, then default); undefined = off. */
export function severityOf(settings: Settings, code: string, profileDefault?: Severity): Severity | undefined {
  const user = settings.severities[code];
  if (user === 'off') return undefined;
  return user ?? profileDefault ?? defaultSeverity(code);
}

export function range(line: number, start: number, endLine: number, end: number): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

/** Builds a diagnostic in this context's language, or undefined when the user turned the code off. */
export function makeDiagnostic(
  settings: Settings,
  code: string,
  r: Range,
  params: Record<string, string | number> = {},
  data?: unknown,
  profileSeverity?: Severity,
): TaskDiagnostic | undefined {
  const severity = severityOf(settings, code, profileSeverity);
  if (!severity) return undefined;
  const d: TaskDiagnostic = { code, severity, range: r, message: message(code, settings.locale, params) };
  if (data !== undefined) d.data = data;
  return d;
}
