// A small builder for ONNX graphs on top of onnx-proto: the built-in voice, the tests' Piper models and the
// seeding rewrite (random ops → noise derived from the seed) are all written with it. Output bytes depend
// only on what is added, in order: the same calls always encode to the same bytes.
import { onnx } from 'onnx-proto';

export type ElemType = 'float' | 'int64' | 'bool';
export type Dim = number | string;
export type AttrValue = number | number[] | string | { float: number } | { floats: number[] } | { tensor: onnx.ITensorProto };

export const DataType = onnx.TensorProto.DataType;

const elemTypes: Record<ElemType, number> = { float: DataType.FLOAT, int64: DataType.INT64, bool: DataType.BOOL };

export function elemTypeCode(t: ElemType): number {
  return elemTypes[t];
}

export function valueInfo(name: string, type: ElemType, dims: Dim[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: elemTypes[type],
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export function tensor(name: string, type: 'float' | 'int64', dims: number[], values: ArrayLike<number>): onnx.ITensorProto {
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== values.length) throw new Error(`tensor ${name}: ${values.length} values for dims [${dims}]`);
  let raw: Uint8Array;
  if (type === 'float') {
    const a = Float32Array.from(values);
    raw = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  } else {
    const a = BigInt64Array.from(Array.from(values, (v) => BigInt(Math.trunc(v))));
    raw = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  }
  return { name, dataType: elemTypes[type], dims, rawData: raw };
}

function attribute(name: string, value: AttrValue): onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'number') return { name, type: T.INT, i: value };
  if (typeof value === 'string') return { name, type: T.STRING, s: Buffer.from(value, 'utf8') };
  if (Array.isArray(value)) return { name, type: T.INTS, ints: value };
  if ('float' in value) return { name, type: T.FLOAT, f: value.float };
  if ('floats' in value) return { name, type: T.FLOATS, floats: value.floats };
  return { name, type: T.TENSOR, t: value.tensor };
}

export class GraphBuilder {
  readonly nodes: onnx.INodeProto[] = [];
  readonly initializers: onnx.ITensorProto[] = [];
  readonly inputs: onnx.IValueInfoProto[] = [];
  readonly outputs: onnx.IValueInfoProto[] = [];
  private counter = 0;

  constructor(private readonly prefix = 't') {}

  input(name: string, type: ElemType, dims: Dim[]): string {
    this.inputs.push(valueInfo(name, type, dims));
    return name;
  }

  output(name: string, type: ElemType, dims: Dim[]): void {
    this.outputs.push(valueInfo(name, type, dims));
  }

  fresh(hint = ''): string {
    return `${this.prefix}${this.counter++}${hint ? `_${hint}` : ''}`;
  }

  /** A constant tensor (stored as an initializer). Scalars: dims []. */
  const(type: 'float' | 'int64', values: ArrayLike<number>, dims: number[] = [values.length], hint = 'c'): string {
    const name = this.fresh(hint);
    this.initializers.push(tensor(name, type, dims, values));
    return name;
  }

  f(value: number): string {
    return this.const('float', [value], []);
  }

  i(value: number): string {
    return this.const('int64', [value], []);
  }

  /** Adds one node; returns its single output's name (or use opN for several). */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, outName?: string): string {
    return this.opN(opType, inputs, 1, attrs, outName ? [outName] : undefined)[0];
  }

  opN(opType: string, inputs: string[], outputs: number, attrs: Record<string, AttrValue> = {}, names?: string[]): string[] {
    const outs = names ?? Array.from({ length: outputs }, () => this.fresh(opType.toLowerCase()));
    this.nodes.push({
      opType,
      name: this.fresh(`n_${opType}`),
      input: inputs,
      output: outs,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return outs;
  }

  graph(name: string): onnx.IGraphProto {
    return { name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs };
  }
}

export function encodeModel(graph: onnx.IGraphProto, opts: { opset: number; producer: string; docString?: string; metadata?: Record<string, string> }): Uint8Array {
  const model: onnx.IModelProto = {
    irVersion: 8,
    producerName: opts.producer,
    producerVersion: '1',
    docString: opts.docString,
    opsetImport: [{ domain: '', version: opts.opset }],
    graph,
    metadataProps: Object.entries(opts.metadata ?? {}).map(([key, value]) => ({ key, value })),
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

export function decodeModel(bytes: Uint8Array): onnx.ModelProto {
  return onnx.ModelProto.decode(bytes);
}

export function encodeDecoded(model: onnx.ModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}
