// Users' own task formats: JSON Schema files named in ttsBatch.profiles.extraSchemas, turned into profiles by
// the core. Read from disk here (glue), cached by path and modification time; a broken file is reported once
// and skipped, never fatal.
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { profileFromSchema, type Profile } from '../core';

interface Cached { mtimeMs: number; profile?: Profile; error?: string }

export class ExtraProfiles {
  private cache = new Map<string, Cached>();

  constructor(private report: (message: string) => void) {}

  load(paths: string[], baseDir: string | undefined): Profile[] {
    const out: Profile[] = [];
    for (const p of paths) {
      const abs = isAbsolute(p) ? p : resolve(baseDir ?? process.cwd(), p);
      let mtimeMs = -1;
      try {
        mtimeMs = statSync(abs).mtimeMs;
      } catch {
        /* reported below as unreadable */
      }
      let entry = this.cache.get(abs);
      if (!entry || entry.mtimeMs !== mtimeMs) {
        entry = { mtimeMs };
        try {
          entry.profile = profileFromSchema(JSON.parse(readFileSync(abs, 'utf8')));
        } catch (err) {
          entry.error = `ttsBatch.profiles.extraSchemas: ${abs}: ${(err as Error).message}`;
          this.report(entry.error);
        }
        this.cache.set(abs, entry);
      }
      if (entry.profile) out.push(entry.profile);
    }
    return out;
  }
}
