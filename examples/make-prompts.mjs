// Regenerates the sample batch's prompt WAVs (examples/prompt/*.wav), byte for byte: voiced, speech-like
// tones (a pitch contour, harmonics shaped by two formants, syllable-rate loudness), 3 s, 16 kHz, 16-bit mono.
// They are stand-ins for the reference recordings of a real zero-shot voice-cloning batch.
//   node examples/make-prompts.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const RATE = 16000;
const SECONDS = 3;

const speakers = [
  { name: 'speaker_a', f0: 118, formants: [700, 1220], syllables: 4.1 },
  { name: 'speaker_b', f0: 205, formants: [850, 1650], syllables: 4.7 },
  { name: 'speaker_c', f0: 160, formants: [550, 1900], syllables: 3.6 },
];

function sample(s, t) {
  // Gentle declination plus intonation, like a spoken sentence.
  const f0 = s.f0 * (1.08 - 0.1 * (t / SECONDS) + 0.04 * Math.sin(2 * Math.PI * 0.9 * t));
  const phase = 2 * Math.PI * f0 * t;
  let v = 0;
  for (let h = 1; h * f0 < RATE / 2 && h <= 30; h++) {
    const f = h * f0;
    const gain = s.formants.reduce((g, fc) => g + 1 / (1 + ((f - fc) / 180) ** 2), 0.15) / h ** 0.6;
    v += gain * Math.sin(h * phase);
  }
  const syllable = 0.5 - 0.5 * Math.cos(2 * Math.PI * s.syllables * t);
  const edges = Math.min(1, t / 0.05, (SECONDS - t) / 0.05);
  return v * syllable ** 1.5 * edges;
}

function wav(samples) {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((x, i) => data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(x * 32767))), i * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

mkdirSync(join(here, 'prompt'), { recursive: true });
for (const s of speakers) {
  const raw = Array.from({ length: RATE * SECONDS }, (_, i) => sample(s, i / RATE));
  const peak = raw.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  const file = join(here, 'prompt', `${s.name}.wav`);
  writeFileSync(file, wav(raw.map((x) => (0.6 * x) / peak)));
  process.stdout.write(`wrote ${file}\n`);
}
