// Entry of dist/worker.js: one forked process, one voice loaded once, many synthesize requests one at a time.
// Protocol in ./protocol.ts. Heartbeats come from a timer, so they stop when the event loop is blocked: that is
// how the parent tells a stuck worker from a slow one.
import type { LoadRequest, SynthesizeRequest, WorkerMessage, WorkerRequest } from './protocol';
import { createOnnxSession, defaultAllowSpinning, defaultIntraOpThreads, loadOrt } from './onnxSession';
import { synthesizeTask } from './synthesis';
import { resample } from './audio/resample';
import { encodeWav16 } from './audio/wavIo';
import { errorKindOf, errorMessageOf, type LoadedVoice, type VoiceLoadContext } from './voice';
import { loadVoice } from './voices/loadVoice';

let voice: LoadedVoice | undefined;
let busyId: number | undefined;
let heartbeat: NodeJS.Timeout | undefined;
const queue: SynthesizeRequest[] = [];

function send(message: WorkerMessage): void {
  if (process.connected) process.send!(message);
}

function startHeartbeat(ms: number): void {
  heartbeat = setInterval(() => {
    send({ type: 'heartbeat', ...(busyId !== undefined ? { id: busyId } : {}), rssBytes: process.memoryUsage.rss() });
  }, ms);
}

async function handleLoad(req: LoadRequest): Promise<void> {
  const started = performance.now();
  startHeartbeat(req.heartbeatMs && req.heartbeatMs > 0 ? req.heartbeatMs : 1000);
  const intraOpThreads = req.intraOpThreads && req.intraOpThreads > 0 ? Math.floor(req.intraOpThreads) : defaultIntraOpThreads();
  const ctx: VoiceLoadContext = {
    ep: req.ep ?? 'auto',
    intraOpThreads,
    createSession: (model) => createOnnxSession(model, req.ep ?? 'auto', intraOpThreads, req.allowSpinning ?? defaultAllowSpinning(intraOpThreads)),
    ort: loadOrt,
    log: (level, message) => send({ type: 'log', level, message }),
  };
  try {
    voice = await loadVoice(req.voice, ctx);
  } catch (err) {
    send({ type: 'error', kind: errorKindOf(err, 'load-failed'), message: errorMessageOf(err) });
    setTimeout(() => process.exit(1), 50);
    return;
  }
  // Compile the resampler and WAV writer once before the first task, so its real-time factor is the steady one.
  encodeWav16(resample(new Float32Array(8192), voice.info.sampleRate, voice.info.sampleRate === 24000 ? 22050 : 24000), 24000);
  if (voice.fallbackReason) send({ type: 'log', level: 'warning', message: voice.fallbackReason });
  send({
    type: 'ready',
    provider: voice.provider,
    ...(voice.fallbackReason ? { fallbackReason: voice.fallbackReason } : {}),
    voice: voice.info,
    loadMs: performance.now() - started,
    pid: process.pid,
    ...(voice.provider !== 'none' ? { intraOpThreads: voice.intraOpThreads ?? intraOpThreads } : {}),
  });
}

async function drain(): Promise<void> {
  while (busyId === undefined && queue.length) {
    const req = queue.shift()!;
    busyId = req.id;
    try {
      if (!voice) throw Object.assign(new Error('no voice is loaded (send "load" first)'), { kind: 'load-failed' });
      send(await synthesizeTask(voice, req.id, req.task, send));
    } catch (err) {
      send({ type: 'error', id: req.id, kind: errorKindOf(err, 'model-error'), message: errorMessageOf(err) });
    } finally {
      busyId = undefined;
    }
  }
}

async function shutdown(code: number): Promise<void> {
  if (heartbeat) clearInterval(heartbeat);
  try {
    await voice?.dispose?.();
  } catch {
    // Exiting anyway: nothing is left to report to.
  }
  process.exit(code);
}

process.on('message', (req: WorkerRequest) => {
  switch (req?.type) {
    case 'load':
      void handleLoad(req);
      break;
    case 'synthesize':
      queue.push(req);
      void drain();
      break;
    case 'shutdown':
      void shutdown(0);
      break;
  }
});
// The parent went away (crashed or killed): nobody wants our output any more.
process.on('disconnect', () => void shutdown(0));
