// Everything that can be said about one line on its own: syntax, then the per-task rules of the profile.
// The result depends only on the line text and the settings, which is what makes it cacheable per line.
import type { TaskDiagnostic } from './types';
import type { Settings } from './settings';
import { LineReporter } from './lineReporter';
import { parseLine, type LineKind } from './syntax';
import { TaskInput } from './taskInput';
import { checkSchema } from './rules/schema';
import { checkFieldGroups } from './rules/fieldGroups';
import { checkTextLength } from './rules/textLength';
import { checkTextShort } from './rules/textShort';
import { checkFinalPunctuation } from './rules/finalPunctuation';
import { checkPromptText } from './rules/promptText';
import { checkAudioPath } from './rules/audioPathPortability';
import { checkOutputName, outputNameOf } from './rules/outputName';
import { quickValueRange } from './members';

/** A path-valued field of a task; where its value sits is found only when a problem needs it. */
export interface PathRef {
  field: string;
  raw: string;
}

export interface LineAnalysis {
  kind: LineKind;
  /** Diagnostics with line-relative ranges (line 0). */
  diags: TaskDiagnostic[];
  value?: Record<string, unknown>;
  objStart: number;
  objEnd: number;
  opensObject?: boolean;
  /** The explicit output name (field in profile.fields.outputName); absent when the task uses the default. */
  output?: string;
  /** Memo of value ranges located for later diagnostics (the analysis is cached with its line text). */
  ranges?: Record<string, [number, number]>;
  audio?: PathRef[];
  textFile?: PathRef;
}

function pathRef(input: TaskInput, field: string): PathRef | undefined {
  const raw = input.str(field);
  return raw ? { field, raw } : undefined;
}

/** `knownClean`: the caller checked the whole text has no special characters (skips a per-line scan). */
let sharedRep: LineReporter | undefined;
let sharedInput: TaskInput | undefined;

export function analyzeLine(text: string, settings: Settings, knownClean = false): LineAnalysis {
  const rep = sharedRep ? sharedRep.reset(settings) : (sharedRep = new LineReporter(settings));
  const syntax = parseLine(text, rep, knownClean);
  // Every field set up front: one allocation with a stable shape, no growth as rules fill it in.
  const result: LineAnalysis = {
    kind: syntax.kind,
    diags: rep.diags,
    value: undefined,
    objStart: syntax.objStart,
    objEnd: syntax.objEnd,
    opensObject: syntax.opensObject === true ? true : undefined,
    output: undefined,
    ranges: undefined,
    audio: undefined,
    textFile: undefined,
  };
  if (syntax.kind !== 'object' || !syntax.value) {
    result.diags = rep.diags;
    return result;
  }
  const value = syntax.value;
  result.value = value;
  const profile = settings.profile;
  const input = sharedInput
    ? sharedInput.reset(text, value, syntax.objStart, syntax.objEnd, settings, rep)
    : (sharedInput = new TaskInput(text, value, syntax.objStart, syntax.objEnd, profile, settings, rep, settings.validateTask));
  const reported = checkSchema(input);
  checkFieldGroups(input, reported);

  const f = profile.fields;
  const textField = f.text;
  const text_ = input.str(textField);
  if (textField && text_ !== undefined && !reported.has(textField) && text_ !== '') {
    checkTextLength(input, textField, text_);
    checkTextShort(input, textField, text_);
    checkFinalPunctuation(input, textField, text_);
  }
  checkPromptText(input, reported, text_);

  for (const field of settings.audioFields) {
    if (reported.has(field)) continue;
    const ref = pathRef(input, field);
    if (!ref) continue;
    checkAudioPath(input, field, ref.raw);
    (result.audio ??= []).push(ref);
  }
  if (f.textFile && !reported.has(f.textFile)) result.textFile = pathRef(input, f.textFile);

  if (f.outputName && !reported.has(f.outputName) && value[f.outputName] !== undefined) {
    const name = outputNameOf(value[f.outputName]);
    if (name !== undefined) {
      checkOutputName(input, f.outputName, name);
      result.output = name;
    }
  }
  result.diags = rep.diags;
  return result;
}

/** Value range of a field on a line (or the object's range when absent), for diagnostics made later. */
export function fieldRange(text: string, a: LineAnalysis, field: string | undefined): [number, number] {
  if (!field) return [a.objStart, a.objEnd];
  const memo = a.ranges?.[field];
  if (memo) return memo;
  const r = quickValueRange(text, field, a.objStart) ?? [a.objStart, a.objEnd];
  (a.ranges ??= {})[field] = r;
  return r;
}
