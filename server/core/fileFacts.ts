// The only door from the validation core to the disk. The core never imports `fs`: the CLI and the runner
// inject a Node implementation (cached, invalidated by mtime); the language server injects one invalidated by
// file watchers; tests inject the same Node implementation over real temporary folders.

export type PathKind = 'file' | 'directory' | 'missing';

export interface PathFacts {
  kind: PathKind;
  /**
   * When `kind` is 'missing' but an entry exists whose name differs only in case (Linux is case-sensitive),
   * the absolute path as it really is on disk.
   */
  caseMatch?: string;
  size?: number;
  mtimeMs?: number;
}

export interface WavFacts {
  ok: true;
  durationSeconds: number;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** 1 = PCM, 3 = IEEE float, ... */
  audioFormat: number;
}

export interface WavProblem {
  ok: false;
  /** Plain-language reason, e.g. "not a RIFF/WAVE file" or "header says 48 kHz but data chunk is truncated". */
  reason: string;
}

export interface FileFacts {
  /** One answer per distinct path until invalidated. */
  path(absPath: string): Promise<PathFacts>;
  /** Header facts of a WAV file, read once per file version. */
  wav(absPath: string): Promise<WavFacts | WavProblem>;
  /** Entry names of a folder (one listing per folder until invalidated); undefined when it cannot be read. */
  list(absDir: string): Promise<string[] | undefined>;
  /** Forget what is known of a path (and of its folder's listing). */
  invalidate?(absPath: string): void;
}
