// A voice implemented by a user's JavaScript module (CommonJS, exporting `load(ctx)`; see ../voice.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VoiceError, type LoadedVoice, type VoiceLoadContext, type VoiceModule } from '../voice';

export async function loadModuleVoice(modulePath: string, ctx: VoiceLoadContext): Promise<LoadedVoice> {
  const full = path.resolve(modulePath);
  if (!fs.existsSync(full)) throw new VoiceError('load-failed', `voice module not found: ${full}`);
  let mod: Partial<VoiceModule> & { default?: Partial<VoiceModule> };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(full);
  } catch (err) {
    throw new VoiceError('load-failed', `voice module ${full} failed to load: ${err instanceof Error ? err.message : String(err)}`);
  }
  const load = mod.load ?? mod.default?.load;
  if (typeof load !== 'function') {
    throw new VoiceError('load-failed', `voice module ${full} must export a function load(ctx) (see README.md, "Module voices")`);
  }
  const voice = await load({ ...ctx, baseDir: path.dirname(full) });
  if (!voice || typeof voice.synthesize !== 'function') {
    throw new VoiceError('load-failed', `voice module ${full}: load() must return an object with synthesize(segment)`);
  }
  const rate = voice.info?.sampleRate;
  if (!Number.isInteger(rate) || rate <= 0) {
    throw new VoiceError('load-failed', `voice module ${full}: info.sampleRate must be a positive integer (got ${String(rate)})`);
  }
  return {
    ...voice,
    synthesize: voice.synthesize.bind(voice),
    dispose: voice.dispose?.bind(voice),
    info: { ...voice.info, name: voice.info.name || path.basename(full) },
    provider: voice.provider ?? 'none',
  };
}
