// How much memory a worker holds. RSS from /proc (a worker stuck allocating in a tight loop sends no heartbeat,
// so the heartbeat's figure alone would come too late) and GPU memory per process from nvidia-smi when present.
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

/** Resident set size of a process in bytes, or undefined where /proc is not available. */
export function processRssBytes(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface GpuProbe {
  /** Total memory of the largest GPU, MB. */
  totalMB: number;
  /** GPU memory used per process id, MB. Resolves to an empty map when the query fails. */
  usedByPid(): Promise<Map<number, number>>;
}

/** A probe when `nvidia-smi` answers, else undefined (no GPU, or no driver tools). */
export function probeGpu(): GpuProbe | undefined {
  let totalMB = 0;
  try {
    const r = spawnSync('nvidia-smi', ['--query-gpu=memory.total', '--format=csv,noheader,nounits'], { encoding: 'utf8', timeout: 5000 });
    if (r.status !== 0 || !r.stdout) return undefined;
    totalMB = Math.max(...r.stdout.split('\n').map((s) => Number(s.trim())).filter((n) => Number.isFinite(n) && n > 0));
    if (!Number.isFinite(totalMB) || totalMB <= 0) return undefined;
  } catch {
    return undefined;
  }
  return {
    totalMB,
    usedByPid: () =>
      new Promise((resolve) => {
        execFile(
          'nvidia-smi',
          ['--query-compute-apps=pid,used_memory', '--format=csv,noheader,nounits'],
          { encoding: 'utf8', timeout: 5000 },
          (err, stdout) => {
            const used = new Map<number, number>();
            if (!err) {
              for (const row of stdout.split('\n')) {
                const [pid, mb] = row.split(',').map((s) => Number(s.trim()));
                if (Number.isInteger(pid) && Number.isFinite(mb)) used.set(pid, (used.get(pid) ?? 0) + mb);
              }
            }
            resolve(used);
          },
        );
      }),
  };
}

export function formatMB(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1024 ? `${(mb / 1024).toFixed(2)} GB` : `${Math.round(mb)} MB`;
}
