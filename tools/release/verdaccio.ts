/**
 * A throw-away Verdaccio registry on 127.0.0.1: no uplinks (it never fetches from the internet),
 * storage and users in a temporary folder, started as the real server process (not an npx
 * wrapper) so that stopping it by its process id really stops it.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface LocalRegistry {
  readonly url: string;
  readonly pid: number;
  /** A user created through the registry's REST API, and its token. */
  readonly token: string;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The configuration the test needs and nothing more: local storage, local users, no uplinks. */
export function verdaccioConfig(dir: string, port: number): string {
  return [
    `storage: ${join(dir, 'storage')}`,
    'auth:',
    '  htpasswd:',
    `    file: ${join(dir, 'htpasswd')}`,
    'uplinks: {}',
    'packages:',
    "  '**':",
    '    access: $all',
    '    publish: $authenticated',
    '    unpublish: $authenticated',
    `listen: ${HOST}:${port}`,
    'publish:',
    '  allow_offline: true',
    'log: { type: stdout, format: pretty, level: warn }',
    '',
  ].join('\n');
}

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}-/ping`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`verdaccio did not answer ${url}-/ping within ${timeoutMs} ms`);
}

async function createUser(url: string, name: string): Promise<string> {
  const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name,
      password: `pw-${process.pid}-${Date.now()}`,
      email: `${name}@example.invalid`,
      type: 'user',
    }),
  });
  const body = (await response.json()) as { token?: string; error?: string };
  if (!response.ok || !body.token) {
    throw new Error(`creating user ${name} failed: ${response.status} ${body.error ?? ''}`);
  }
  return body.token;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
  }, 5000);
  await exited;
  clearTimeout(timer);
}

/** Starts Verdaccio with its config and log in `dir`; the caller must `stop()` it. */
export async function startVerdaccio(dir: string): Promise<LocalRegistry> {
  const port = await freePort();
  const configPath = join(dir, 'config.yaml');
  writeFileSync(configPath, verdaccioConfig(dir, port));
  writeFileSync(join(dir, 'htpasswd'), '');
  const log = openSync(join(dir, 'verdaccio.log'), 'a');
  const bin = require.resolve('verdaccio/bin/verdaccio');
  const child = spawn(process.execPath, [bin, '--config', configPath], {
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error('verdaccio did not start');
  const url = `http://${HOST}:${port}/`;
  try {
    await waitUntilUp(url, child, 30000);
    const token = await createUser(url, 'release-check');
    return { url, pid: child.pid, token, stop: () => stopProcess(child) };
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
}
