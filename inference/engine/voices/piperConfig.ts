// The Piper voice config (`voice.onnx.json`): read, check and explain what is wrong in the user's words.
import * as fs from 'node:fs';
import type { PhonemeIdMap, PhonemeType } from './phonemes';
import { VoiceError } from '../voice';

export interface PiperConfig {
  sampleRate: number;
  phonemeType: PhonemeType;
  espeakVoice: string;
  phonemeIdMap: PhonemeIdMap;
  numSpeakers: number;
  speakerIdMap: Record<string, number>;
  noiseScale: number;
  lengthScale: number;
  noiseW: number;
  /** The whole parsed file, for voice-specific extras (e.g. the built-in voice's `tts_batch` block). */
  raw: Record<string, unknown>;
}

function fail(configPath: string, what: string): never {
  throw new VoiceError('load-failed', `Piper voice config ${configPath}: ${what}`);
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function readPiperConfig(configPath: string): PiperConfig {
  let text: string;
  try {
    text = fs.readFileSync(configPath, 'utf8');
  } catch {
    throw new VoiceError(
      'load-failed',
      `the Piper voice config ${configPath} was not found: a Piper voice is two files, voice.onnx and voice.onnx.json beside it`,
    );
  }
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    fail(configPath, `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail(configPath, 'expected a JSON object');
  const audio = raw.audio as { sample_rate?: unknown } | undefined;
  const sampleRate = audio?.sample_rate;
  if (!Number.isInteger(sampleRate) || (sampleRate as number) < 4000 || (sampleRate as number) > 192000) {
    fail(configPath, `"audio.sample_rate" must be the voice's sample rate in Hz (e.g. 22050), got ${JSON.stringify(sampleRate)}`);
  }
  const map = raw.phoneme_id_map as Record<string, unknown> | undefined;
  if (!map || typeof map !== 'object' || !Object.keys(map).length) fail(configPath, '"phoneme_id_map" (phoneme → [ids]) is missing or empty');
  const phonemeIdMap: PhonemeIdMap = {};
  for (const [k, v] of Object.entries(map)) {
    const ids = Array.isArray(v) ? v : [v];
    if (!ids.every((x) => Number.isInteger(x) && (x as number) >= 0)) fail(configPath, `"phoneme_id_map" entry ${JSON.stringify(k)} must be a list of ids`);
    phonemeIdMap[k] = ids as number[];
  }
  const type = (raw.phoneme_type ?? 'espeak') as string;
  if (type !== 'espeak' && type !== 'text' && type !== 'pinyin') {
    fail(configPath, `"phoneme_type" ${JSON.stringify(type)} is not supported (supported: "espeak", "text", "pinyin")`);
  }
  const espeak = raw.espeak as { voice?: unknown } | undefined;
  const espeakVoice = typeof espeak?.voice === 'string' && espeak.voice ? espeak.voice : 'en-us';
  const numSpeakers = Number.isInteger(raw.num_speakers) && (raw.num_speakers as number) > 0 ? (raw.num_speakers as number) : 1;
  const speakerIdMap: Record<string, number> = {};
  for (const [k, v] of Object.entries((raw.speaker_id_map as Record<string, unknown>) ?? {})) {
    if (Number.isInteger(v)) speakerIdMap[k] = v as number;
  }
  const inference = (raw.inference as Record<string, unknown>) ?? {};
  return {
    sampleRate: sampleRate as number,
    phonemeType: type,
    espeakVoice,
    phonemeIdMap,
    numSpeakers,
    speakerIdMap,
    noiseScale: num(inference.noise_scale, 0.667),
    lengthScale: num(inference.length_scale, 1),
    noiseW: num(inference.noise_w, 0.8),
    raw,
  };
}

/** A speaker id from a name in speaker_id_map or a number; explains what exists when it is unknown. */
export function resolveSpeaker(config: PiperConfig, speaker: string | number | undefined, where: string): number {
  if (speaker === undefined || speaker === '') return 0;
  if (config.numSpeakers <= 1) {
    if (speaker === 0 || speaker === '0') return 0;
    throw new VoiceError('invalid-input', `${where}: speaker ${JSON.stringify(speaker)} was given, but this voice has a single speaker`);
  }
  if (typeof speaker === 'string' && speaker in config.speakerIdMap) return config.speakerIdMap[speaker];
  const n = typeof speaker === 'number' ? speaker : /^\d+$/.test(speaker) ? Number(speaker) : NaN;
  if (Number.isInteger(n) && n >= 0 && n < config.numSpeakers) return n;
  const names = Object.keys(config.speakerIdMap);
  const some = names.length ? `; names: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}` : '';
  throw new VoiceError('invalid-input', `${where}: unknown speaker ${JSON.stringify(speaker)} (ids 0–${config.numSpeakers - 1}${some})`);
}
