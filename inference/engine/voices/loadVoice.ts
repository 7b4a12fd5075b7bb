// Which voice a VoiceSpec names, loaded once per worker.
import type { VoiceSpec } from '../protocol';
import { VoiceError, type LoadedVoice, type VoiceLoadContext } from '../voice';
import { loadModuleVoice } from './moduleVoice';
import { loadBuiltinVoice } from './builtinVoice';
import { loadPiperVoice } from './piperVoice';

export async function loadVoice(spec: VoiceSpec, ctx: VoiceLoadContext): Promise<LoadedVoice> {
  switch (spec?.kind) {
    case 'builtin':
      return loadBuiltinVoice(ctx);
    case 'piper':
      return loadPiperVoice(spec, ctx);
    case 'module':
      return loadModuleVoice(spec.modulePath, { ...ctx, options: spec.options });
    default:
      throw new VoiceError('load-failed', `unknown voice kind: ${JSON.stringify((spec as { kind?: unknown })?.kind)}`);
  }
}
