// One-shot validation of a whole text (or of raw bytes, for the CLI and runner that read files).
import type { TaskDiagnostic } from './types';
import { chooseProfile, type ValidationContext } from './context';
import { makeSettings, makeDiagnostic, range } from './settings';
import { analyzeLine } from './analyze';
import { BatchPass } from './pass';
import { forEachLine } from './lines';
import { finalize, internalError } from './finalize';
import { decodeUtf8 } from './utf8';
import { SPECIAL } from './rules/characters';

export async function validate(text: string, ctx: ValidationContext): Promise<TaskDiagnostic[]> {
  try {
    const settings = makeSettings(chooseProfile(text, ctx), ctx);
    // Line texts are found again from their offsets (keeping 100k slices alive would cost GC time).
    const starts: number[] = [];
    const lineAt = (line: number): string => {
      const s = starts[line];
      if (s === undefined) return '';
      const e = line + 1 < starts.length ? starts[line + 1] : text.length;
      return text.slice(s, e).replace(/\r?\n$|\r$/, '');
    };
    const pass = new BatchPass(settings, lineAt);
    // One scan of the whole text instead of one per line, in the common case of no special characters.
    const clean = !SPECIAL.test(text);
    forEachLine(text, (line, lineText, start) => {
      starts.push(start);
      pass.add(line, lineText, analyzeLine(lineText, settings, clean), true);
    });
    const diags = pass.finishSync();
    const disk = await pass.diskDiagnostics();
    for (const d of disk) diags.push(d);
    return finalize(diags, settings);
  } catch (err) {
    return [internalError(err, ctx.locale)];
  }
}

/**
 * Validates file bytes: invalid UTF-8 is reported at its line and column (the rest of the file is still
 * checked, with U+FFFD in place of the bad bytes); a binary file gets one diagnostic and nothing else.
 */
const EMPTY = new Uint8Array(0);

export async function validateBytes(bytes: Uint8Array, ctx: ValidationContext): Promise<TaskDiagnostic[]> {
  try {
    const decoded = decodeUtf8(bytes);
    // The bytes are not needed any more: let them go before the long part (a 35 MB file is 35 MB less RSS).
    bytes = EMPTY;
    const settings = makeSettings(chooseProfile(undefined, { ...ctx, profile: ctx.profile ?? 'tts-batch' }), ctx);
    if (decoded.binary) {
      const d = makeDiagnostic(settings, 'binary-file', range(0, 0, 0, 0));
      return d ? [d] : [];
    }
    const diags = await validate(decoded.text, ctx);
    if (!decoded.invalidCount) return diags;
    const extra: TaskDiagnostic[] = [];
    for (const p of decoded.invalid) {
      const d = makeDiagnostic(settings, 'invalid-utf8', range(p.line, p.character, p.line, p.character + 1), { bytes: p.bytes }, { byteOffset: p.byteOffset, bytes: p.bytes });
      if (d) extra.push(d);
    }
    return finalize(extra.concat(diags.filter((d) => d.code !== 'too-many-problems')), settings);
  } catch (err) {
    return [internalError(err, ctx.locale)];
  }
}
