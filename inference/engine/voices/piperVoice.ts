import type { VoiceSpec } from '../protocol';
import { VoiceError, type LoadedVoice, type VoiceLoadContext } from '../voice';
export async function loadPiperVoice(_spec: Extract<VoiceSpec, { kind: 'piper' }>, _ctx: VoiceLoadContext): Promise<LoadedVoice> {
  throw new VoiceError('load-failed', 'piper voice: in progress');
}
