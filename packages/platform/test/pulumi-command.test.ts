import { policyPackDirectory } from '@phi-platform/policies';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { CliIo, runCli } from '../src/cli/program';
import { missingPulumiMessage, pulumiArgs } from '../src/cli/pulumi-command';

const repo = resolve(__dirname, '../../..');
const stackDir = (env: string) => join(repo, 'stacks', env);

/** A stand-in `pulumi` that records its argv and cwd, one JSON line per call. */
function standIn(dir: string): { bin: string; record: string } {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const record = join(dir, 'calls.jsonl');
  const script = join(bin, 'pulumi');
  writeFileSync(
    script,
    [
      '#!/usr/bin/env node',
      "const fs = require('fs');",
      'const call = { argv: process.argv.slice(2), cwd: process.cwd() };',
      "fs.appendFileSync(process.env.PHI_PULUMI_RECORD, JSON.stringify(call) + '\\n');",
      "process.exit(Number(process.env.PHI_PULUMI_EXIT || '0'));",
      '',
    ].join('\n'),
  );
  chmodSync(script, 0o755);
  return { bin, record };
}

interface Captured {
  io: CliIo;
  out: string[];
  err: string[];
}

function capture(cwd: string, env: NodeJS.ProcessEnv): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd, env },
    out,
    err,
  };
}

function calls(record: string): { argv: string[]; cwd: string }[] {
  return readFileSync(record, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { argv: string[]; cwd: string });
}

describe('phi-stack pulumi', () => {
  let dir: string;
  let bin: string;
  let record: string;
  const nodeDir = join(process.execPath, '..');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'phi-pulumi-'));
    ({ bin, record } = standIn(dir));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const envWith = (path: string, exit = '0'): NodeJS.ProcessEnv => ({
    PATH: path,
    PHI_PULUMI_RECORD: record,
    PHI_PULUMI_EXIT: exit,
  });

  const pack = policyPackDirectory();
  const cases: [string, string, string[], string[]][] = [
    ['dev', 'preview', [], ['preview', '--stack', 'dev', '--policy-pack', pack]],
    ['dev', 'up', ['--yes'], ['up', '--stack', 'dev', '--policy-pack', pack, '--yes']],
    ['dev', 'refresh', [], ['refresh', '--stack', 'dev']],
    [
      'dev',
      'destroy',
      ['--yes', '--skip-preview'],
      ['destroy', '--stack', 'dev', '--yes', '--skip-preview'],
    ],
    ['staging', 'up', [], ['up', '--stack', 'staging', '--policy-pack', pack]],
    ['staging', 'destroy', [], ['destroy', '--stack', 'staging']],
    [
      'prod',
      'preview',
      ['--diff', '--target', 'urn:pulumi:prod::phi-platform::x'],
      [
        'preview',
        '--stack',
        'prod',
        '--policy-pack',
        pack,
        '--diff',
        '--target',
        'urn:pulumi:prod::phi-platform::x',
      ],
    ],
    ['prod', 'up', ['--', '--yes'], ['up', '--stack', 'prod', '--policy-pack', pack, '--yes']],
    ['prod', 'refresh', ['--yes'], ['refresh', '--stack', 'prod', '--yes']],
  ];

  it.each(cases)(
    '%s %s %j runs pulumi with exactly the right argv',
    async (env, verb, extra, argv) => {
      const c = capture(stackDir(env), envWith(`${bin}${delimiter}${nodeDir}`));
      const code = await runCli(['pulumi', '--stack', env, verb, ...extra], c.io);
      expect(c.err.join('')).toBe('');
      expect(code).toBe(0);
      expect(calls(record)).toEqual([{ argv, cwd: stackDir(env) }]);
    },
  );

  it('is an absolute pack folder', () => {
    expect(pack.startsWith('/')).toBe(true);
  });

  it('propagates the exit code of pulumi', async () => {
    const c = capture(stackDir('dev'), envWith(`${bin}${delimiter}${nodeDir}`, '3'));
    expect(await runCli(['pulumi', '--stack', 'dev', 'refresh'], c.io)).toBe(3);
  });

  it('refuses destroy on prod without running pulumi', async () => {
    const c = capture(stackDir('prod'), envWith(`${bin}${delimiter}${nodeDir}`));
    expect(await runCli(['pulumi', '--stack', 'prod', 'destroy', '--yes'], c.io)).toBe(2);
    expect(c.err.join('')).toContain('refusing "destroy" on the prod stack');
    expect(() => readFileSync(record)).toThrow();
  });

  it.each([
    ['--stack', 'prod'],
    ['--stack=prod'],
    ['-s', 'prod'],
    ['-sprod'],
    ['-ys', 'prod'],
    ['--yes', '-C', '../prod'],
    ['-C../prod'],
    ['--cwd=../prod'],
  ])('refuses %j after the verb, which would select another stack or folder', async (...extra) => {
    const c = capture(stackDir('dev'), envWith(`${bin}${delimiter}${nodeDir}`));
    expect(await runCli(['pulumi', '--stack', 'dev', 'destroy', ...extra], c.io)).toBe(2);
    expect(c.err.join('')).toContain('is not allowed: the project fixes the stack ("dev")');
    expect(() => readFileSync(record)).toThrow();
  });

  it.each([['-y'], ['-yf'], ['--yes', '--message=set the stack'], ['--target-dependents']])(
    'passes %j through: no stack or folder selected',
    (...extra) => {
      expect(
        pulumiArgs({ verb: 'refresh', stack: 'dev', extraArgs: extra, policyPackDir: '/p' }),
      ).toEqual(['refresh', '--stack', 'dev', ...extra]);
    },
  );

  it('refuses extra arguments that would select another stack', () => {
    expect(() =>
      pulumiArgs({ verb: 'up', stack: 'dev', extraArgs: ['--stack=prod'], policyPackDir: '/p' }),
    ).toThrow('"--stack=prod" is not allowed: the project fixes the stack ("dev")');
    expect(() =>
      pulumiArgs({ verb: 'import', stack: 'dev', extraArgs: [], policyPackDir: '/p' }),
    ).toThrow('unknown verb "import"; allowed: preview, up, refresh, destroy');
  });

  it('fails at once with install instructions when pulumi is not on PATH', async () => {
    const c = capture(stackDir('prod'), envWith(nodeDir));
    expect(await runCli(['pulumi', '--stack', 'prod', 'up'], c.io)).toBe(127);
    expect(c.err.join('')).toBe(`${missingPulumiMessage()}\n`);
    expect(c.err.join('')).toContain('https://www.pulumi.com/docs/install/');
  });

  it('works as a real process: the bin entry, exit code and message', () => {
    const tsx = join(repo, 'node_modules', '.bin', 'tsx');
    const main = join(__dirname, '..', 'src', 'cli', 'main.ts');
    const missing = spawnSync(tsx, [main, 'pulumi', '--stack', 'dev', 'refresh'], {
      cwd: stackDir('dev'),
      env: { PATH: nodeDir },
      encoding: 'utf8',
    });
    expect(missing.status).toBe(127);
    expect(missing.stderr).toContain('the Pulumi CLI ("pulumi") is not on PATH');
    const found = spawnSync(tsx, [main, 'pulumi', '--stack', 'dev', 'refresh', '--yes'], {
      cwd: stackDir('dev'),
      env: { ...envWith(`${bin}${delimiter}${nodeDir}`, '4') },
      encoding: 'utf8',
    });
    expect(found.status).toBe(4);
    expect(calls(record)).toEqual([
      { argv: ['refresh', '--stack', 'dev', '--yes'], cwd: stackDir('dev') },
    ]);
  });
});
