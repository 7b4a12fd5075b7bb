// Reading prompt WAVs (any PCM or float format wavefile understands, mixed to mono) and encoding the output:
// 16-bit PCM mono at the requested rate. wavefile writes no timestamps or other varying fields, so the same
// samples always give the same bytes.
import { WaveFile } from 'wavefile';

export interface MonoAudio {
  samples: Float32Array;
  sampleRate: number;
}

export function decodeWav(bytes: Uint8Array): MonoAudio {
  const wav = new WaveFile();
  wav.fromBuffer(bytes);
  const fmt = wav.fmt as { numChannels: number; sampleRate: number; audioFormat: number; bitsPerSample: number };
  // Read before converting: toBitDepth rebuilds the headers.
  const sampleRate = fmt.sampleRate;
  if (!sampleRate || !fmt.numChannels) throw new Error('the WAV header has no sample rate or channel count');
  if (wav.bitDepth !== '32f' && wav.bitDepth !== '64') wav.toBitDepth('32f');
  const raw = wav.getSamples(false, Float64Array) as unknown as Float64Array | Float64Array[];
  const channels = Array.isArray(raw) || (raw as unknown as unknown[])[0] instanceof Float64Array ? (raw as Float64Array[]) : [raw as Float64Array];
  const length = channels[0]?.length ?? 0;
  const samples = new Float32Array(length);
  for (const ch of channels) for (let i = 0; i < length; i++) samples[i] += ch[i] / channels.length;
  return { samples, sampleRate };
}

/**
 * 16-bit PCM mono WAV bytes; samples are clipped to [-1, 1] and rounded to the nearest step. wavefile builds the
 * RIFF structure and header; the PCM bytes are packed here because wavefile's generic per-sample packer costs
 * ~70 ms per 2 s of audio — more than the model itself for small voices.
 */
export function encodeWav16(samples: Float32Array, sampleRate: number): Buffer {
  const pcm = new Uint8Array(samples.length * 2);
  const view = new DataView(pcm.buffer);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.max(-1, Math.min(1, samples[i] || 0));
    view.setInt16(2 * i, Math.round(v < 0 ? v * 32768 : v * 32767), true);
  }
  const wav = new WaveFile();
  wav.fromScratch(1, sampleRate, '16', new Int16Array(0));
  const data = (wav as unknown as { data: { samples: Uint8Array; chunkSize: number } }).data;
  data.samples = pcm;
  data.chunkSize = pcm.length;
  return Buffer.from(wav.toBuffer());
}
