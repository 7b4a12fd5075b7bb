// Every message the validator shows, in English and Simplified Chinese. One plain sentence: what is wrong,
// then how to fix it. Parameters are filled in by the rule that reports the problem.
import type { Locale, Severity } from './types';

type Params = Record<string, string | number>;
type Entry = { severity: Severity; en: (p: Params) => string; zh: (p: Params) => string };

const s = (p: Params, k: string): string => String(p[k] ?? '');

export const CATALOG: Record<string, Entry> = {
  'invalid-json': {
    severity: 'error',
    en: (p) => `Line is not valid JSON: ${s(p, 'reason')}. Each line must be one complete JSON object.`,
    zh: (p) => `这一行不是有效的 JSON：${s(p, 'reasonZh')}。每一行必须是一个完整的 JSON 对象。`,
  },
  'trailing-comma': {
    severity: 'error',
    en: () => 'Trailing comma after the object: JSONL lines are not separated by commas. Delete the comma.',
    zh: () => '对象后面多了逗号：JSONL 的各行之间不用逗号分隔。请删除这个逗号。',
  },
  'multi-line-object': {
    severity: 'error',
    en: (p) => `This object is split over lines ${s(p, 'from')}-${s(p, 'to')}: line-based readers see each line alone and fail. Join it into one line.`,
    zh: (p) => `这个对象被拆分到了第 ${s(p, 'from')}-${s(p, 'to')} 行：按行读取的程序会逐行解析而失败。请合并为一行。`,
  },
  'not-an-object': {
    severity: 'error',
    en: (p) => `Line is JSON but ${s(p, 'kind')}, not an object: each task must be one {...} object.`,
    zh: (p) => `这一行是 JSON，但它是${s(p, 'kindZh')}而不是对象：每个任务必须是一个 {...} 对象。`,
  },
  'multiple-objects': {
    severity: 'error',
    en: (p) => `${s(p, 'count')} objects on one line: put each task on its own line.`,
    zh: (p) => `一行里有 ${s(p, 'count')} 个对象：请把每个任务放在单独的一行。`,
  },
  'stray-characters': {
    severity: 'error',
    en: (p) => `Stray characters ${s(p, 'where')} the object: ${s(p, 'text')}. Remove them.`,
    zh: (p) => `对象${s(p, 'whereZh')}有多余的字符：${s(p, 'text')}。请删除。`,
  },
  'utf8-bom': {
    severity: 'error',
    en: () => 'The line starts with a UTF-8 byte order mark (BOM): Python json loaders fail with "Unexpected UTF-8 BOM". Save the file as UTF-8 without BOM.',
    zh: () => '这一行以 UTF-8 BOM（字节顺序标记）开头：Python 的 json 读取会报错 "Unexpected UTF-8 BOM"。请保存为不带 BOM 的 UTF-8。',
  },
  'control-character': {
    severity: 'error',
    en: (p) => `Control character ${s(p, 'char')} in the line: it is invalid in JSON strings and invisible in editors. Remove it or write it as the escape ${s(p, 'escape')}.`,
    zh: (p) => `行中有控制字符 ${s(p, 'char')}：它在 JSON 字符串中无效，且在编辑器里看不见。请删除，或写成转义 ${s(p, 'escape')}。`,
  },
  'invisible-character': {
    severity: 'warning',
    en: (p) => `Invisible character ${s(p, 'char')} (${s(p, 'name')}): it may be read aloud oddly or break names and paths. Remove it.`,
    zh: (p) => `不可见字符 ${s(p, 'char')}（${s(p, 'name')}）：可能被读错，或破坏文件名和路径。请删除。`,
  },
  'line-separator': {
    severity: 'warning',
    en: (p) => `Unicode ${s(p, 'name')} ${s(p, 'char')} inside the line: some line-based readers split the task here. Replace it with a space or the escape ${s(p, 'escape')}.`,
    zh: (p) => `行内有 Unicode ${s(p, 'name')} ${s(p, 'char')}：一些按行读取的程序会在这里把任务断开。请换成空格或转义 ${s(p, 'escape')}。`,
  },
  'invalid-utf8': {
    severity: 'error',
    en: (p) => `Invalid UTF-8 (byte ${s(p, 'bytes')}): the file is not saved as UTF-8 here. Re-save it as UTF-8 (it may be GBK or Latin-1).`,
    zh: (p) => `无效的 UTF-8（字节 ${s(p, 'bytes')}）：文件这里不是 UTF-8 编码。请另存为 UTF-8（原文件可能是 GBK 或 Latin-1）。`,
  },
  'binary-file': {
    severity: 'error',
    en: () => 'This is not a text file (binary content): a task file must be UTF-8 text with one JSON object per line.',
    zh: () => '这不是文本文件（含二进制内容）：任务文件必须是每行一个 JSON 对象的 UTF-8 文本。',
  },
  'blank-line': {
    severity: 'error',
    en: (p) => `${s(p, 'lines')}: ${s(p, 'profile')} stops the whole run on a blank line (json.JSONDecodeError: Expecting value). Delete it.`,
    zh: (p) => `${s(p, 'linesZh')}：${s(p, 'profile')} 遇到空行会让整个批处理中断（json.JSONDecodeError: Expecting value）。请删除。`,
  },
  'empty-file': {
    severity: 'warning',
    en: () => 'The task file is empty: add one JSON object per line, one line per task.',
    zh: () => '任务文件是空的：请每行写一个 JSON 对象，一行一个任务。',
  },
  'batch-too-large': {
    severity: 'information',
    en: (p) => `${s(p, 'tasks')} tasks in one file: batches over 100 tasks are hard to retry and review. Consider splitting into ${s(p, 'files')} files of 50-100 tasks.`,
    zh: (p) => `一个文件有 ${s(p, 'tasks')} 个任务：超过 100 个任务的批次不便重试和检查。建议拆成 ${s(p, 'files')} 个各 50-100 个任务的文件。`,
  },
  'missing-field': {
    severity: 'error',
    en: (p) => `Missing required field "${s(p, 'field')}" (${s(p, 'profile')}).${p.suggestion ? ` "${s(p, 'suggestion')}" looks like a misspelling of it: rename it.` : ' Add it.'}`,
    zh: (p) => `缺少必填字段 "${s(p, 'field')}"（${s(p, 'profile')}）。${p.suggestion ? `"${s(p, 'suggestion')}" 像是它的误写：请改名。` : '请补上。'}`,
  },
  'wrong-type': {
    severity: 'error',
    en: (p) => `"${s(p, 'field')}" must be ${s(p, 'expected')}, not ${s(p, 'actual')}.`,
    zh: (p) => `"${s(p, 'field')}" 必须是${s(p, 'expectedZh')}，而不是${s(p, 'actualZh')}。`,
  },
  'empty-field': {
    severity: 'error',
    en: (p) => `"${s(p, 'field')}" is empty: give it a value.`,
    zh: (p) => `"${s(p, 'field')}" 为空：请填写。`,
  },
  'unknown-key': {
    severity: 'warning',
    en: (p) => `Unknown key "${s(p, 'key')}" for ${s(p, 'profile')}${p.suggestion ? `: did you mean "${s(p, 'suggestion')}"?` : ` (known keys: ${s(p, 'known')}).`}`,
    zh: (p) => `${s(p, 'profile')} 不认识键 "${s(p, 'key')}"${p.suggestion ? `：是否应为 "${s(p, 'suggestion')}"？` : `（可用的键：${s(p, 'known')}）。`}`,
  },
  'invalid-value': {
    severity: 'error',
    en: (p) => `"${s(p, 'field')}" ${s(p, 'reason')}.`,
    zh: (p) => `"${s(p, 'field')}" ${s(p, p.reasonZh !== undefined ? 'reasonZh' : 'reason')}。`,
  },
  'conflicting-fields': {
    severity: 'error',
    en: (p) => `${s(p, 'fields')} cannot be used together: keep only one.`,
    zh: (p) => `${s(p, 'fields')} 不能同时使用：只保留一个。`,
  },
  'missing-one-of': {
    severity: 'error',
    en: (p) => `One of ${s(p, 'fields')} is required.`,
    zh: (p) => `必须提供 ${s(p, 'fields')} 之一。`,
  },
  'sum-too-large': {
    severity: 'error',
    en: (p) => `The values of "${s(p, 'field')}" sum to ${s(p, 'sum')}; at most ${s(p, 'max')} is allowed. Lower some of them.`,
    zh: (p) => `"${s(p, 'field')}" 的各值之和为 ${s(p, 'sum')}，最多允许 ${s(p, 'max')}。请调低部分数值。`,
  },
  'audio-not-found': {
    severity: 'error',
    en: (p) => `Audio file not found: ${s(p, 'path')} (looked for ${s(p, 'resolved')}).${p.nearest ? ` Similar files: ${s(p, 'nearest')}.` : ''}`,
    zh: (p) => `找不到音频文件：${s(p, 'path')}（查找位置 ${s(p, 'resolved')}）。${p.nearest ? `相近的文件：${s(p, 'nearest')}。` : ''}`,
  },
  'audio-case-mismatch': {
    severity: 'error',
    en: (p) => `Audio file exists only as "${s(p, 'actual')}": on Linux "${s(p, 'name')}" is a different file (names are case-sensitive). Use the exact name.`,
    zh: (p) => `音频文件的实际名称是 "${s(p, 'actual')}"：Linux 区分大小写，"${s(p, 'name')}" 是另一个文件。请使用完全一致的名称。`,
  },
  'audio-is-directory': {
    severity: 'error',
    en: (p) => `${s(p, 'path')} is a folder, not an audio file: name a WAV file in it.`,
    zh: (p) => `${s(p, 'path')} 是文件夹而不是音频文件：请写出其中的 WAV 文件。`,
  },
  'audio-not-wav': {
    severity: 'error',
    en: (p) => `${s(p, 'path')} is not a readable WAV file (${s(p, 'reason')}): convert it to PCM WAV.`,
    zh: (p) => `${s(p, 'path')} 不是可读取的 WAV 文件（${s(p, 'reason')}）：请转换为 PCM WAV。`,
  },
  'audio-too-short': {
    severity: 'warning',
    en: (p) => `Prompt audio is only ${s(p, 'seconds')} s: under ${s(p, 'min')} s the voice is cloned poorly; 3-10 s works best.`,
    zh: (p) => `提示音频只有 ${s(p, 'seconds')} 秒：短于 ${s(p, 'min')} 秒克隆效果差；3-10 秒最好。`,
  },
  'audio-too-long': {
    severity: 'warning',
    en: (p) => `Prompt audio is ${s(p, 'seconds')} s: over ${s(p, 'max')} s slows synthesis and can hurt quality; trim it to 3-10 s.`,
    zh: (p) => `提示音频长 ${s(p, 'seconds')} 秒：超过 ${s(p, 'max')} 秒会变慢并可能降低质量；请剪到 3-10 秒。`,
  },
  'audio-over-limit': {
    severity: 'error',
    en: (p) => `Prompt audio is ${s(p, 'seconds')} s: most cloning models reject prompts over ${s(p, 'max')} s. Trim it to 3-10 s.`,
    zh: (p) => `提示音频长 ${s(p, 'seconds')} 秒：多数克隆模型拒绝超过 ${s(p, 'max')} 秒的提示音频。请剪到 3-10 秒。`,
  },
  'audio-low-sample-rate': {
    severity: 'warning',
    en: (p) => `Prompt audio is sampled at ${s(p, 'rate')} Hz: under ${s(p, 'min')} Hz the cloned voice sounds muffled. Use a 16 kHz or better recording.`,
    zh: (p) => `提示音频采样率为 ${s(p, 'rate')} Hz：低于 ${s(p, 'min')} Hz 克隆的声音会发闷。请使用 16 kHz 或更高的录音。`,
  },
  'path-spaces': {
    severity: 'warning',
    en: () => 'The path contains spaces: scripts and shells often break on them. Rename the file without spaces.',
    zh: () => '路径中有空格：脚本和命令行经常因此出错。请把文件改成不含空格的名字。',
  },
  'path-non-ascii': {
    severity: 'warning',
    en: () => 'The path contains non-ASCII characters: they break on systems with other encodings. Prefer ASCII file names.',
    zh: () => '路径中有非 ASCII 字符（如中文）：在其他编码的系统上会出错。建议使用 ASCII 文件名。',
  },
  'path-backslash': {
    severity: 'warning',
    en: (p) => `The path uses backslashes: on Linux they are part of the file name, not folder separators. Write "${s(p, 'replacement')}".`,
    zh: (p) => `路径使用了反斜杠：在 Linux 上它是文件名的一部分，不是目录分隔符。请写成 "${s(p, 'replacement')}"。`,
  },
  'path-outside-project': {
    severity: 'warning',
    en: (p) => `Absolute path outside the project (${s(p, 'root')}): the batch will not work on another machine. Copy the file into the project and use a relative path.`,
    zh: (p) => `项目（${s(p, 'root')}）之外的绝对路径：换一台机器批处理就会失败。请把文件复制到项目中并使用相对路径。`,
  },
  'text-file-not-found': {
    severity: 'error',
    en: (p) => `Text file not found: ${s(p, 'path')} (looked for ${s(p, 'resolved')}).`,
    zh: (p) => `找不到文本文件：${s(p, 'path')}（查找位置 ${s(p, 'resolved')}）。`,
  },
  'empty-text': {
    severity: 'error',
    en: (p) => `"${s(p, 'field')}" is empty: there is nothing to synthesize.`,
    zh: (p) => `"${s(p, 'field')}" 为空：没有可合成的内容。`,
  },
  'text-too-long': {
    severity: 'warning',
    en: (p) => `Text is ${s(p, 'units')} units long (recommended at most ${s(p, 'limit')}): long text loses prosody and memory. Split it into ${s(p, 'pieces')} tasks at sentence ends.`,
    zh: (p) => `文本长 ${s(p, 'units')} 个单位（建议不超过 ${s(p, 'limit')}）：过长会影响韵律并占用大量显存。请在句末拆成 ${s(p, 'pieces')} 个任务。`,
  },
  'text-over-limit': {
    severity: 'error',
    en: (p) => `Text is ${s(p, 'units')} units long, over the safe maximum of ${s(p, 'limit')}: it risks running out of GPU memory. Split it into ${s(p, 'pieces')} tasks at sentence ends.`,
    zh: (p) => `文本长 ${s(p, 'units')} 个单位，超过安全上限 ${s(p, 'limit')}：可能耗尽显存。请在句末拆成 ${s(p, 'pieces')} 个任务。`,
  },
  'text-too-short': {
    severity: 'warning',
    en: (p) => `Text is only ${s(p, 'chars')} character(s): some models hang or babble on very short input. Use at least a few words.`,
    zh: (p) => `文本只有 ${s(p, 'chars')} 个字符：一些模型遇到极短的输入会卡住或乱读。请至少写几个字。`,
  },
  'text-no-final-punctuation': {
    severity: 'warning',
    en: () => 'Text does not end with sentence-final punctuation: some models do not stop (hang or keep babbling). End it with ". ! ?" or "。！？".',
    zh: () => '文本没有以句末标点结尾：一些模型会停不下来（卡住或一直乱读）。请以"。！？"或". ! ?"结尾。',
  },
  'prompt-text-missing': {
    severity: 'warning',
    en: (p) => `No "${s(p, 'field')}": without the transcript of the prompt audio, voice similarity drops. Add what the prompt audio says.`,
    zh: (p) => `没有 "${s(p, 'field')}"：缺少提示音频的文字稿会降低音色相似度。请填写提示音频所说的内容。`,
  },
  'prompt-text-empty': {
    severity: 'warning',
    en: (p) => `"${s(p, 'field')}" is empty: without the transcript of the prompt audio, voice similarity drops. Write what the prompt audio says.`,
    zh: (p) => `"${s(p, 'field')}" 为空：缺少提示音频的文字稿会降低音色相似度。请填写提示音频所说的内容。`,
  },
  'prompt-text-too-long': {
    severity: 'warning',
    en: (p) => `The prompt transcript (${s(p, 'promptUnits')} units) is much longer than the text to speak (${s(p, 'textUnits')} units): check that it is the prompt audio's transcript, and use a shorter prompt.`,
    zh: (p) => `提示文字（${s(p, 'promptUnits')} 个单位）比要合成的文本（${s(p, 'textUnits')} 个单位）长得多：请确认它是提示音频的文字稿，并使用更短的提示。`,
  },
  'duplicate-output': {
    severity: 'error',
    en: (p) => `Output "${s(p, 'name')}" is already used on line ${s(p, 'first')}: one result would silently overwrite the other. Use a unique name such as "${s(p, 'suggestion')}".`,
    zh: (p) => `输出 "${s(p, 'name')}" 已在第 ${s(p, 'first')} 行使用：后一个结果会悄悄覆盖前一个。请改用唯一的名字，例如 "${s(p, 'suggestion')}"。`,
  },
  'unsafe-output-name': {
    severity: 'error',
    en: (p) => `Output name "${s(p, 'name')}" ${s(p, 'reason')}: it could write outside the output folder or fail on some systems. Use letters, digits, "-" and "_" such as "${s(p, 'suggestion')}".`,
    zh: (p) => `输出名 "${s(p, 'name')}" ${s(p, 'reasonZh')}：可能写到输出目录之外，或在某些系统上失败。请只用字母、数字、"-" 和 "_"，例如 "${s(p, 'suggestion')}"。`,
  },
  'output-creates-folders': {
    severity: 'warning',
    en: (p) => `"${s(p, 'field')}" contains "/": ${s(p, 'profile')} then writes the result into sub-folders (${s(p, 'name')}.wav). Use "-" or "_" instead if that is not intended.`,
    zh: (p) => `"${s(p, 'field')}" 含有 "/"：${s(p, 'profile')} 会把结果写进子目录（${s(p, 'name')}.wav）。如非有意，请改用 "-" 或 "_"。`,
  },
  'internal-error': {
    severity: 'error',
    en: (p) => `The validator could not check this file (${s(p, 'reason')}). Please report this with the file.`,
    zh: (p) => `校验器无法检查此文件（${s(p, 'reason')}）。请附上该文件报告此问题。`,
  },
  'too-many-problems': {
    severity: 'information',
    en: (p) => `${s(p, 'more')} more problems not shown (limit ${s(p, 'limit')}).`,
    zh: (p) => `还有 ${s(p, 'more')} 个问题未显示（上限 ${s(p, 'limit')}）。`,
  },
};

export function message(code: string, locale: Locale | undefined, params: Params = {}): string {
  const e = CATALOG[code];
  if (!e) return code;
  return locale === 'zh-cn' ? e.zh(params) : e.en(params);
}

export function defaultSeverity(code: string): Severity {
  return CATALOG[code]?.severity ?? 'error';
}

/** Every stable diagnostic code, for settings UIs and documentation. */
export function diagnosticCodes(): string[] {
  return Object.keys(CATALOG);
}
