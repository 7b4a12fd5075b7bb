// FileFacts over the real disk, for the CLI, the runner, the language server and tests. Cached: one stat per
// distinct path, one listing per folder, one WAV header per file version (path + size + mtime). Answers
// expire after `ttlMs` (long-running runner) or on invalidate() (language server file watchers).
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { FileFacts, PathFacts, WavFacts, WavProblem } from '../core/fileFacts';
import { readWavHeader } from '../core/wavHeader';

interface Timed<T> {
  at: number;
  value: Promise<T>;
}

export interface NodeFileFactsOptions {
  /** How long an answer about a path or folder stays valid; default 2000 ms. Infinity: until invalidate(). */
  ttlMs?: number;
}

export class NodeFileFacts implements FileFacts {
  private readonly ttl: number;
  private readonly paths = new Map<string, Timed<PathFacts>>();
  private readonly lists = new Map<string, Timed<string[] | undefined>>();
  private readonly wavs = new Map<string, { version: string; value: Promise<WavFacts | WavProblem> }>();
  /** Number of stat / readdir / header reads done, for tests and benchmarks that check the batching. */
  readonly counts = { stat: 0, list: 0, wav: 0 };

  constructor(opts: NodeFileFactsOptions = {}) {
    this.ttl = opts.ttlMs ?? 2000;
  }

  private fresh<T>(entry: Timed<T> | undefined): entry is Timed<T> {
    return entry !== undefined && (this.ttl === Infinity || Date.now() - entry.at <= this.ttl);
  }

  path(absPath: string): Promise<PathFacts> {
    const key = path.resolve(absPath);
    const hit = this.paths.get(key);
    if (this.fresh(hit)) return hit.value;
    const value = this.statPath(key);
    this.paths.set(key, { at: Date.now(), value });
    return value;
  }

  private async statPath(abs: string): Promise<PathFacts> {
    this.counts.stat++;
    try {
      const st = await fsp.stat(abs);
      return { kind: st.isDirectory() ? 'directory' : 'file', size: st.size, mtimeMs: st.mtimeMs };
    } catch {
      const caseMatch = await this.realCase(abs, 0);
      return caseMatch && caseMatch !== abs ? { kind: 'missing', caseMatch } : { kind: 'missing' };
    }
  }

  /** The on-disk spelling of a path that exists only with another case (any segment), else undefined. */
  private async realCase(abs: string, depth: number): Promise<string | undefined> {
    const parent = path.dirname(abs);
    if (parent === abs || depth > 64) return undefined;
    const parentFacts = await this.path(parent);
    let realParent: string | undefined = parent;
    if (parentFacts.kind === 'missing') realParent = parentFacts.caseMatch;
    else if (parentFacts.kind !== 'directory') return undefined;
    if (!realParent) return undefined;
    const names = await this.list(realParent);
    if (!names) return undefined;
    const base = path.basename(abs);
    if (realParent !== parent && names.includes(base)) return path.join(realParent, base);
    const lower = base.toLowerCase();
    const match = names.find((n) => n.toLowerCase() === lower);
    return match !== undefined ? path.join(realParent, match) : undefined;
  }

  list(absDir: string): Promise<string[] | undefined> {
    const key = path.resolve(absDir);
    const hit = this.lists.get(key);
    if (this.fresh(hit)) return hit.value;
    this.counts.list++;
    const value = fsp.readdir(key).then(
      (names) => names,
      () => undefined,
    );
    this.lists.set(key, { at: Date.now(), value });
    return value;
  }

  async wav(absPath: string): Promise<WavFacts | WavProblem> {
    const key = path.resolve(absPath);
    const facts = await this.path(key);
    if (facts.kind !== 'file') return { ok: false, reason: facts.kind === 'directory' ? 'it is a folder' : 'the file does not exist' };
    const version = `${facts.size}:${facts.mtimeMs}`;
    const hit = this.wavs.get(key);
    if (hit && hit.version === version) return hit.value;
    const value = this.readHeader(key, facts.size ?? 0);
    this.wavs.set(key, { version, value });
    return value;
  }

  private async readHeader(abs: string, size: number): Promise<WavFacts | WavProblem> {
    this.counts.wav++;
    let fh: fsp.FileHandle | undefined;
    try {
      fh = await fsp.open(abs, 'r');
      const handle = fh;
      return await readWavHeader(async (offset, length) => {
        const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
        if (!buf.length) return new Uint8Array(0);
        const { bytesRead } = await handle.read(buf, 0, buf.length, offset);
        return buf.subarray(0, bytesRead);
      }, size);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return { ok: false, reason: code === 'EACCES' ? 'permission denied' : `cannot be read (${code ?? String(err)})` };
    } finally {
      await fh?.close().catch(() => undefined);
    }
  }

  invalidate(absPath: string): void {
    const key = path.resolve(absPath);
    this.paths.delete(key);
    this.lists.delete(key);
    this.lists.delete(path.dirname(key));
    this.wavs.delete(key);
  }
}
