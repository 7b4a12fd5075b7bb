// Writes the built-in demo voice (models/builtin-voice.onnx + .onnx.json) from its TypeScript definition in
// inference/engine/builtin/builtinModel.ts. Byte-identical on every run (a test checks the committed files).
//   node out/scripts/make-builtin-voice.js [OUTDIR]     (default: <repo>/models)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILTIN_CONFIG_FILE, BUILTIN_MODEL_FILE, buildBuiltinVoice } from '../inference/engine/builtin/builtinModel';
import { repoRoot } from '../test/support/repo';


const outDir = path.resolve(process.argv[2] ?? path.join(repoRoot(), 'models'));
fs.mkdirSync(outDir, { recursive: true });
const { model, config } = buildBuiltinVoice();
fs.writeFileSync(path.join(outDir, BUILTIN_MODEL_FILE), model);
fs.writeFileSync(path.join(outDir, BUILTIN_CONFIG_FILE), config);
process.stdout.write(`wrote ${path.join(outDir, BUILTIN_MODEL_FILE)} (${model.length} bytes) and ${BUILTIN_CONFIG_FILE}\n`);
