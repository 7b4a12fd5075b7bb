// WAV facts from the header alone: walk the RIFF chunks with small positioned reads (a 1-hour prompt costs
// the same few hundred bytes as a 3-second one). wavefile's fromBuffer would need the whole file in memory
// and decodes every sample, which is why the header is parsed here. Pure: the reader is injected.
import type { WavFacts, WavProblem } from './fileFacts';

export type ByteReader = (offset: number, length: number) => Promise<Uint8Array>;

const PLAIN_FORMATS = new Set([1, 3, 6, 7]); // PCM, IEEE float, A-law, mu-law
const MAX_CHUNKS = 1000;

function ascii(b: Uint8Array, at: number, n: number): string {
  let s = '';
  for (let i = at; i < at + n && i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

function u16(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;
}

function otherFormat(head: Uint8Array): string | undefined {
  const four = ascii(head, 0, 4);
  if (four === 'fLaC') return 'a FLAC file';
  if (four === 'OggS') return 'an Ogg file';
  if (ascii(head, 0, 3) === 'ID3' || (head[0] === 0xff && (head[1] & 0xe0) === 0xe0)) return 'an MP3 file';
  if (ascii(head, 4, 4) === 'ftyp') return 'an MP4/M4A file';
  if (four === 'RIFX') return 'a big-endian RIFX file';
  if (four === 'FORM') return 'an AIFF file';
  return undefined;
}

const problem = (reason: string): WavProblem => ({ ok: false, reason });

export async function readWavHeader(read: ByteReader, fileSize: number): Promise<WavFacts | WavProblem> {
  if (fileSize < 12) return problem(fileSize === 0 ? 'the file is empty' : `only ${fileSize} bytes, too small for a WAV header`);
  const head = await read(0, 12);
  const magic = ascii(head, 0, 4);
  if ((magic !== 'RIFF' && magic !== 'RF64') || ascii(head, 8, 4) !== 'WAVE') {
    const other = otherFormat(head);
    return problem(other ? `it is ${other}, not WAV` : 'no RIFF/WAVE header');
  }
  let offset = 12;
  let fmt: { format: number; channels: number; sampleRate: number; byteRate: number; blockAlign: number; bits: number } | undefined;
  let dataOffset = -1;
  let dataSize = 0;
  let ds64Size: number | undefined;
  for (let n = 0; n < MAX_CHUNKS && offset + 8 <= fileSize; n++) {
    const h = await read(offset, 8);
    if (h.length < 8) break;
    const id = ascii(h, 0, 4);
    const size = u32(h, 4);
    if (id === 'fmt ') {
      if (size < 16) return problem(`fmt chunk is ${size} bytes, at least 16 expected`);
      const f = await read(offset + 8, Math.min(size, 40));
      if (f.length < 16) return problem('the fmt chunk is cut off');
      let format = u16(f, 0);
      if (format === 0xfffe && f.length >= 26) format = u16(f, 24); // WAVE_FORMAT_EXTENSIBLE: sub-format GUID
      fmt = { format, channels: u16(f, 2), sampleRate: u32(f, 4), byteRate: u32(f, 8), blockAlign: u16(f, 12), bits: u16(f, 14) };
    } else if (id === 'ds64') {
      const d = await read(offset + 8, 24);
      if (d.length >= 24) ds64Size = u32(d, 16) + u32(d, 20) * 0x100000000;
    } else if (id === 'data') {
      dataOffset = offset + 8;
      dataSize = size === 0xffffffff && ds64Size !== undefined ? ds64Size : size;
      if (fmt) break;
    }
    offset += 8 + size + (size & 1);
  }
  if (!fmt) return problem('no fmt chunk (sample format unknown)');
  if (dataOffset < 0) return problem('no data chunk (no audio samples)');
  if (!PLAIN_FORMATS.has(fmt.format)) return problem(`compressed WAV (format 0x${fmt.format.toString(16).padStart(4, '0')}) that most loaders cannot read`);
  if (!fmt.channels) return problem('the header says 0 channels');
  if (!fmt.sampleRate) return problem('the header says a sample rate of 0');
  if (![8, 16, 24, 32, 64].includes(fmt.bits)) return problem(`unusual sample size of ${fmt.bits} bits`);
  const byteRate = fmt.sampleRate * fmt.channels * (fmt.bits / 8);
  // Streaming writers leave the size at 0 or 0xFFFFFFFF; truncated files claim more than they hold.
  const available = Math.max(0, fileSize - dataOffset);
  const bytes = dataSize === 0 || dataSize === 0xffffffff || dataSize > available ? available : dataSize;
  return {
    ok: true,
    durationSeconds: bytes / byteRate,
    sampleRate: fmt.sampleRate,
    channels: fmt.channels,
    bitsPerSample: fmt.bits,
    audioFormat: fmt.format,
  };
}

/** Header facts from bytes already in memory (a whole file or at least its header chunks). */
export function parseWavHeader(bytes: Uint8Array, fileSize = bytes.length): Promise<WavFacts | WavProblem> {
  return readWavHeader(async (offset, length) => bytes.subarray(offset, offset + length), fileSize);
}
