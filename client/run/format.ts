// The words the user reads about a run: the progress line, the Output channel lines, the summary. Pure; the
// translator is injected (vscode.l10n.t in the extension, a plain formatter in tests), and every message is
// a key of l10n/bundle.l10n.zh-cn.json.
import type { RunEvent } from '../../inference/runner/events';
import type { RunProgress, BatchFinished } from './runTracker';

export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** `{0}`-style formatting without translation: what vscode.l10n.t does when no bundle applies. */
export const untranslated: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));

export function formatDuration(t: Translate, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('{0} s', s);
  const minutes = Math.round(s / 60);
  if (minutes < 60) return t('{0} min', minutes);
  return t('{0} h {1} min', Math.floor(minutes / 60), minutes % 60);
}

/** "Task 17/50 · 2 failed · ETA 1 min": the task being worked on, failures so far, time left. */
export function progressMessage(t: Translate, p: RunProgress): string {
  const current = p.total === 0 ? 0 : Math.min(p.total, p.done + 1);
  const parts = [t('Task {0}/{1}', current, p.total)];
  if (p.failed > 0) parts.push(t('{0} failed', p.failed));
  if (p.etaSeconds !== undefined && p.done < p.total) parts.push(t('ETA {0}', formatDuration(t, p.etaSeconds)));
  return parts.join(' · ');
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';
export interface LogLine {
  level: LogLevel;
  text: string;
}

/**
 * The Output channel's lines for one event. Failure lines end with the task's absolute `path:line:column`,
 * which the Output panel turns into a link to the task line.
 */
export function logLinesForEvent(t: Translate, e: RunEvent, taskFile: string): LogLine[] {
  switch (e.type) {
    case 'batch-started': {
      const h = e.header;
      const lines: LogLine[] = [
        { level: 'info', text: t('Batch started: {0} · {1} of {2} tasks to run', h.taskFile, h.scheduledTasks, h.totalTasks) },
        {
          level: 'info',
          text: t('Profile {0} · voice {1} · {2} · seed {3} · {4} Hz · {5} worker(s)', h.profile, h.voice, h.provider, h.seed, h.sampleRate, h.workers),
        },
        { level: 'info', text: t('Output folder: {0}', h.outputDir) },
        { level: 'info', text: t('Run log: {0}', h.logFile) },
      ];
      if (h.demoVoice) {
        lines.push({ level: 'warn', text: t('Using the built-in demo voice (tones, not speech). Set "ttsBatch.run.voice" to a voice model to synthesize speech.') });
      }
      if (h.fallbackReason) lines.push({ level: 'warn', text: t('Execution provider fallback: {0}', h.fallbackReason) });
      return lines;
    }
    case 'task-started':
      return [{ level: 'debug', text: t('Task {0} started: {1}', e.line, e.outputName) }];
    case 'task-skipped':
      return e.reason === 'done'
        ? [{ level: 'debug', text: t('Task {0} skipped: {1} is already done', e.line, e.outputName) }]
        : [];
    case 'task-succeeded':
      return [{
        level: 'info' as const,
        text: `[✓] ${t('Task {0} succeeded: {1}', e.line, e.outputName)} (${t('{0} s of audio in {1} s, RTF {2}', round(e.audioSeconds, 1), round(e.synthSeconds ?? e.wallSeconds, 1), round(e.rtf, 2))}) → ${e.outputPath}`,
      }, ...(e.warnings ?? []).map((w): LogLine => ({
        level: 'warn',
        text: `[!] ${t('Task {0}: {1}', e.line, w)} ${e.location ?? `${taskFile}:${e.line}:1`}`,
      }))];
    case 'task-failed':
      return [{
        // A cancelled batch reports every task it did not run: one line each would bury the summary.
        level: e.kind === 'cancelled' ? 'debug' : 'error',
        text: `[✗] ${t('Task {0} failed: {1}', e.line, e.message)} [${e.code ?? e.kind}] ${e.location ?? `${taskFile}:${e.line}:${Math.max(1, e.column)}`}`,
      }];
    case 'progress':
      return [];
    case 'log': {
      const level = e.level === 'warning' ? 'warn' : e.level;
      if (e.line === undefined) return [{ level, text: e.message }];
      return [{ level, text: `[${e.level === 'info' ? 'i' : '!'}] ${t('Task {0}: {1}', e.line, e.message)} ${e.location ?? `${taskFile}:${e.line}:1`}` }];
    }
    case 'batch-finished': {
      const stopped = e.stopped || e.cancelled > 0;
      const mark = stopped ? '⏹' : e.failed > 0 ? '⚠️' : '✅';
      return [{ level: e.failed > 0 || stopped ? 'warn' : 'info', text: `${mark} ${summaryMessage(t, e)}` }];
    }
  }
}

/** "Batch completed: 49/50 tasks succeeded." plus failures and skipped tasks when there are any (the notification's icon says the rest). */
export function summaryMessage(t: Translate, f: BatchFinished): string {
  const ran = f.succeeded + f.failed + f.cancelled;
  if (f.stopped || f.cancelled > 0) {
    return t('Batch cancelled: {0} succeeded, {1} failed, {2} not run.', f.succeeded, f.failed, f.cancelled);
  }
  const main = t('Batch completed: {0}/{1} tasks succeeded.', f.succeeded, ran);
  const extra: string[] = [];
  if (f.failed > 0) extra.push(t('{0} failed.', f.failed));
  if (f.skipped > 0) extra.push(t('{0} already done, skipped.', f.skipped));
  // Sentences follow each other with a space in English, without one in Chinese.
  return extra.reduce((text, next) => t('{0} {1}', text, next), main);
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
