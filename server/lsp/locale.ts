// The client's display language (initialize → locale) mapped onto the languages the server speaks.
import type { Locale } from '../core';

export function toLocale(clientLocale: string | undefined): Locale {
  // Every Chinese variant gets Simplified Chinese: closer to the user than English.
  return clientLocale && /^zh\b/i.test(clientLocale) ? 'zh-cn' : 'en';
}
