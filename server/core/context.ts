// What a caller tells the validator, and how the profile is chosen from it.
import type { Locale, PromptAudioLimits, Severity, TextLimits } from './types';
import type { FileFacts } from './fileFacts';
import { allProfiles, DEFAULT_PROFILE, detectProfile, findProfile, type Profile } from './profile';

export interface ValidationContext {
  /** Absolute: base of 'project' paths (workspace folder / cwd / --audio-root). */
  projectRoot: string;
  /** Absolute path of the task file (base of 'taskFile' paths). */
  taskFilePath?: string;
  /** Explicit choice; otherwise detected, default 'tts-batch'. */
  profile?: string;
  extraProfiles?: Profile[];
  /** Absent → no disk checks. */
  files?: FileFacts;
  textLimits?: Partial<TextLimits>;
  audioLimits?: Partial<PromptAudioLimits>;
  severities?: Record<string, Severity | 'off'>;
  maxProblems?: number;
  locale?: Locale;
}

/** The explicit profile when it exists, else the detected one, else tts-batch. */
export function chooseProfile(text: string | undefined, ctx: ValidationContext): Profile {
  const profiles = allProfiles(ctx.extraProfiles);
  if (ctx.profile) {
    const p = findProfile(ctx.profile, profiles);
    if (p) return p;
  }
  const detected = text !== undefined ? detectProfile(text, profiles) : undefined;
  return findProfile(detected ?? DEFAULT_PROFILE, profiles) ?? profiles[0];
}
