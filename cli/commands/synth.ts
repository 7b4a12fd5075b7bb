// `tts-batch synth`: one text → one WAV through the same worker process a batch uses, printing the provider,
// the voice, the duration and the real-time factor. Exit 0 success, 1 synthesis failed, 2 usage error.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { ExecutionProvider, SynthesisTask } from '../../inference/engine/protocol';
import { voiceSpecFromSetting } from '../../inference/engine/voiceSpec';
import { EngineError, EngineWorker } from '../../inference/engine/workerClient';

const help = `Usage: tts-batch synth --text "…" --out FILE.wav [options]

Synthesize one text with the local engine (the same worker process a batch run uses).

Options:
  --text TEXT            text to speak (or --text-file FILE, UTF-8)
  --out FILE.wav         where to write the 16-bit PCM mono WAV (written whole, or not at all)
  --prompt WAV           prompt (reference) audio; the built-in voice takes its pitch from it
  --prompt-text TEXT     transcript of the prompt audio (passed to voices that use it)
  --voice PATH           Piper voice (voice.onnx with voice.onnx.json beside it, or their folder),
                         a JavaScript module voice (.js), or "builtin" (default: the built-in demo voice,
                         which makes tones, not words)
  --speaker S            speaker name or id of a multi-speaker Piper voice
  --seed N               random seed (default 42): same text, voice and seed → identical file
  --sample-rate HZ       output sample rate (default 24000)
  --ep auto|cpu|cuda     execution provider (default auto: CUDA when available, else the CPU)
  --threads N            onnxruntime intra-op threads (default: cores − 1, at most 8)
  --max-segment-units N  long text is split at sentence ends into segments of at most N units
                         (one CJK character or one word; default 80)
  --format text|json     output style (json: one object with the result)

Exit codes: 0 written, 1 synthesis failed, 2 usage error.
`;

class UsageError extends Error {}

function intOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`--${name} must be an integer (got "${value}")`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max} (got ${n})`);
  return n;
}

export async function runSynth(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        text: { type: 'string' },
        'text-file': { type: 'string' },
        out: { type: 'string', short: 'o' },
        prompt: { type: 'string' },
        'prompt-text': { type: 'string' },
        voice: { type: 'string' },
        speaker: { type: 'string' },
        seed: { type: 'string' },
        'sample-rate': { type: 'string' },
        ep: { type: 'string' },
        threads: { type: 'string' },
        'max-segment-units': { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    process.stderr.write(`tts-batch synth: ${err instanceof Error ? err.message : String(err)}\n\n${help}`);
    return 2;
  }
  const o = parsed.values;
  if (o.help) {
    process.stdout.write(help);
    return 0;
  }
  const json = o.format === 'json';
  let task: SynthesisTask;
  let finalPath: string;
  let voice;
  let ep: ExecutionProvider;
  let threads: number | undefined;
  try {
    if (o.format !== undefined && o.format !== 'text' && o.format !== 'json') throw new UsageError('--format must be text or json');
    if (o.text !== undefined && o['text-file'] !== undefined) throw new UsageError('give --text or --text-file, not both');
    let text = o.text;
    if (o['text-file'] !== undefined) {
      try {
        text = fs.readFileSync(path.resolve(o['text-file']), 'utf8');
      } catch {
        throw new UsageError(`cannot read --text-file ${o['text-file']}`);
      }
    }
    if (text === undefined || !text.trim()) throw new UsageError('--text is required (the text to speak)');
    if (!o.out) throw new UsageError('--out FILE.wav is required');
    const out = path.resolve(o.out);
    if (!fs.existsSync(path.dirname(out))) throw new UsageError(`the folder of --out does not exist: ${path.dirname(out)}`);
    if (fs.existsSync(out) && fs.statSync(out).isDirectory()) throw new UsageError(`--out is a folder: ${out}`);
    ep = (o.ep ?? 'auto') as ExecutionProvider;
    if (!['auto', 'cpu', 'cuda'].includes(ep)) throw new UsageError(`--ep must be auto, cpu or cuda (got "${o.ep}")`);
    threads = intOption(o.threads, 'threads', 1, 256);
    const seed = intOption(o.seed, 'seed', 0, Number.MAX_SAFE_INTEGER) ?? 42;
    const sampleRate = intOption(o['sample-rate'], 'sample-rate', 4000, 192000) ?? 24000;
    const maxSegmentUnits = intOption(o['max-segment-units'], 'max-segment-units', 1, 100000);
    let prompt: string | undefined;
    if (o.prompt !== undefined) {
      prompt = path.resolve(o.prompt);
      if (!fs.existsSync(prompt)) throw new UsageError(`--prompt not found: ${prompt}`);
    }
    voice = voiceSpecFromSetting(o.voice, process.cwd());
    if (voice.kind !== 'builtin') {
      const file = voice.kind === 'module' ? voice.modulePath : voice.modelPath;
      if (!fs.existsSync(file)) throw new UsageError(`--voice not found: ${file}`);
    }
    task = {
      text,
      ...(prompt ? { promptAudioPath: prompt } : {}),
      ...(o['prompt-text'] !== undefined ? { promptText: o['prompt-text'] } : {}),
      ...(o.speaker !== undefined ? { speaker: /^\d+$/.test(o.speaker) ? Number(o.speaker) : o.speaker } : {}),
      seed,
      sampleRate,
      ...(maxSegmentUnits ? { maxSegmentUnits } : {}),
      // Written beside the target and renamed: a failed run leaves no half-written file under the real name.
      outputPath: path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.partial.wav`),
    };
    finalPath = out;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`tts-batch synth: ${err.message}\n\nRun "tts-batch synth --help" for the options.\n`);
      return 2;
    }
    throw err;
  }

  const started = performance.now();
  let worker: EngineWorker | undefined;
  try {
    worker = await EngineWorker.start({ voice, ep, ...(threads ? { intraOpThreads: threads } : {}) });
    worker.on('log', (m) => {
      if (m.level === 'warning' && !json && m.message !== worker?.ready.fallbackReason) process.stderr.write(`warning: ${m.message}\n`);
    });
    const r = worker.ready;
    if (!json) {
      process.stdout.write(`voice: ${r.voice.name}${r.voice.demo ? ' (tones, not words)' : ''}, ${r.voice.sampleRate} Hz\n`);
      process.stdout.write(`provider: ${r.provider}${r.fallbackReason ? ` (${r.fallbackReason})` : ''}${r.intraOpThreads ? `, ${r.intraOpThreads} thread(s)` : ''}\n`);
    }
    const result = await worker.synthesize(task);
    fs.renameSync(result.outputPath, finalPath);
    const rtf = result.synthMs / 1000 / Math.max(result.audioSeconds, 1e-9);
    if (json) {
      process.stdout.write(
        `${JSON.stringify({ ok: true, outputPath: finalPath, provider: r.provider, fallbackReason: r.fallbackReason, voice: r.voice, audioSeconds: result.audioSeconds, sampleRate: result.sampleRate, samples: result.samples, segments: result.segments, synthMs: result.synthMs, loadMs: r.loadMs, rtf, sha256: result.sha256, warnings: result.warnings ?? [] })}\n`,
      );
    } else {
      for (const w of result.warnings ?? []) process.stderr.write(`warning: ${w}\n`);
      process.stdout.write(
        `wrote ${finalPath}: ${result.audioSeconds.toFixed(2)} s at ${result.sampleRate} Hz, ${result.segments ?? 1} segment(s)\n` +
          `synthesis ${(result.synthMs / 1000).toFixed(2)} s (real-time factor ${rtf.toFixed(3)}), voice load ${(r.loadMs / 1000).toFixed(2)} s, total ${((performance.now() - started) / 1000).toFixed(2)} s\n`,
      );
    }
    return 0;
  } catch (err) {
    const kind = err instanceof EngineError ? err.kind : 'error';
    const message = err instanceof Error ? err.message : String(err);
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, kind, message })}\n`);
    else process.stderr.write(`tts-batch synth: ${kind}: ${message}\n`);
    try {
      fs.rmSync(task.outputPath, { force: true });
    } catch {
      // Nothing to clean up.
    }
    return 1;
  } finally {
    await worker?.shutdown();
  }
}
