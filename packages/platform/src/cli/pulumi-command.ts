import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Pulumi verbs a stack exposes; each runs the real CLI against the stack's own folder. */
export const DEPLOY_VERBS = ['preview', 'up', 'refresh', 'destroy'] as const;
export type DeployVerb = (typeof DEPLOY_VERBS)[number];

/** Verbs that change or preview resources, and so run with the policy pack enforced. */
const POLICY_VERBS: readonly DeployVerb[] = ['preview', 'up'];

export const PULUMI_INSTALL_URL = 'https://www.pulumi.com/docs/install/';

export class DeployRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployRefusedError';
  }
}

export interface PulumiInvocation {
  readonly verb: string;
  readonly stack: string;
  /** Passed to `pulumi` after the fixed arguments, unchanged. */
  readonly extraArgs: readonly string[];
  /** Absolute path of the CrossGuard pack given with `--policy-pack` to preview and up. */
  readonly policyPackDir: string;
}

/**
 * The argument array for `pulumi`, or a refusal: unknown verbs, `destroy` on prod, and extra
 * arguments that would point the command at another stack are refused before anything runs.
 */
export function pulumiArgs(invocation: PulumiInvocation): string[] {
  const { verb, stack, extraArgs, policyPackDir } = invocation;
  if (!(DEPLOY_VERBS as readonly string[]).includes(verb)) {
    throw new DeployRefusedError(
      `phi-stack pulumi: unknown verb "${verb}"; allowed: ${DEPLOY_VERBS.join(', ')}`,
    );
  }
  if (verb === 'destroy' && stack === 'prod') {
    throw new DeployRefusedError(
      'phi-stack pulumi: refusing "destroy" on the prod stack: prod has no destroy target',
    );
  }
  const redirect = extraArgs.find(selectsStackOrFolder);
  if (redirect !== undefined) {
    throw new DeployRefusedError(
      `phi-stack pulumi: "${redirect}" is not allowed: the project fixes the stack ("${stack}") ` +
        'and its folder (no -s/--stack, -C/--cwd; write other short flags apart, e.g. -y -f)',
    );
  }
  const args = [verb, '--stack', stack];
  if ((POLICY_VERBS as readonly string[]).includes(verb)) {
    args.push('--policy-pack', policyPackDir);
  }
  return [...args, ...extraArgs];
}

/**
 * Whether a pass-through argument would select a stack or a folder: `--stack`, `--cwd` (with or
 * without `=`), or a cluster of short flags holding `s` or `C` (`-s`, `-sprod`, `-ys`, `-C..`).
 * A cluster is refused whole, even `-mset` (a message), because a flag's value may start
 * anywhere in it; such values can be written in their long form (`--message=set`).
 */
export function selectsStackOrFolder(arg: string): boolean {
  if (/^--(stack|cwd)(=|$)/.test(arg)) return true;
  const cluster = /^-([A-Za-z][^=]*)/.exec(arg);
  return cluster !== null && /[sC]/.test(cluster[1] ?? '');
}

/** The `pulumi` executable on PATH, or undefined. */
export function findOnPath(command: string, pathValue: string | undefined): string | undefined {
  for (const dir of (pathValue ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

export function missingPulumiMessage(): string {
  return [
    'phi-stack pulumi: the Pulumi CLI ("pulumi") is not on PATH.',
    `Install it (${PULUMI_INSTALL_URL}), e.g. "curl -fsSL https://get.pulumi.com | sh"`,
    'or "brew install pulumi/tap/pulumi", open a new shell, and run this target again.',
  ].join('\n');
}

export interface RunPulumiOptions extends Omit<PulumiInvocation, 'policyPackDir'> {
  /** Resolves the policy pack folder; called only for verbs that enforce the pack. */
  readonly policyPackDir: () => string;
  /** The stack project folder (holds Pulumi.yaml); pulumi runs there. */
  readonly stackDir: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly stderr: (text: string) => void;
}

/**
 * Runs `pulumi <verb> --stack <stack> [--policy-pack <dir>] [extra...]` in the stack folder
 * with the terminal attached, and resolves with its exit code (128 + signal number if killed).
 */
export async function runPulumi(options: RunPulumiOptions): Promise<number> {
  const env = options.env ?? process.env;
  const refusal = refusalOf(() => pulumiArgs({ ...options, policyPackDir: '' }));
  if (refusal !== undefined) {
    options.stderr(`${refusal}\n`);
    return 2;
  }
  if (!existsSync(join(options.stackDir, 'Pulumi.yaml'))) {
    options.stderr(`phi-stack pulumi: no Pulumi.yaml in ${options.stackDir}\n`);
    return 2;
  }
  const executable = findOnPath('pulumi', env.PATH);
  if (executable === undefined) {
    options.stderr(`${missingPulumiMessage()}\n`);
    return 127;
  }
  const args = pulumiArgs({ ...options, policyPackDir: options.policyPackDir() });
  return new Promise<number>((resolve) => {
    const child = spawn(executable, args, { cwd: options.stackDir, env, stdio: 'inherit' });
    child.on('error', (error) => {
      options.stderr(`phi-stack pulumi: could not start ${executable}: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      if (code !== null) resolve(code);
      else resolve(128 + signalNumber(signal));
    });
  });
}

function refusalOf(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof DeployRefusedError) return error.message;
    throw error;
  }
}

function signalNumber(signal: NodeJS.Signals | null): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return (signal && numbers[signal]) ?? 1;
}
