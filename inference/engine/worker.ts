// Entry of dist/worker.js: one forked process, one voice loaded once, many synthesize requests. The voice runs
// them one at a time in the order they came, on the main thread; each finished rendering goes to the finisher
// thread (./finisher.ts) for its WAV while the voice starts the next request (pipelining: the parent may send
// requests before earlier ones finish). Protocol in ./protocol.ts. Heartbeats come from a main-thread timer, so
// they stop when the voice blocks the event loop: that is how the parent tells a stuck worker from a slow one.
import { isMainThread, workerData } from 'node:worker_threads';
import type { LoadRequest, SynthesizeRequest, WorkerMessage, WorkerRequest } from './protocol';
import { Finisher, FINISHER_ROLE, runFinisherThread } from './finisher';
import { createOnnxSession, defaultAllowSpinning, defaultIntraOpThreads, loadOrt } from './onnxSession';
import { renderTask, type RenderedTask } from './synthesis';
import { resample } from './audio/resample';
import { encodeWav16 } from './audio/wavIo';
import { errorKindOf, errorMessageOf, type LoadedVoice, type VoiceLoadContext } from './voice';
import { loadVoice } from './voices/loadVoice';

let voice: LoadedVoice | undefined;
/** The request the voice is rendering. */
let busyId: number | undefined;
let heartbeat: NodeJS.Timeout | undefined;
const queue: SynthesizeRequest[] = [];
const finisher = new Finisher(__filename);

function send(message: WorkerMessage): void {
  if (process.connected) process.send!(message);
}

function startHeartbeat(ms: number): void {
  heartbeat = setInterval(() => {
    const id = busyId ?? finisher.oldest;
    send({ type: 'heartbeat', ...(id !== undefined ? { id } : {}), rssBytes: process.memoryUsage.rss() });
  }, ms);
}

async function handleLoad(req: LoadRequest): Promise<void> {
  const started = performance.now();
  startHeartbeat(req.heartbeatMs && req.heartbeatMs > 0 ? req.heartbeatMs : 1000);
  finisher.start();
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
    send({ type: 'started', id: req.id });
    let rendered: RenderedTask;
    try {
      if (!voice) throw Object.assign(new Error('no voice is loaded (send "load" first)'), { kind: 'load-failed' });
      rendered = await renderTask(voice, req.id, req.task, send);
    } catch (err) {
      send({ type: 'error', id: req.id, kind: errorKindOf(err, 'model-error'), message: errorMessageOf(err) });
      continue;
    } finally {
      busyId = undefined;
    }
    finisher.finish(rendered).then(send, (err: unknown) =>
      send({ type: 'error', id: req.id, kind: errorKindOf(err, 'write-error'), message: errorMessageOf(err) }),
    );
  }
}

async function shutdown(code: number): Promise<void> {
  if (heartbeat) clearInterval(heartbeat);
  try {
    // Results already under way are delivered before the process ends.
    if (process.connected) await finisher.idle();
    await voice?.dispose?.();
  } catch {
    // Exiting anyway: nothing is left to report to.
  }
  process.exit(code);
}

function serve(): void {
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
}

// The same bundle runs as the finisher thread (./finisher.ts) when started as one.
if (!isMainThread && (workerData as { role?: string } | null)?.role === FINISHER_ROLE) runFinisherThread();
else serve();
