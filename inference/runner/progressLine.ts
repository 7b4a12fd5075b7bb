// The live status line under the log on a terminal: task N/M, failures, elapsed, ETA. Log lines print above it.
import type { RunEvent } from './events';

type Progress = Extract<RunEvent, { type: 'progress' }>;

function clock(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s)) return '--:--';
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  const p = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${p(m)}:${p(sec)}` : `${p(m)}:${p(sec)}`;
}

export class ProgressLine {
  private last: Progress | undefined;
  private lastAt = 0;
  private shown = false;
  private readonly ticker: NodeJS.Timeout;

  constructor(private readonly out: NodeJS.WriteStream) {
    // Keeps the elapsed time moving while a long task runs.
    this.ticker = setInterval(() => this.draw(), 1000);
    this.ticker.unref();
  }

  update(p: Progress): void {
    this.last = p;
    this.lastAt = Date.now();
    this.draw();
  }

  println(line: string): void {
    this.erase();
    this.out.write(line + '\n');
    this.draw();
  }

  clear(): void {
    clearInterval(this.ticker);
    this.erase();
    this.last = undefined;
  }

  private erase(): void {
    if (this.shown) this.out.write('\r\x1b[2K');
    this.shown = false;
  }

  private draw(): void {
    const p = this.last;
    if (!p) return;
    const since = (Date.now() - this.lastAt) / 1000;
    const elapsed = p.elapsedSeconds + since;
    const eta = p.etaSeconds === undefined ? undefined : Math.max(0, p.etaSeconds - since);
    const width = this.out.columns || 80;
    const text = `▶ ${p.done}/${p.total} tasks done${p.failed ? ` · ${p.failed} failed` : ''} · ${clock(elapsed)} elapsed · ETA ${clock(eta)}`;
    this.out.write('\r\x1b[2K' + text.slice(0, width - 1));
    this.shown = true;
  }
}
