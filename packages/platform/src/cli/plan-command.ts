import { InvalidSettingsError } from '@phi-platform/core';
import { UnknownRegionError } from '@phi-platform/offline';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runPlan } from '../plan/plan';
import { StackConfigError } from '../stack-config';
import type { CliIo } from './program';

export interface PlanCommandOptions {
  readonly stack: string;
  readonly stackDir: string;
  readonly region?: string;
  readonly config: readonly string[];
  readonly json?: string;
  readonly format: 'tree' | 'mermaid';
  readonly out?: string;
  /** Where to write the diagram as well, whatever `format` prints (CI keeps it as an artifact). */
  readonly mermaid?: string;
  readonly program?: string;
}

function writeFile(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** `phi-stack plan`: 0 when clean, 1 on a mandatory violation, 2 on a configuration error. */
export async function runPlanCommand(options: PlanCommandOptions, io: CliIo): Promise<number> {
  let result;
  try {
    result = await runPlan(options);
  } catch (error) {
    if (
      error instanceof InvalidSettingsError ||
      error instanceof StackConfigError ||
      error instanceof UnknownRegionError
    ) {
      io.stderr(`phi-stack plan: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const shown = options.format === 'mermaid' ? result.mermaid : result.tree;
  if (options.out !== undefined) {
    writeFile(options.out, shown);
    io.stdout(`Wrote the ${options.format} to ${options.out}\n`);
  } else {
    io.stdout(shown);
  }
  if (options.json !== undefined) {
    writeFile(options.json, `${JSON.stringify(result.plan, null, 2)}\n`);
    io.stdout(`Wrote the plan JSON to ${options.json}\n`);
  }
  if (options.mermaid !== undefined) {
    writeFile(options.mermaid, result.mermaid);
    io.stdout(`Wrote the Mermaid diagram to ${options.mermaid}\n`);
  }
  io.stdout(result.summary);
  if (result.exitCode !== 0) {
    io.stderr('phi-stack plan: mandatory policy violations; see the summary above\n');
  }
  return result.exitCode;
}
