// The run log's wording, in the form users of GLM-TTS / CosyVoice batch scripts already know, each task line
// carrying `file:line` so terminals and editors link it. One renderer feeds the console and the log file, and
// `tts-batch explain` parses what it writes (keep parseOwnLogLine in step with these formats).
import type { BatchHeader, RunEvent } from './events';

export interface LogContext {
  /** The task file as the user wrote it. */
  taskFileArg: string;
}

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '?');

/** `2026-11-26 01:45:31.123`, local time, the asctime users know from Python logs. */
export function timestamp(d = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

export function headerLines(h: BatchHeader): string[] {
  const provider = h.fallbackReason ? `${h.provider} (${h.fallbackReason})` : h.provider;
  const voice = h.demoVoice ? `${h.voice} (demo voice: tones, not words)` : h.voice;
  const tasks =
    h.totalTasks === h.scheduledTasks
      ? `${h.totalTasks}`
      : `${h.totalTasks} (${h.scheduledTasks} to run${h.doneTasks ? `, ${h.doneTasks} already done` : ''})`;
  return [
    `TTS Batch run: ${h.taskFileArg ?? h.taskFile}`,
    `  Task file:     ${h.taskFile}`,
    `  Profile:       ${h.profile}`,
    `  Voice/model:   ${voice}${h.model ? ` [${h.model}]` : ''}`,
    `  Provider:      ${provider}`,
    `  Seed:          ${h.seed}`,
    `  Sample rate:   ${h.sampleRate} Hz`,
    `  Output folder: ${h.outputDir}`,
    `  Workers:       ${h.workers}${h.intraOpThreads ? ` x ${h.intraOpThreads} thread(s)` : ''}`,
    `  Tasks:         ${tasks}`,
    `  Journal:       ${h.journalFile}`,
    `  Log:           ${h.logFile}`,
  ];
}

/** Human line(s) for an event, without timestamp; undefined for events the log does not show. */
export function describeEvent(e: RunEvent, ctx: LogContext): string[] | undefined {
  const at = (line: number) => `${ctx.taskFileArg}:${line}`;
  switch (e.type) {
    case 'batch-started':
      return headerLines(e.header);
    case 'task-succeeded':
      return [
        `[✓] Task ${e.line} succeeded: ${e.outputName} (${at(e.line)}, ${fmt(e.audioSeconds)} s audio in ${fmt(
          e.synthSeconds ?? e.wallSeconds,
        )} s, RTF ${fmt(e.rtf)})`,
        ...(e.warnings ?? []).map((w) => `[!] Task ${e.line} warning: ${w} (${at(e.line)})`),
      ];
    case 'task-failed':
      return [`[✗] Task ${e.line} failed: ${e.message} (${at(e.line)})`];
    case 'log':
      if (e.line !== undefined) return [`[${e.level === 'info' ? 'i' : '!'}] Task ${e.line} ${e.level}: ${e.message} (${at(e.line)})`];
      return [e.level === 'info' ? e.message : `${e.level === 'error' ? 'ERROR' : 'WARNING'}: ${e.message}`];
    case 'batch-finished': {
      const considered = e.succeeded + e.failed + e.cancelled;
      const out: string[] = [];
      if (e.stopped) out.push(`⏹ Batch stopped: ${e.succeeded}/${considered} tasks succeeded, ${e.cancelled} cancelled.`);
      else out.push(`✅ Batch completed: ${e.succeeded}/${considered} tasks succeeded.`);
      if (e.failedLines.length) {
        out.push(`Failed task lines (${e.failedLines.length}): ${compactLines(e.failedLines)}`);
      }
      if (e.outputDir) out.push(`WAV files: ${e.outputDir}`);
      out.push(`Journal: ${e.journalFile}`, `Log: ${e.logFile}`);
      return out;
    }
    default:
      return undefined;
  }
}

/** `3, 5-9, 17`: the failed lines in a form `--only-lines` accepts. */
export function compactLines(lines: number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i + 1 ? `${sorted[i]}-${sorted[j]}` : j === i + 1 ? `${sorted[i]},${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** What `[✗] Task 17 failed: … (tasks.jsonl:17)` in one of our logs says; undefined for other lines. */
export function parseOwnLogLine(text: string): { line: number; message: string; file: string; kind: 'failed' | 'warning' } | undefined {
  const body = text.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? /, '');
  const m = /^\[(✗|!)\] Task (\d+) (?:failed|warning): (.*) \((.+):(\d+)\)$/.exec(body);
  if (!m) return undefined;
  return { kind: m[1] === '✗' ? 'failed' : 'warning', line: Number(m[2]), message: m[3], file: m[4] };
}

/** Our header's first line, which starts a run in a log file holding several. */
export function isOwnRunStart(text: string): boolean {
  return /^(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? )?TTS Batch run: /.test(text);
}
