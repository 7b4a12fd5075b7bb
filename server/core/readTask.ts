// What the runner needs from one task line, in the profile's terms: the text (or text file), the prompt
// audio resolved to an absolute path, the prompt transcript and the output name (default output_NNNN).
import type { ValidationContext } from './context';
import type { Profile } from './profile';
import { makeSettings } from './settings';
import { LineReporter } from './lineReporter';
import { parseLine } from './syntax';
import { resolvePath } from './paths';
import { outputNameOf } from './rules/outputName';
import { defaultOutputName } from './rules/duplicateOutput';

export interface TaskFields {
  text?: string;
  /** Absolute path of the text file (IndexTTS2 text_file), resolved like audio paths. */
  textFile?: string;
  /** Absolute path of the prompt audio. */
  promptAudioPath?: string;
  promptText?: string;
  outputName: string;
}

/** Reads a task from a line (0-based `line`); undefined when the line holds no object. Never throws. */
export function readTask(lineText: string, line: number, profile: Profile, ctx: ValidationContext): TaskFields | undefined {
  try {
    const settings = makeSettings(profile, ctx);
    const syntax = parseLine(lineText, new LineReporter(settings));
    if (syntax.kind !== 'object' || !syntax.value) return undefined;
    const v = syntax.value;
    const f = profile.fields;
    const str = (key?: string): string | undefined => (key && typeof v[key] === 'string' ? (v[key] as string) : undefined);
    const out: TaskFields = { outputName: defaultOutputName(line) };
    const text = str(f.text);
    if (text !== undefined) out.text = text;
    const textFile = str(f.textFile);
    if (textFile) out.textFile = resolvePath(settings.pathBase, textFile);
    const audio = str(f.promptAudio);
    if (audio) out.promptAudioPath = resolvePath(settings.pathBase, audio);
    const promptText = str(f.promptText);
    if (promptText !== undefined) out.promptText = promptText;
    const name = f.outputName ? outputNameOf(v[f.outputName]) : undefined;
    if (name !== undefined && name !== '') out.outputName = name;
    return out;
  } catch {
    return undefined;
  }
}
