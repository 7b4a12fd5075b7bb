// Shapes shared by every consumer of the validation core (language server, CLI, runner).
// Positions follow LSP: 0-based lines, columns in UTF-16 code units, so the server can pass them through.

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface RelatedInformation {
  /** Absent means "the same document". */
  uri?: string;
  range: Range;
  message: string;
}

export interface TaskDiagnostic {
  /** Stable rule code, e.g. `trailing-comma`; documented in the README, used by quick fixes and settings. */
  code: string;
  severity: Severity;
  range: Range;
  /** One plain sentence: what is wrong and how to fix it. */
  message: string;
  /** Facts a quick fix needs (real file name, suggested key, split points, joined line...). JSON-serialisable. */
  data?: unknown;
  related?: RelatedInformation[];
  tags?: Array<'unnecessary' | 'deprecated'>;
}

export type Locale = 'en' | 'zh-cn';

export interface TextLimits {
  /** Units above which a warning says "split this" (a unit: one CJK character or one word of other scripts). */
  recommendedUnits: number;
  /** Units above which the text is an error (risk of running out of GPU memory). */
  maxUnits: number;
}

export interface PromptAudioLimits {
  minSeconds: number; // 2
  maxSeconds: number; // 15
  hardMaxSeconds: number; // 30
  minSampleRate: number; // 16000
}
