// Reads the runner's `--format json` stdout: one RunEvent per line, arriving in arbitrary chunks.
// Anything that is not an event (a stray print from a voice module, a half line at exit) is handed back as
// plain text so the user still sees it in the log.
import type { RunEvent } from '../../inference/runner/events';

const EVENT_TYPES = new Set([
  'batch-started', 'task-started', 'task-skipped', 'task-succeeded', 'task-failed', 'progress', 'log', 'batch-finished',
]);

export type StreamItem = { event: RunEvent } | { text: string };

export function parseEventLine(line: string): StreamItem | undefined {
  const trimmed = line.trim();
  if (!trimmed) return undefined;
  if (trimmed.startsWith('{')) {
    try {
      const value = JSON.parse(trimmed) as { type?: unknown };
      if (value && typeof value === 'object' && typeof value.type === 'string' && EVENT_TYPES.has(value.type)) {
        return { event: value as RunEvent };
      }
    } catch {
      // not JSON: fall through and show it as text
    }
  }
  return { text: trimmed };
}

/** Splits a byte stream into lines; `push` returns the complete lines' items, `end` flushes the last one. */
export class EventLineReader {
  private pending = '';

  push(chunk: string): StreamItem[] {
    this.pending += chunk;
    const items: StreamItem[] = [];
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) >= 0) {
      const item = parseEventLine(this.pending.slice(0, nl));
      this.pending = this.pending.slice(nl + 1);
      if (item) items.push(item);
    }
    return items;
  }

  end(): StreamItem[] {
    const item = parseEventLine(this.pending);
    this.pending = '';
    return item ? [item] : [];
  }
}
