// The run log: every line timestamped, appended to `<output folder>/<batch name>.log` (the log of every run is
// kept, each starting with its header) and handed to the console when the caller wants it.
import * as fs from 'node:fs';
import { timestamp } from './logFormat';

export class BatchLog {
  private fd: number;

  constructor(
    readonly file: string,
    private readonly echo?: (line: string) => void,
  ) {
    this.fd = fs.openSync(file, 'a');
  }

  write(lines: string[]): void {
    if (!lines.length) return;
    const stamp = timestamp();
    const stamped = lines.map((l) => `${stamp} ${l}`);
    if (this.fd >= 0) {
      try {
        fs.writeSync(this.fd, stamped.join('\n') + '\n');
      } catch {
        // A full disk must not stop the batch; the journal and the console still say what happened.
      }
    }
    if (this.echo) for (const l of stamped) this.echo(l);
  }

  close(): void {
    if (this.fd < 0) return;
    try {
      fs.fsyncSync(this.fd);
    } catch {
      // nothing more to save
    }
    fs.closeSync(this.fd);
    this.fd = -1;
  }
}
