// Typing inside a task line (the common keystroke) changes only that line's own problems: the facts other
// lines depend on — the line being one object, its output name, its audio and text-file paths — stay the
// same. Then the previous check is patched with that line's fresh diagnostics instead of re-checking the
// whole file. Anything else (lines added or removed, a name or path changed, a problem that involves other
// lines, the profile-deciding first lines, a capped list) takes the full check. The protocol tests compare
// patched results with a fresh check of the same text after random edits.
// (This decision would sit better inside the core's TaskDocument; it lives here until the core does it.)
import { readTask, sortDiagnostics, validate, type TaskDiagnostic, type ValidationContext } from '../core';
import type { OpenDocument } from './openDocument';

// Codes whose diagnostics depend on other lines or on the file as a whole.
const crossLine = new Set(['duplicate-output', 'multi-line-object', 'blank-line', 'batch-too-large', 'empty-file',
  'too-many-problems', 'internal-error', 'utf8-bom', 'binary-file', 'invalid-utf8']);

const maxPatchedLines = 32;

/** What other lines can see of a task line; undefined when it is not a plain object line. */
function crossLineFacts(doc: OpenDocument, ctx: ValidationContext, text: string, line: number): string | undefined {
  const t = readTask(text, line, doc.doc.profile, ctx);
  if (!t) return undefined;
  return JSON.stringify([t.outputName, t.promptAudioPath ?? null, t.textFile ?? null]);
}

/** The previous diagnostics with the edited lines' own problems re-checked, or undefined (check the file). */
export async function patchedDiagnostics(doc: OpenDocument, previous: TaskDiagnostic[], ctx: ValidationContext,
  maxProblems: number): Promise<TaskDiagnostic[] | undefined> {
  if (doc.structural || !doc.editedLines.size || doc.editedLines.size > maxPatchedLines) return undefined;
  if (doc.doc.profile.audioFields?.length) return undefined; // extra audio keys: not among the compared facts
  if (previous.length >= maxProblems) return undefined;
  const edited = doc.editedLines;
  const involved = new Set<number>();
  for (const d of previous) {
    if (crossLine.has(d.code) || d.range.start.line !== d.range.end.line) {
      for (let l = d.range.start.line; l <= d.range.end.line; l++) involved.add(l);
    }
    for (const r of d.related ?? []) involved.add(r.range.start.line);
  }
  const fresh: TaskDiagnostic[] = [];
  for (const [line, before] of edited) {
    if (line <= doc.detectionHorizon || line >= doc.doc.lineCount || involved.has(line)) return undefined;
    const now = doc.doc.lineText(line);
    const facts = crossLineFacts(doc, ctx, now, line);
    if (facts === undefined || facts !== crossLineFacts(doc, ctx, before, line)) return undefined;
    const own = await validate(now, { ...ctx, profile: doc.doc.profile.id, maxProblems: undefined });
    for (const d of own) {
      if (crossLine.has(d.code) || d.range.start.line !== 0 || d.range.end.line !== 0) return undefined;
      d.range = { start: { line, character: d.range.start.character }, end: { line, character: d.range.end.character } };
      fresh.push(d);
    }
  }
  const kept = previous.filter((d) => !edited.has(d.range.start.line));
  const out = sortDiagnostics(kept.concat(fresh));
  return out.length > maxProblems ? undefined : out;
}
