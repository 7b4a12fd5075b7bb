// One code-server (VS Code 1.100 in a browser, with the real Node extension host) per scenario: fresh
// user-data, extensions and XDG folders so no scenario sees another's state, its own process group so that
// stopping it also stops the extension host, the language server and any batch run they started.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeServerEntry } from './paths';

export interface CodeServerOptions {
  /** Folder opened as the workspace. */
  workspace: string;
  /** Scratch folder of this scenario (user data, extensions, XDG, logs). */
  runDir: string;
  /** VSIX installed with `--install-extension` before the server starts. */
  vsix: string;
  /** User settings (settings.json of the fresh profile). */
  userSettings?: Record<string, unknown>;
}

export interface CodeServer {
  readonly url: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly logFile: string;
  readonly pid: number;
  /** The workbench page for the workspace. */
  workbenchUrl(): string;
  /** SIGTERM to the whole process group, then wait until every member is gone (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function environment(runDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(runDir, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg', 'cache'),
    // No marketplace: nothing is fetched, and no "recommended extension" prompt covers the UI.
    EXTENSIONS_GALLERY: '{}',
  };
  // Values that would leak this test run into the extension host's own children (the batch runner, tests).
  for (const key of ['NODE_OPTIONS', 'NODE_TEST_CONTEXT', 'VSCODE_IPC_HOOK_CLI', 'TTS_BATCH_DIST']) delete env[key];
  return env;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitFor(what: string, timeoutMs: number, probe: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const installs = new Map<string, string>();

/**
 * Installs the VSIX with `code-server --install-extension` (which also tests the packaging: a file missing from
 * it fails here, not in a user's editor) once per test process and VSIX version, into an extensions folder that
 * each scenario then copies: installing costs 5-10 s on 2 busy cores, copying a fraction of a second.
 */
function installedExtension(vsix: string): string {
  const st = fs.statSync(vsix);
  const key = `${path.resolve(vsix)}:${st.size}:${st.mtimeMs}`;
  const done = installs.get(key);
  if (done) return done;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tts-e2e-vsix-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const ext = path.join(dir, 'ext');
  const install = spawnSync(
    process.execPath,
    [codeServerEntry(), '--user-data-dir', path.join(dir, 'data'), '--extensions-dir', ext, '--install-extension', vsix],
    { env: environment(dir), encoding: 'utf8', timeout: 120_000 },
  );
  if (install.status !== 0 || !/successfully installed/i.test(install.stdout + install.stderr)) {
    throw new Error(`installing ${vsix} failed (exit ${install.status}):\n${install.stdout}\n${install.stderr}`);
  }
  installs.set(key, ext);
  return ext;
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const userDataDir = path.join(opts.runDir, 'data');
  const extensionsDir = path.join(opts.runDir, 'ext');
  const logFile = path.join(opts.runDir, 'code-server.log');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const env = environment(opts.runDir);
  const entry = codeServerEntry();
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  const template = installedExtension(opts.vsix);
  fs.cpSync(template, extensionsDir, { recursive: true });
  // The install records absolute locations: point them at this scenario's copy.
  const manifest = path.join(extensionsDir, 'extensions.json');
  if (fs.existsSync(manifest)) fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').split(template).join(extensionsDir));

  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(opts.userSettings ?? {}, null, 2));
  const port = await freePort();
  const config = path.join(opts.runDir, 'config.yaml');
  // An empty config file is rejected by code-server: give it the same three facts as the flags.
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const out = fs.openSync(logFile, 'a');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      entry,
      '--config', config,
      ...common,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      opts.workspace,
    ],
    { env, detached: true, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error('code-server did not start');
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `code-server exited early (code ${code}, signal ${signal}); see ${logFile}`));

  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (!groupAlive(pid)) return;
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return;
    }
    try {
      await waitFor('code-server to stop', 10_000, () => !groupAlive(pid));
    } catch {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone between the check and the kill.
      }
      await waitFor('code-server to stop after SIGKILL', 5_000, () => !groupAlive(pid));
    }
  };

  try {
    await waitFor('code-server /healthz', 60_000, async () => {
      if (exited) throw new Error(`${exited}\n${fs.readFileSync(logFile, 'utf8')}`);
      try {
        const res = await fetch(`${url}/healthz`);
        return res.ok;
      } catch {
        return false;
      }
    });
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    url,
    userDataDir,
    extensionsDir,
    logFile,
    pid,
    workbenchUrl: () => `${url}/?folder=${encodeURIComponent(opts.workspace)}`,
    stop,
  };
}
