import { VoiceError, type LoadedVoice, type VoiceLoadContext } from '../voice';
export async function loadBuiltinVoice(_ctx: VoiceLoadContext): Promise<LoadedVoice> {
  throw new VoiceError('load-failed', 'built-in voice: in progress');
}
