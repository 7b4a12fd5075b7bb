// The one place that knows where a rule's documentation lives: the README's rule section, one anchor per code.
export const ruleDocsBase = 'https://github.com/tts-batch/tts-batch#rule-';

export function ruleDocUrl(code: string): string {
  return ruleDocsBase + code;
}
