import { Command, CommanderError, Option } from 'commander';
import { resolve } from 'node:path';
import { DEPLOY_VERBS, runPulumi } from './pulumi-command';

/** Where the CLI writes and what it runs against; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The folder the command runs in; a stack task runs in its stack folder. */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
  };
}

/** The CrossGuard pack directory, loaded only when a verb needs it. */
function policyPackDirectory(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const policies = require('@phi-platform/policies') as { policyPackDirectory: () => string };
  return policies.policyPackDirectory();
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * `phi-stack`: `plan` runs a stack program offline; `pulumi <verb>` runs the real Pulumi CLI
 * for a stack. Resolves with the exit code instead of exiting, so tests can call it.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const program = new Command('phi-stack')
    .description('Offline plan and Pulumi deploy verbs for the phi-platform stacks')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError()
    // Options of `phi-stack pulumi` are read only before the verb; what follows goes to pulumi.
    .enablePositionalOptions();

  program
    .command('plan')
    .description("Run the stack's compiled program offline under AWS-aware mocks")
    .requiredOption('--stack <env>', 'the stack (environment): dev, staging or prod')
    .option('--region <region>', "plan for this region instead of the stack's aws:region")
    .option('--config <key=value>', 'override a setting, like pulumi --config', collect, [])
    .option('--json <file>', 'write the plan as JSON (see ARCHITECTURE.md)')
    .addOption(
      new Option('--format <format>', 'what to print').choices(['tree', 'mermaid']).default('tree'),
    )
    .option('--out <file>', 'write the tree or diagram to this file instead of stdout')
    .option('--mermaid <file>', 'also write the Mermaid diagram to this file')
    .option('--stack-dir <dir>', 'the stack folder', '.')
    .option('--program <file>', "run this module instead of Pulumi.yaml's main")
    .action(async (options: PlanCliOptions) => {
      const { runPlanCommand } = await import('./plan-command');
      exitCode = await runPlanCommand(
        {
          stack: options.stack,
          stackDir: resolve(io.cwd, options.stackDir),
          region: options.region,
          config: options.config,
          json: options.json === undefined ? undefined : resolve(io.cwd, options.json),
          format: options.format,
          out: options.out === undefined ? undefined : resolve(io.cwd, options.out),
          mermaid: options.mermaid === undefined ? undefined : resolve(io.cwd, options.mermaid),
          program: options.program === undefined ? undefined : resolve(io.cwd, options.program),
        },
        io,
      );
    });

  program
    .command('pulumi')
    .description(`Run pulumi ${DEPLOY_VERBS.join('|')} for the stack, policy pack enforced`)
    .argument('<verb>', DEPLOY_VERBS.join(', '))
    .argument('[extra...]', 'passed to pulumi unchanged')
    .requiredOption('--stack <env>', 'the stack (environment): dev, staging or prod')
    .option('--stack-dir <dir>', 'the stack folder', '.')
    // Everything after the verb is pulumi's, never ours: a trailing `--stack` cannot move the
    // command to another stack (pulumiArgs refuses it instead).
    .passThroughOptions()
    .action(async (verb: string, extra: string[], options: { stack: string; stackDir: string }) => {
      exitCode = await runPulumi({
        verb,
        stack: options.stack,
        extraArgs: extra[0] === '--' ? extra.slice(1) : extra,
        stackDir: resolve(io.cwd, options.stackDir),
        policyPackDir: policyPackDirectory,
        env: io.env,
        stderr: io.stderr,
      });
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return exitCode;
}

interface PlanCliOptions {
  readonly stack: string;
  readonly region?: string;
  readonly config: string[];
  readonly json?: string;
  readonly format: 'tree' | 'mermaid';
  readonly out?: string;
  readonly mermaid?: string;
  readonly stackDir: string;
  readonly program?: string;
}
