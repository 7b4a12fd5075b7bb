// A line that is not JSON: the position and reason from jsonc-parser, in words a user can act on.
import { parse, ParseErrorCode, type ParseError } from 'jsonc-parser';
import type { LineReporter } from '../lineReporter';

const REASONS: Record<number, [string, string]> = {
  [ParseErrorCode.InvalidSymbol]: ['unexpected character', '意外的字符'],
  [ParseErrorCode.InvalidNumberFormat]: ['malformed number', '数字格式错误'],
  [ParseErrorCode.PropertyNameExpected]: ['expected a key in double quotes', '此处应为双引号括起的键'],
  [ParseErrorCode.ValueExpected]: ['expected a value', '此处应有一个值'],
  [ParseErrorCode.ColonExpected]: ['expected ":" after the key', '键后面应为 ":"'],
  [ParseErrorCode.CommaExpected]: ['expected "," between fields', '字段之间应有 ","'],
  [ParseErrorCode.CloseBraceExpected]: ['the object is not closed (missing "}")', '对象没有闭合（缺少 "}"）'],
  [ParseErrorCode.CloseBracketExpected]: ['the list is not closed (missing "]")', '列表没有闭合（缺少 "]"）'],
  [ParseErrorCode.EndOfFileExpected]: ['unexpected text after the value', '值后面有多余内容'],
  [ParseErrorCode.InvalidCommentToken]: ['comments are not allowed in JSON', 'JSON 中不允许注释'],
  [ParseErrorCode.UnexpectedEndOfComment]: ['comment not closed', '注释未闭合'],
  [ParseErrorCode.UnexpectedEndOfString]: ['the string is not closed (missing \'"\')', '字符串没有闭合（缺少 \'"\'）'],
  [ParseErrorCode.UnexpectedEndOfNumber]: ['number cut off', '数字不完整'],
  [ParseErrorCode.InvalidUnicode]: ['invalid \\u escape', '无效的 \\u 转义'],
  [ParseErrorCode.InvalidEscapeCharacter]: ['invalid escape (a backslash must be doubled: \\\\)', '无效的转义（反斜杠需要写成 \\\\）'],
  [ParseErrorCode.InvalidCharacter]: ['invalid character in a string', '字符串中有无效字符'],
};

/** First parse error of a text, as jsonc-parser sees it (comments and trailing commas disallowed). */
export function firstError(text: string): ParseError | undefined {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return errors[0];
}

function explain(text: string, err: ParseError): [string, string] {
  const ch = text[err.offset];
  if (ch === "'") return ['single quotes: JSON strings and keys need double quotes', '单引号：JSON 的字符串和键必须用双引号'];
  if (err.error === ParseErrorCode.InvalidSymbol && /[\u201c\u201d\uff02]/.test(ch ?? '')) {
    return ['curly or full-width quote: JSON needs straight double quotes (")', '弯引号或全角引号：JSON 需要半角双引号 (")'];
  }
  if (err.error === ParseErrorCode.InvalidSymbol && ch === '/') return REASONS[ParseErrorCode.InvalidCommentToken];
  return REASONS[err.error] ?? ['syntax error', '语法错误'];
}

export function reportInvalidJson(text: string, err: ParseError, rep: LineReporter, why?: [string, string]): void {
  const [reason, reasonZh] = why ?? explain(text, err);
  let start = Math.min(err.offset, text.length);
  let end = Math.min(text.length, start + Math.max(1, err.length));
  if (start >= text.length && text.length > 0) {
    start = text.length - 1;
    end = text.length;
  }
  const col = start + 1;
  rep.report('invalid-json', start, end, { reason: `${reason} (column ${col})`, reasonZh: `${reasonZh}（第 ${col} 列）` }, { reason, offset: err.offset });
}
