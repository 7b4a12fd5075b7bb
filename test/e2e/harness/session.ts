// One scenario = one fresh VS Code: a scratch folder, code-server with the VSIX installed, Chromium on the
// workbench of a copy of a sample workspace. Whatever happens, the browser closes, the process group stops
// and the scratch folder goes; a failing scenario leaves a screenshot and the logs that explain it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchBrowser, type Browser } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { e2eDir, screenshotDir, vsixPath } from './paths';
import { Workbench } from './workbench';

export interface Session {
  readonly workbench: Workbench;
  readonly server: CodeServer;
  /** The workspace folder opened in VS Code (a copy of the sample, in the scratch folder). */
  readonly workspace: string;
  /** Saves `test/e2e/screenshots/<scenario>-<step>.png`. */
  screenshot(step: string): Promise<string>;
}

export interface ScenarioOptions {
  /** Folder name under test/e2e/workspaces/. */
  sample: string;
  /** Runs on the copy before VS Code opens it (create audio files, settings...). */
  prepare?: (workspace: string) => void | Promise<void>;
  userSettings?: Record<string, unknown>;
}

/** Settings that keep the fresh profile's first-run UI (welcome page, tips, chat, update checks) out of the way. */
const quietSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
};

const keep = process.env.TTS_E2E_KEEP === '1';
const verbose = process.env.TTS_E2E_VERBOSE === '1';

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function tail(file: string, bytes = 4000): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.slice(-bytes);
  } catch {
    return '(none)';
  }
}

/** The extension host's and our channels' logs, for a failure message. */
function extensionLogs(userDataDir: string): string {
  const parts: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/exthost\.log$|TTS Batch.*\.log$/.test(e.name)) parts.push(`--- ${path.relative(userDataDir, full)}\n${tail(full, 3000)}`);
    }
  };
  walk(path.join(userDataDir, 'logs'));
  return parts.join('\n');
}

export async function withVsCode(scenario: string, opts: ScenarioOptions, body: (s: Session) => Promise<void>): Promise<void> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), `tts-e2e-${slug(scenario).slice(0, 30)}-`));
  const workspace = path.join(runDir, 'workspace', opts.sample);
  fs.cpSync(path.join(e2eDir(), 'workspaces', opts.sample), workspace, { recursive: true });
  await opts.prepare?.(workspace);
  const shots = screenshotDir();
  const name = slug(scenario);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let workbench: Workbench | undefined;
  const screenshot = async (step: string): Promise<string> => {
    const file = path.join(shots, `${name}-${slug(step)}.png`);
    await workbench?.screenshot(file);
    return file;
  };
  const started = Date.now();
  const phases: string[] = [];
  const phase = (what: string): void => {
    phases.push(`${what} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  try {
    server = await startCodeServer({ workspace, runDir, vsix: vsixPath(), userSettings: { ...quietSettings, ...opts.userSettings } });
    phase('code-server up');
    browser = await launchBrowser(runDir);
    phase('browser up');
    workbench = new Workbench(browser.page, server.userDataDir);
    await browser.page.goto(server.workbenchUrl(), { timeout: 60_000 });
    await workbench.waitUntilReady();
    phase('workbench ready');
    await body({ workbench, server, workspace, screenshot });
    phase('scenario done');
  } catch (err) {
    const shot = await screenshot('failure');
    const details = [
      `screenshot: ${shot}`,
      browser?.blocked.length ? `blocked requests to: ${[...new Set(browser.blocked)].join(', ')}` : '',
      `code-server log (tail):\n${server ? tail(server.logFile) : '(not started)'}`,
      server ? extensionLogs(server.userDataDir) : '',
      `timeline: ${phases.join(', ')}, failed at ${((Date.now() - started) / 1000).toFixed(1)} s`,
      keep ? `scratch folder kept: ${runDir}` : '',
    ].filter(Boolean);
    if (err instanceof Error) err.message += `\n\n${details.join('\n')}`;
    throw err;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (!keep) fs.rmSync(runDir, { recursive: true, force: true });
    phase('stopped');
    if (verbose) process.stderr.write(`[e2e] ${scenario}: ${phases.join(', ')}\n`);
  }
}
