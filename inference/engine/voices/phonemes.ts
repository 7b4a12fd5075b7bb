// Text → Piper phonemes → ids, for the three phoneme types Piper voices declare:
//   text    the characters themselves (NFD), nothing external
//   pinyin  Chinese characters as numbered-tone pinyin (pinyin-pro), other text as characters
//   espeak  IPA from the system `espeak-ng` program (GPL: run as a separate program, never bundled)
// Ids follow piper-phonemize: BOS, PAD, then each phoneme's ids followed by PAD, then EOS. Phonemes missing from
// the voice's map are skipped and reported once per segment.
import { execFile, execFileSync } from 'node:child_process';
import { pinyin } from 'pinyin-pro';
import { VoiceError } from '../voice';

export type PhonemeType = 'text' | 'pinyin' | 'espeak';
export type PhonemeIdMap = Record<string, number[]>;

const PAD = '_';
const BOS = '^';
const EOS = '$';

export interface Phonemizer {
  phonemize(text: string): Promise<string[]>;
}

function chars(text: string): string[] {
  return Array.from(text.normalize('NFD').replace(/\s+/g, ' ').trim());
}

export class TextPhonemizer implements Phonemizer {
  async phonemize(text: string): Promise<string[]> {
    return chars(text);
  }
}

/**
 * Each Chinese syllable becomes the longest form the voice knows: the whole syllable with tone ("hao3"), else
 * initial + final ("h", "ao3"), else its letters and the tone digit. Other text goes through as characters.
 */
export class PinyinPhonemizer implements Phonemizer {
  constructor(private readonly map: PhonemeIdMap) {}

  async phonemize(text: string): Promise<string[]> {
    const out: string[] = [];
    const items = pinyin(text.replace(/\s+/g, ' ').trim(), { toneType: 'num', type: 'all' }) as Array<{
      origin: string;
      pinyin: string;
      isZh: boolean;
      initial: string;
      final: string;
    }>;
    let prevZh = false;
    for (const item of items) {
      if (item.isZh && item.pinyin) {
        if (prevZh && this.map[' '] && !this.map[item.pinyin]) out.push(' ');
        if (this.map[item.pinyin]) out.push(item.pinyin);
        else if (item.initial && this.map[item.initial] && this.map[item.final]) out.push(item.initial, item.final);
        else if (!item.initial && this.map[item.final]) out.push(item.final);
        else out.push(...Array.from(item.pinyin));
        prevZh = true;
      } else {
        if (prevZh && /[\p{L}\p{N}]/u.test(item.origin)) out.push(' ');
        out.push(...Array.from(item.origin.normalize('NFD')));
        prevZh = false;
      }
    }
    return out.filter((p, i, a) => !(p === ' ' && a[i - 1] === ' '));
  }
}

const ESPEAK_HELP =
  'Install eSpeak NG and run again: `sudo apt-get install espeak-ng` (Debian/Ubuntu), `sudo dnf install espeak-ng` (Fedora), ' +
  '`brew install espeak-ng` (macOS); or set TTS_BATCH_ESPEAK to the program\'s path; or use a voice whose phoneme_type is "text" or "pinyin".';

/** The espeak-ng program to run: TTS_BATCH_ESPEAK, else `espeak-ng` on PATH. Throws a how-to-install message. */
export function findEspeak(voice: string): string {
  const program = process.env.TTS_BATCH_ESPEAK || 'espeak-ng';
  try {
    execFileSync(program, ['--version'], { stdio: 'pipe', timeout: 10000 });
    return program;
  } catch {
    throw new VoiceError(
      'load-failed',
      `this Piper voice needs eSpeak NG for its phonemes (phoneme_type "espeak", voice "${voice}"), but the program "${program}" was not found. ${ESPEAK_HELP}`,
    );
  }
}

const CLAUSE = /([^.,;:!?。，；：！？、]*)([.,;:!?。，；：！？、]*)/gu;

/** IPA via `espeak-ng -q --ipa`, clause by clause so the voice still sees the punctuation (as Piper does). */
export class EspeakPhonemizer implements Phonemizer {
  constructor(
    private readonly program: string,
    private readonly voice: string,
  ) {}

  private ipa(text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(this.program, ['-q', '--ipa', '-v', this.voice, '--', text], { timeout: 30000, maxBuffer: 4 << 20 }, (err, stdout, stderr) => {
        if (err) reject(new VoiceError('model-error', `espeak-ng failed for voice "${this.voice}": ${(stderr || err.message).trim()}`));
        // Language-switch marks like "(en)" or "(cmn)" are not phonemes.
        else resolve(stdout.replace(/\([a-z]{2,3}(?:-[a-z0-9]+)*\)/gi, '').replace(/\s+/g, ' ').trim());
      });
    });
  }

  async phonemize(text: string): Promise<string[]> {
    const out: string[] = [];
    for (const m of text.matchAll(CLAUSE)) {
      const [, words, punct] = m;
      if (!words.trim() && !punct) continue;
      if (out.length && out[out.length - 1] !== ' ') out.push(' ');
      if (words.trim()) out.push(...Array.from((await this.ipa(words.trim())).normalize('NFD')));
      // Clause punctuation as its own phoneme (the first mark: "?!" → "?"), half-width like Piper's maps.
      if (punct) out.push(toHalfWidth(Array.from(punct)[0]));
    }
    while (out[out.length - 1] === ' ') out.pop();
    return out;
  }
}

function toHalfWidth(p: string): string {
  return ({ '。': '.', '，': ',', '；': ';', '：': ':', '！': '!', '？': '?', '、': ',' } as Record<string, string>)[p] ?? p;
}

export interface PhonemeIds {
  ids: number[];
  /** Phonemes the voice does not know (skipped). */
  missing: string[];
}

export function phonemesToIds(phonemes: string[], map: PhonemeIdMap): PhonemeIds {
  const pad = map[PAD] ?? [];
  const ids: number[] = [...(map[BOS] ?? []), ...pad];
  const missing = new Set<string>();
  for (const p of phonemes) {
    const known = map[p] ?? map[p.toLowerCase()];
    if (!known) {
      missing.add(p);
      continue;
    }
    ids.push(...known, ...pad);
  }
  ids.push(...(map[EOS] ?? []));
  return { ids, missing: [...missing] };
}
