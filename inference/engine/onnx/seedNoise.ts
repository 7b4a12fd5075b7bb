// Seeded noise for models that draw random numbers inside the graph (Piper/VITS: RandomNormalLike for the
// latent noise and the stochastic duration predictor). onnxruntime seeds such ops from the clock and keeps
// advancing them from run to run, so the same task would give different audio every time. On load we replace
// every random op by a counter-based hash of (element index, seed) with the same distribution, and add one
// graph input, SEED_INPUT, that the engine feeds with the task's derived seed: same seed → same bytes.
import type { onnx } from 'onnx-proto';
import { GraphBuilder, decodeModel, encodeDecoded, valueInfo } from './graph';

export const SEED_INPUT = 'tts_batch_seed';

const RANDOM_OPS = new Set(['RandomNormalLike', 'RandomUniformLike', 'RandomNormal', 'RandomUniform']);
/** 2^31 − 1 (prime): every product below stays under 2^62, exact in int64. */
const P = 2147483647;

export interface SeedRewrite {
  bytes: Uint8Array;
  /** How many random ops were replaced (0: the model is deterministic already and gets no seed input). */
  replaced: number;
  /** Random ops that could not be replaced (inside subgraphs, or opset too old): output is not reproducible. */
  problems: string[];
}

function attrNumber(node: onnx.INodeProto, name: string, fallback: number): number {
  const a = node.attribute?.find((x) => x.name === name);
  if (!a) return fallback;
  if (a.f !== undefined && a.f !== null && a.type === 1) return a.f;
  if (a.i !== undefined && a.i !== null) return Number(a.i);
  return fallback;
}

function attrInts(node: onnx.INodeProto, name: string): number[] | undefined {
  const a = node.attribute?.find((x) => x.name === name);
  return a?.ints?.map((v) => Number(v));
}

function hasRandomInSubgraph(graph: onnx.IGraphProto | null | undefined): boolean {
  for (const node of graph?.node ?? []) {
    if (RANDOM_OPS.has(node.opType ?? '')) return true;
    for (const a of node.attribute ?? []) {
      if (a.g && hasRandomInSubgraph(a.g)) return true;
      for (const g of a.graphs ?? []) if (hasRandomInSubgraph(g)) return true;
    }
  }
  return false;
}

/** Uniform (0, 1) values for each element index, from a small chain of exact int64 mixes. */
function uniform(b: GraphBuilder, index: string, seedMix: string, salt: number): string {
  const p = b.i(P);
  const mod = (x: string) => b.op('Mod', [x, p], { fmod: 0 });
  let h = mod(b.op('Add', [b.op('Mul', [index, b.i(48271)]), b.op('Add', [seedMix, b.i((salt * 1000003) % P)])]));
  h = mod(b.op('Add', [b.op('Mul', [h, h]), b.i(12345)]));
  h = mod(b.op('Add', [b.op('Mul', [h, b.i(16807)]), index]));
  h = mod(b.op('Add', [b.op('Mul', [h, h]), b.i(777767777)]));
  h = mod(b.op('Add', [b.op('Mul', [h, b.i(69621)]), b.i(1013904223)]));
  h = mod(b.op('Add', [b.op('Mul', [h, h]), b.i(362436069)]));
  const hf = b.op('Cast', [h], { to: 1 });
  return b.op('Div', [b.op('Add', [hf, b.f(1)]), b.f(P + 1)]);
}

function replacement(node: onnx.INodeProto, position: number, seedInput: string): onnx.INodeProto[] {
  const b = new GraphBuilder(`tts_batch_seed_${position}_`);
  const op = node.opType!;
  const like = op.endsWith('Like');
  let shape: string;
  let count: string;
  if (like) {
    const x = node.input![0];
    shape = b.op('Shape', [x]);
    count = b.op('Size', [x]);
  } else {
    const dims = attrInts(node, 'shape') ?? [];
    shape = b.const('int64', dims, [dims.length]);
    count = b.i(dims.reduce((a, c) => a * c, 1));
  }
  const index = b.op('Range', [b.i(0), count, b.i(1)]);
  const seedMix = b.op('Mod', [b.op('Add', [b.op('Mul', [seedInput, b.i(2654435)]), b.i(position + 1)]), b.i(P)], { fmod: 0 });
  let values: string;
  if (op.startsWith('RandomNormal')) {
    const u1 = uniform(b, index, seedMix, 2 * position + 1);
    const u2 = uniform(b, index, seedMix, 2 * position + 2);
    const radius = b.op('Sqrt', [b.op('Mul', [b.op('Log', [u1]), b.f(-2)])]);
    const z = b.op('Mul', [radius, b.op('Cos', [b.op('Mul', [u2, b.f(2 * Math.PI)])])]);
    values = b.op('Add', [b.op('Mul', [z, b.f(attrNumber(node, 'scale', 1))]), b.f(attrNumber(node, 'mean', 0))]);
  } else {
    const u = uniform(b, index, seedMix, 2 * position + 1);
    const low = attrNumber(node, 'low', 0);
    const high = attrNumber(node, 'high', 1);
    values = b.op('Add', [b.op('Mul', [u, b.f(high - low)]), b.f(low)]);
  }
  const shaped = b.op('Reshape', [values, shape]);
  const dtype = attrNumber(node, 'dtype', 1);
  b.op('Cast', [shaped], { to: dtype }, node.output![0]);
  // Constants become Constant nodes so the replacement is self-contained and can be spliced in place.
  const constants: onnx.INodeProto[] = b.initializers.map((t) => ({
    opType: 'Constant',
    name: `${t.name}_const`,
    input: [],
    output: [t.name!],
    attribute: [{ name: 'value', type: 4, t }],
  }));
  return [...constants, ...b.nodes];
}

/** Returns the model with its random ops seeded by SEED_INPUT (unchanged bytes when there are none). */
export function seedRandomOps(bytes: Uint8Array): SeedRewrite {
  const model = decodeModel(bytes);
  const graph = model.graph;
  const problems: string[] = [];
  if (!graph) return { bytes, replaced: 0, problems };
  for (const node of graph.node ?? []) {
    for (const a of node.attribute ?? []) {
      if (hasRandomInSubgraph(a.g) || (a.graphs ?? []).some(hasRandomInSubgraph)) {
        problems.push(`random op inside the subgraph of ${node.opType} "${node.name}"`);
      }
    }
  }
  const targets = (graph.node ?? []).map((n, i) => ({ n, i })).filter(({ n }) => RANDOM_OPS.has(n.opType ?? ''));
  if (!targets.length) return { bytes, replaced: 0, problems };
  const opset = Number(model.opsetImport.find((o) => !o.domain)?.version ?? 0);
  if (opset < 11) {
    problems.push(`opset ${opset} is older than 11 (Range): random ops left as they are`);
    return { bytes, replaced: 0, problems };
  }
  const nodes: onnx.INodeProto[] = [];
  (graph.node ?? []).forEach((node, i) => {
    if (RANDOM_OPS.has(node.opType ?? '')) nodes.push(...replacement(node, i, SEED_INPUT));
    else nodes.push(node);
  });
  graph.node = nodes as onnx.NodeProto[];
  (graph.input ??= []).push(valueInfo(SEED_INPUT, 'int64', [1]) as onnx.ValueInfoProto);
  return { bytes: encodeDecoded(model), replaced: targets.length, problems };
}
