// What a user does in the workbench, as Playwright steps on the selectors of VS Code 1.100 (code-server 4.100.3).
// Every step waits on what the user would see, never on a fixed sleep.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** The first wait after the page opens: starting the workbench and the extension host can take a while on 2 cores. */
export const FIRST_WAIT_MS = 90_000;
export const WAIT_MS = 30_000;

/** Monaco draws spaces as no-break spaces. */
export const plain = (s: string | null | undefined): string => (s ?? '').replace(/\u00a0/g, ' ');

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A Problems row of `source` with rule `code` at a 1-based line and column. */
export function problemAt(source: string, code: string, line: number, column: number): RegExp {
  return new RegExp(`${escapeRegExp(source)}\\(?${escapeRegExp(code)}\\)?\\s*\\[Ln ${line}, Col ${column}\\]`);
}

export class Workbench {
  constructor(
    readonly page: Page,
    readonly userDataDir: string,
  ) {}

  async waitUntilReady(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: FIRST_WAIT_MS });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: FIRST_WAIT_MS });
  }

  /** Opens a file of the workspace root from the Explorer, as a user would, and waits for its editor. */
  async openFile(name: string): Promise<void> {
    await this.page.getByRole('treeitem', { name, exact: true }).click();
    await this.page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor({ timeout: WAIT_MS });
    await this.editor().locator('.view-lines').waitFor({ timeout: WAIT_MS });
  }

  editor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Puts the cursor at a 1-based line and column with "Go to Line/Column" (Ctrl+G). */
  async goTo(line: number, column: number): Promise<void> {
    // Ctrl+G works wherever the focus is (Explorer, Problems) and leaves it in the active editor.
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout: WAIT_MS });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: WAIT_MS });
    await this.page
      .locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col ${column}\\b`) })
      .first()
      .waitFor({ timeout: WAIT_MS });
  }

  /** Runs a command by its exact title from the command palette (F1). */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout: WAIT_MS });
    await input.fill(`>${title}`);
    const row = this.page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) })
      .first();
    await row.waitFor({ state: 'visible', timeout: WAIT_MS });
    await row.click();
    await input.waitFor({ state: 'hidden', timeout: WAIT_MS });
  }

  // ---- Problems panel ---------------------------------------------------------------------------------

  async showProblems(): Promise<void> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ state: 'visible', timeout: WAIT_MS });
    }
  }

  /**
   * Texts of the problem rows, e.g. `Audio file not found: … tts-batchaudio-not-found[Ln 4, Col 18]` (the
   * parentheses around the code are drawn by CSS). File rows and related-information rows are left out.
   */
  async problems(): Promise<string[]> {
    await this.showProblems();
    const rows = await this.page
      .locator('.markers-panel .monaco-list-row')
      .evaluateAll((rs) => rs.filter((r) => r.querySelector('.marker-icon')).map((r) => r.textContent ?? ''));
    return rows.map(plain).filter((t) => /\[Ln \d+, Col \d+\]/.test(t));
  }

  /** Waits until every pattern matches some problem row, and returns the rows. */
  async waitForProblems(patterns: RegExp[], timeoutMs = WAIT_MS): Promise<string[]> {
    return this.waitForRows(`problems ${patterns.join(', ')}`, timeoutMs, (rows) => patterns.every((p) => rows.some((r) => p.test(r))));
  }

  /** Waits until no problem row matches the pattern (the panel itself stays open). */
  async waitForNoProblem(pattern: RegExp, timeoutMs = WAIT_MS): Promise<string[]> {
    return this.waitForRows(`no problem matching ${pattern}`, timeoutMs, (rows) => !rows.some((r) => pattern.test(r)));
  }

  private async waitForRows(what: string, timeoutMs: number, ok: (rows: string[]) => boolean): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    let rows: string[] = [];
    for (;;) {
      rows = await this.problems();
      if (ok(rows)) return rows;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the Problems panel shows:\n  ${rows.join('\n  ') || '(nothing)'}`);
      // Re-read when the panel changes rather than on a timer: any mutation of the list wakes the wait.
      const before = await this.page.locator('.markers-panel .monaco-list-row').evaluateAll((rs) => rs.map((r) => r.textContent).join('\n'));
      await this.page
        .waitForFunction(
          `[...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => r.textContent).join('\\n') !== ${JSON.stringify(before)}`,
          undefined,
          { timeout: Math.max(1, Math.min(5_000, deadline - Date.now())) },
        )
        .catch(() => undefined);
    }
  }

  // ---- Notifications and dialogs ----------------------------------------------------------------------

  toast(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast').filter({ hasText: text });
  }

  /** A button of a notification or of a modal dialog, by its label. */
  button(label: string | RegExp): Locator {
    return this.page
      .locator('.notifications-toasts .notification-toast .monaco-button, .monaco-dialog-box .monaco-button')
      .filter({ hasText: typeof label === 'string' ? new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) : label });
  }

  // ---- Output -----------------------------------------------------------------------------------------

  /** Visible text of the Output panel (Monaco renders only the lines in view). */
  async outputPanelText(): Promise<string> {
    const lines = await this.page.locator('.part.panel .output-view .view-lines .view-line').allTextContents();
    return lines.map(plain).join('\n');
  }

  /**
   * The whole text of an output channel, from the file VS Code mirrors it to under the user-data logs.
   * A LogOutputChannel logs to `<name>.log` in the extension's log folder; a plain channel to `N-<name>.log`.
   */
  outputChannelLog(channel: string): string | undefined {
    const logsRoot = path.join(this.userDataDir, 'logs');
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name === `${channel}.log` || new RegExp(`^\\d+-${escapeRegExp(channel)}\\.log$`).test(entry.name)) found.push(full);
      }
    };
    walk(logsRoot);
    if (!found.length) return undefined;
    found.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
    return fs.readFileSync(found[0], 'utf8');
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file }).catch(() => undefined);
  }
}
