import { InvalidSettingsError } from '@phi-platform/core';
import { SUPPORTED_PARTITIONS } from '@phi-platform/networking';
import {
  installMocks,
  isSecretOutput,
  RecordedResource,
  REDACTED,
  redactPaths,
  resolveRegion,
  toPlanResources,
  unwrap,
} from '@phi-platform/offline';
import {
  evaluatePolicies,
  POLICY_PACK_NAME,
  POLICY_PACK_VERSION,
  WaivedViolation,
} from '@phi-platform/policies';
import * as pulumi from '@pulumi/pulumi';
import { resolve } from 'node:path';
import { parseSettings, rawSettings } from '../settings';
import { PlanJson, PlanWaiverJson } from './plan-json';
import { SecretScrubber, secretValuesAt } from './redact';
import { renderMermaid } from './render-mermaid';
import { renderSummary, renderTree } from './render-tree';
import { readStackConfig, readStackProject } from '../stack-config';

export interface PlanOptions {
  /** The stack (environment) name: selects `Pulumi.<stack>.yaml`. */
  readonly stack: string;
  /** The stack project folder (holds Pulumi.yaml). */
  readonly stackDir: string;
  /** Plan for this region instead of the stack's `aws:region`. */
  readonly region?: string;
  /** `key=value` overrides, as `pulumi --config` takes them. */
  readonly config?: readonly string[];
  /**
   * The program module to run.
   * @default `main` of Pulumi.yaml in the stack folder (the compiled `lib/index.js`)
   */
  readonly program?: string;
}

export interface PlanResult {
  readonly plan: PlanJson;
  readonly tree: string;
  readonly summary: string;
  readonly mermaid: string;
  /** 0, or 1 when a mandatory policy is violated. */
  readonly exitCode: number;
  /**
   * What the mocks recorded, secrets included, for tests that must look for leaks. Never print
   * or write it.
   */
  readonly recorded: readonly RecordedResource[];
}

/** The module a Pulumi program exports: outputs, or a function (maybe async) returning them. */
type ProgramExports = Record<string, unknown> | (() => unknown);

async function loadAndRun(programPath: string): Promise<Record<string, unknown>> {
  const resolved = require.resolve(programPath);
  // A fresh module per plan, so several plans in one process each run the program.
  delete require.cache[resolved];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(resolved) as ProgramExports & { default?: ProgramExports };
  const program = loaded.default ?? loaded;
  const outputs = typeof program === 'function' ? await program() : program;
  return (outputs ?? {}) as Record<string, unknown>;
}

async function resolveOutputs(
  outputs: Record<string, unknown>,
): Promise<{ values: Record<string, unknown>; secrets: string[] }> {
  const values: Record<string, unknown> = {};
  const secrets: string[] = [];
  for (const [key, value] of Object.entries(outputs)) {
    // pulumi.output() resolves nested outputs and carries secretness up to the whole value.
    const output = pulumi.output(value);
    const plain = await unwrap(output);
    if (await isSecretOutput(output)) {
      values[key] = REDACTED;
      secretValuesAt({ plain }, ['plain']).forEach((v) => secrets.push(v));
    } else {
      values[key] = plain;
    }
  }
  return { values, secrets };
}

/** Secret values a resource received or the mocks generated for it (passwords, tokens). */
function secretValuesOf(resource: RecordedResource): string[] {
  return [
    ...secretValuesAt(resource.inputs, resource.secretPaths),
    ...secretValuesAt(resource.state, resource.stateSecretPaths),
    ...secretValuesAt(resource.outputs ?? {}, resource.outputSecretPaths ?? []),
  ];
}

function waiversOf(waived: readonly WaivedViolation[]): PlanWaiverJson[] {
  return waived.map((w) => ({
    policy: w.policy,
    level: w.level,
    urn: w.urn,
    message: w.message,
    waiver: w.waiver,
    reason: w.reason,
  }));
}

/**
 * Runs a stack's program offline, under the AWS-aware mocks for the stack's region, and
 * evaluates the policy pack on what it registered. Throws InvalidSettingsError (bad settings)
 * or StackConfigError (unreadable stack files); a policy failure is an exit code, not a throw.
 */
export async function runPlan(options: PlanOptions): Promise<PlanResult> {
  const { project, main } = readStackProject(options.stackDir);
  const { config, secretKeys } = readStackConfig(
    options.stackDir,
    options.stack,
    project,
    options.config,
    options.region,
  );
  // Checked here as well as in the program, so a bad setting fails before any mock is set up.
  const context = { stack: options.stack, project };
  const settings = parseSettings(rawSettings({ ...context, config }), context);

  // Refused before anything runs: the platform does not know these partitions' endpoint names.
  const { partition } = resolveRegion(settings.region);
  if (!SUPPORTED_PARTITIONS.includes(partition)) {
    throw new InvalidSettingsError(`stack "${options.stack}"`, [
      {
        setting: 'aws:region',
        value: settings.region,
        allowed: `a region of the ${SUPPORTED_PARTITIONS.join(', ')} partitions`,
        reason: `partition ${partition} is not supported by the platform`,
      },
    ]);
  }

  const runtime = installMocks({
    region: settings.region,
    project,
    stack: options.stack,
    config,
    secretConfigKeys: secretKeys,
  });
  const programPath = options.program ?? resolve(options.stackDir, main);
  const run = await runtime.run(() => loadAndRun(programPath));
  const outputs = await resolveOutputs(run.value);

  const scrubber = new SecretScrubber([
    ...run.resources.flatMap(secretValuesOf),
    ...outputs.secrets,
  ]);
  const resources = toPlanResources(run.resources);
  // The pack sees what the engine would send it (redacted inputs, computed state), plus the
  // deployment context the mocks stood for.
  const evaluation = evaluatePolicies(
    run.resources.map((r, index) => ({
      ...resources[index]!,
      state: redactPaths(r.state, r.stateSecretPaths),
      id: r.id,
      propertyDependencies: r.propertyDependencies,
    })),
    {
      region: runtime.region,
      partition: runtime.partition,
      accountId: runtime.accountId,
      dnsSuffix: runtime.dnsSuffix,
      stack: options.stack,
    },
  );
  const plan: PlanJson = scrubber.json({
    stack: options.stack,
    project,
    region: runtime.region,
    partition: runtime.partition,
    accountId: runtime.accountId,
    resources,
    outputs: outputs.values,
    policyPack: {
      name: POLICY_PACK_NAME,
      version: POLICY_PACK_VERSION,
      policies: [...evaluation.policies],
    },
    violations: evaluation.violations.map((v) => ({
      policy: v.policy,
      level: v.level,
      urn: v.urn,
      message: v.message,
    })),
    waivers: waiversOf(evaluation.waived),
  });

  const keyArns = new Map<string, string>();
  for (const r of run.resources) {
    if (r.type === 'aws:kms/key:Key' && typeof r.state.arn === 'string')
      keyArns.set(r.urn, r.state.arn);
  }
  const mandatory = plan.violations.filter((v) => v.level === 'mandatory').length;
  return {
    plan,
    tree: scrubber.text(renderTree(plan)),
    summary: scrubber.text(renderSummary(plan)),
    mermaid: scrubber.text(renderMermaid(plan, { keyArns })),
    exitCode: mandatory > 0 ? 1 : 0,
    recorded: run.resources,
  };
}
