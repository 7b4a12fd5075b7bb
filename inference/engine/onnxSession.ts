// onnxruntime sessions with the execution-provider policy of the settings: `cpu`, `cuda` (fail clearly when
// the CUDA provider cannot be had) or `auto` (try CUDA, fall back to the CPU and say why). onnxruntime is
// loaded lazily and only in the worker process: the language server and the extension host never touch it.
import * as os from 'node:os';
import type { InferenceSession } from 'onnxruntime-node';
import type { ExecutionProvider } from './protocol';
import { VoiceError } from './voice';

export interface OnnxSessionHandle {
  session: InferenceSession;
  provider: 'cpu' | 'cuda';
  /** Why the provider differs from the one asked for. */
  fallbackReason?: string;
  intraOpThreads: number;
}

let ortModule: typeof import('onnxruntime-node') | undefined;

export function loadOrt(): typeof import('onnxruntime-node') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!ortModule) {
    ortModule = require('onnxruntime-node') as typeof import('onnxruntime-node');
    // onnxruntime logs a failed CUDA probe as an error on stderr; we report it ourselves (fallbackReason or the
    // load error), so its own logging is kept to fatal messages.
    ortModule.env.logLevel = 'fatal';
  }
  return ortModule;
}

/**
 * Default intra-op threads: every core but one for the rest of the machine (the editor, the runner), at least one,
 * at most 8 — beyond that these small models gain nothing and parallel workers fight over cores.
 */
export function defaultIntraOpThreads(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(8, cores - 1 || 1));
}

function firstLine(message: string): string {
  const line = message.split('\n').find((l) => l.trim()) ?? message;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** Why CUDA failed, in the user's words. */
function explainCudaFailure(err: unknown): string {
  const raw = firstLine(err instanceof Error ? err.message : String(err));
  if (/Failed to load shared library|cannot open shared object|libonnxruntime_providers/i.test(raw)) {
    return `the CUDA provider libraries are not installed next to onnxruntime-node (${raw})`;
  }
  if (/libcuda|driver/i.test(raw)) return `no usable NVIDIA driver (${raw})`;
  if (/cudnn|cublas|cudart/i.test(raw)) return `CUDA or cuDNN runtime libraries are missing (${raw})`;
  return raw;
}

/**
 * Whether onnxruntime's threads may busy-wait between operators, when the user has not said. Spinning shortens
 * each operator's hand-off but keeps cores busy between runs, when the worker writes WAVs and other workers run.
 * Measured: on 2 cores with 2 threads, spinning halved throughput under load; on 16 idle cores with 4 threads,
 * turning it off made each HiFi-GAN run a third slower (README.md, "Thread spinning"). So: spin only where
 * the machine has cores to spare beyond the pool.
 */
export function defaultAllowSpinning(intraOpThreads: number, cores = os.availableParallelism()): boolean {
  return intraOpThreads > 1 && cores >= 2 * intraOpThreads + 2;
}

export async function createOnnxSession(
  model: string | Uint8Array,
  ep: ExecutionProvider,
  intraOpThreads: number,
  allowSpinning = defaultAllowSpinning(intraOpThreads),
): Promise<OnnxSessionHandle> {
  const ort = loadOrt();
  const base: InferenceSession.SessionOptions = {
    intraOpNumThreads: intraOpThreads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    // Warnings about unused initializers and the like are noise for users; errors still throw.
    logSeverityLevel: 3,
    extra: { session: { intra_op: { allow_spinning: allowSpinning ? '1' : '0' }, inter_op: { allow_spinning: allowSpinning ? '1' : '0' } } },
  };
  const create = (providers: string[]) =>
    typeof model === 'string'
      ? ort.InferenceSession.create(model, { ...base, executionProviders: providers })
      : ort.InferenceSession.create(model, { ...base, executionProviders: providers });

  if (ep === 'cuda' || ep === 'auto') {
    try {
      const session = await create(['cuda']);
      return { session, provider: 'cuda', intraOpThreads };
    } catch (err) {
      const why = explainCudaFailure(err);
      if (ep === 'cuda') {
        throw new VoiceError(
          'load-failed',
          `CUDA was requested but cannot be used: ${why}. Install the CUDA provider libraries (see README.md, "GPU"), ` +
            `or choose the execution provider "auto" or "cpu".`,
        );
      }
      // Not a CUDA problem (e.g. an invalid model) fails the same way on the CPU and is reported from there.
      const session = await create(['cpu']);
      return { session, provider: 'cpu', fallbackReason: `CUDA unavailable, using the CPU: ${why}`, intraOpThreads };
    }
  }
  const session = await create(['cpu']);
  return { session, provider: 'cpu', intraOpThreads };
}
