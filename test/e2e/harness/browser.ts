// Debian's Chromium driven by playwright-core (never `playwright install`: it downloads a browser). Every
// request that does not go to the local code-server is aborted, so a test can never depend on the network.
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumPath, e2eRequire } from './paths';

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Hosts of the requests that were aborted (for the report when something is missing). */
  readonly blocked: string[];
  close(): Promise<void>;
}

export async function launchBrowser(runDir: string): Promise<Browser> {
  const { chromium } = e2eRequire<typeof import('playwright-core')>('playwright-core');
  const context = await chromium.launchPersistentContext(path.join(runDir, 'chromium'), {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1400, height: 900 },
    locale: 'en-US',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    blocked.push(url.host);
    return route.abort();
  });
  // Copy and paste go through the clipboard API in the web workbench.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'http://127.0.0.1' }).catch(() => undefined);
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, blocked, close: () => context.close() };
}
