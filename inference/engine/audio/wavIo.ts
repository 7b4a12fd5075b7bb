// Reading prompt WAVs (any PCM or float format wavefile understands, mixed to mono) and encoding the output:
// 16-bit PCM mono at the requested rate. wavefile writes no timestamps or other varying fields, so the same
// samples always give the same bytes.
import { WaveFile } from 'wavefile';

export interface MonoAudio {
  samples: Float32Array;
  sampleRate: number;
}

/**
 * Decodes a WAV to mono float samples. wavefile parses the RIFF structure; linear PCM (8/16/24/32-bit) and float
 * (32/64-bit) samples are converted here, since wavefile's generic conversion takes about a second per second of
 * audio. Compressed formats (ADPCM, A-law, µ-law) go through wavefile.
 */
export function decodeWav(bytes: Uint8Array): MonoAudio {
  const wav = new WaveFile();
  wav.fromBuffer(bytes);
  const fmt = wav.fmt as { numChannels: number; sampleRate: number; audioFormat: number; bitsPerSample: number };
  const sampleRate = fmt.sampleRate;
  const channels = fmt.numChannels;
  if (!sampleRate || !channels) throw new Error('the WAV header has no sample rate or channel count');
  const data = (wav as unknown as { data: { samples: Uint8Array } }).data.samples;
  const bits = fmt.bitsPerSample;
  // WAVE_FORMAT_EXTENSIBLE (0xFFFE) carries PCM or float too; wavefile reports the container's bitDepth string.
  const isFloat = fmt.audioFormat === 3 || wav.bitDepth === '32f' || wav.bitDepth === '64';
  const isPcm = fmt.audioFormat === 1 || (fmt.audioFormat === 0xfffe && !isFloat);
  if ((isPcm && [8, 16, 24, 32].includes(bits)) || (isFloat && (bits === 32 || bits === 64))) {
    const bytesPer = bits / 8;
    const frames = Math.floor(data.length / (bytesPer * channels));
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const samples = new Float32Array(frames);
    const read = (at: number): number => {
      if (isFloat) return bits === 32 ? view.getFloat32(at, true) : view.getFloat64(at, true);
      switch (bits) {
        case 8:
          return (view.getUint8(at) - 128) / 128;
        case 16:
          return view.getInt16(at, true) / 32768;
        case 24:
          return ((view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16)) / 8388608);
        default:
          return view.getInt32(at, true) / 2147483648;
      }
    };
    for (let i = 0, at = 0; i < frames; i++) {
      let sum = 0;
      for (let c = 0; c < channels; c++, at += bytesPer) sum += read(at);
      samples[i] = sum / channels;
    }
    return { samples, sampleRate };
  }
  // Compressed: expand to 16-bit PCM first (wavefile cannot change the bit depth of companded data directly).
  if (fmt.audioFormat === 7) wav.fromMuLaw();
  else if (fmt.audioFormat === 6) wav.fromALaw();
  else if (fmt.audioFormat === 17) wav.fromIMAADPCM();
  else throw new Error(`unsupported WAV encoding (format ${fmt.audioFormat}, ${bits} bits)`);
  wav.toBitDepth('32f');
  const raw = wav.getSamples(false, Float64Array) as unknown as Float64Array | Float64Array[];
  const list = channels > 1 ? (raw as Float64Array[]) : [raw as Float64Array];
  const length = list[0]?.length ?? 0;
  const samples = new Float32Array(length);
  for (const ch of list) for (let i = 0; i < length; i++) samples[i] += ch[i] / list.length;
  return { samples, sampleRate };
}

/**
 * 16-bit PCM mono WAV bytes; samples are clipped to [-1, 1] and rounded to the nearest step. wavefile builds the
 * RIFF structure and header; the PCM bytes are packed here because wavefile's generic per-sample packer costs
 * ~70 ms per 2 s of audio — more than the model itself for small voices.
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function encodeWav16(samples: Float32Array, sampleRate: number): Buffer {
  const pcm = new Uint8Array(samples.length * 2);
  // This runs between two model runs for every task: a typed-array store is several times faster than
  // DataView.setInt16, and on a little-endian machine (all that Node supports in practice) it writes the same bytes.
  const le = LITTLE_ENDIAN ? new Int16Array(pcm.buffer) : undefined;
  const view = le ? undefined : new DataView(pcm.buffer);
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i] || 0;
    const v = x > 1 ? 1 : x < -1 ? -1 : x;
    const q = Math.round(v < 0 ? v * 32768 : v * 32767);
    if (le) le[i] = q;
    else view!.setInt16(2 * i, q, true);
  }
  const wav = new WaveFile();
  wav.fromScratch(1, sampleRate, '16', new Int16Array(0));
  const data = (wav as unknown as { data: { samples: Uint8Array; chunkSize: number } }).data;
  data.samples = pcm;
  data.chunkSize = pcm.length;
  const bytes = wav.toBuffer();
  // A view, not a copy: the WAV is written and hashed once and then dropped.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
