// Streaming validation for the runner and the CLI: lines are pushed one at a time and never kept; the
// profile is chosen at the first object line (unless the context names one).
import type { TaskDiagnostic } from './types';
import { chooseProfile, type ValidationContext } from './context';
import { allProfiles, DEFAULT_PROFILE, detectFromKeySets, findProfile, type Profile } from './profile';
import { makeSettings } from './settings';
import { analyzeLine } from './analyze';
import { BatchPass } from './pass';
import { finalize, internalError } from './finalize';
import { parseJson } from './safeParse';

export interface LineValidator {
  push(lineText: string): void;
  finish(): Promise<TaskDiagnostic[]>;
  readonly profile: Profile | undefined;
}

function objectKeys(text: string): string[] | undefined {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (!t.startsWith('{')) return undefined;
  const v = parseJson(t.endsWith(',') ? t.slice(0, -1) : t);
  return v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : undefined;
}

export function createLineValidator(ctx: ValidationContext): LineValidator {
  const profiles = allProfiles(ctx.extraProfiles);
  const explicit = ctx.profile ? findProfile(ctx.profile, profiles) : undefined;
  let profile: Profile | undefined = explicit;
  let settings = makeSettings(profile ?? chooseProfile(undefined, ctx), ctx);
  const pass = new BatchPass(settings);
  let line = 0;
  let failure: unknown;
  return {
    push(lineText: string): void {
      if (failure) return;
      try {
        const text = lineText.endsWith('\r') ? lineText.slice(0, -1) : lineText;
        if (!profile) {
          const keys = objectKeys(text);
          if (keys) {
            profile = detectFromKeySets([keys], profiles) ?? findProfile(DEFAULT_PROFILE, profiles) ?? profiles[0];
            settings = makeSettings(profile, ctx);
            pass.setSettings(settings);
          }
        }
        pass.add(line, text, analyzeLine(text, settings), true);
        line++;
      } catch (err) {
        failure = err;
      }
    },
    async finish(): Promise<TaskDiagnostic[]> {
      if (failure) return [internalError(failure, ctx.locale)];
      try {
        const diags = pass.finishSync();
        for (const d of await pass.diskDiagnostics()) diags.push(d);
        return finalize(diags, settings);
      } catch (err) {
        return [internalError(err, ctx.locale)];
      }
    },
    get profile(): Profile | undefined {
      return profile;
    },
  };
}
