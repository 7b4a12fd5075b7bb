// The runner's results journal (`<output folder>/<batch>.results.jsonl`, see inference/runner/journal.ts) read
// into line states, so CodeLenses show the outcome of earlier runs (also runs from a terminal) when a task
// file is opened. Pure: the glue reads the file and passes its text.
import * as path from 'node:path';
import type { JournalRecord } from '../../inference/runner/journal';
import type { LineStates } from './lineStates';

/** Last record of each line wins; torn or foreign lines are skipped (the runner itself does the same). */
export function statesFromJournal(text: string, outputDir: string): LineStates {
  const states: LineStates = new Map();
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    let rec: JournalRecord;
    try {
      rec = JSON.parse(raw) as JournalRecord;
    } catch {
      continue;
    }
    if (!rec || typeof rec !== 'object' || !Number.isInteger(rec.line) || rec.line < 1) continue;
    if (rec.status !== 'succeeded' && rec.status !== 'failed' && rec.status !== 'cancelled') continue;
    // Only a succeeded task has a WAV; a failed one names where it would have gone.
    const outputPath =
      rec.status !== 'succeeded' ? undefined : rec.outputPath ?? (rec.output ? path.resolve(outputDir, ...rec.output.split('/')) : undefined);
    states.set(rec.line, {
      status: rec.status,
      origin: 'journal',
      outputName: (rec as { outputName?: string }).outputName ?? rec.output?.replace(/\.wav$/i, ''),
      outputPath,
      kind: rec.errorKind,
      message: rec.message,
    });
  }
  return states;
}

/** The runner's default: `<task folder>/<batch name>.output` (inference/runner/options.ts). */
export function defaultOutputDir(taskFile: string): string {
  return path.join(path.dirname(taskFile), `${batchName(taskFile)}.output`);
}

export function journalPath(outputDir: string, taskFile: string): string {
  return path.join(outputDir, `${batchName(taskFile)}.results.jsonl`);
}

export function batchName(taskFile: string): string {
  return path.basename(taskFile).replace(/\.(jsonl|json|ndjson|txt)$/i, '') || 'batch';
}
