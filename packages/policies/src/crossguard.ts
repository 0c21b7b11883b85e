/**
 * Adapters from the pack's plain policies to Pulumi CrossGuard policies. Importing this module
 * is safe (nothing is served); `pack.ts` constructs the PolicyPack for the engine.
 *
 * The engine hands policies proxies that throw on unknown (preview-time) values; the adapters
 * turn them into plain records with `UNKNOWN` markers first, so one unknown input never hides a
 * known-bad one. A check that stays undecided is reported as not applicable, with its reason.
 */
import {
  EnforcementLevel,
  Policies,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Secret,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
  UnknownValueError,
} from '@pulumi/policy';
import { POLICIES } from './catalogue';
import { CatalogueSeverity, PolicyDefinition, ResourcePolicy, StackPolicy } from './definitions';
import { inferDeployment } from './deployment';
import { ResourceGraph } from './graph';
import { Finding, runOnResource, runPolicy } from './run';
import { PlanResource } from './types';
import { UNKNOWN } from './values';
import { Waiver, WAIVERS, waiverFor } from './waivers';

/** The key @pulumi/policy's proxies answer with the object they wrap. */
const PROXY_TARGET = '__getSpecialProxyTarget';

function isObjectLike(value: unknown): value is Record<string | number, unknown> {
  return typeof value === 'object' && value !== null;
}

function readKey(container: Record<string | number, unknown>, key: string | number): unknown {
  try {
    return plainValue(container[key]);
  } catch (error) {
    if (error instanceof UnknownValueError) return UNKNOWN;
    throw error;
  }
}

/** A deep plain copy of engine-provided properties, unknown values replaced by `UNKNOWN`. */
export function plainValue(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value as unknown[];
    const out: unknown[] = [];
    for (let i = 0; i < items.length; i++) out.push(readKey(items as never, i));
    return out;
  }
  if (isObjectLike(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = readKey(value, key);
    return out;
  }
  return value;
}

function rawTarget(value: unknown): unknown {
  let current = value;
  for (let depth = 0; depth < 4 && isObjectLike(current); depth++) {
    const target = current[PROXY_TARGET];
    if (target === undefined || target === current) break;
    current = target;
  }
  return current;
}

/** Dotted paths of the values the engine marked secret, read from the unproxied properties. */
export function secretPathsOf(props: unknown): string[] {
  const paths: string[] = [];
  const walk = (value: unknown, path: string, depth: number): void => {
    if (depth > 12) return;
    if (value instanceof Secret) {
      paths.push(path);
      return;
    }
    if (!isObjectLike(value)) return;
    for (const key of Object.keys(value)) {
      walk(value[key], path === '' ? key : `${path}.${key}`, depth + 1);
    }
  };
  walk(rawTarget(props), '', 0);
  return paths;
}

function asRecord(value: unknown): Record<string, unknown> {
  return isObjectLike(value) && !Array.isArray(value) ? value : {};
}

/** A `PlanResource` from the arguments of a resource validation. */
export function planResourceFromArgs(args: ResourceValidationArgs): PlanResource {
  return {
    urn: args.urn,
    type: args.type,
    name: args.name,
    parent: args.opts?.parent ?? null,
    inputs: asRecord(plainValue(args.props)),
    dependsOn: [],
    secretPaths: secretPathsOf(args.props),
  };
}

/** `PlanResource`s from a stack validation; outputs stand in for inputs and state. */
export function planResourcesFromStack(args: StackValidationArgs): PlanResource[] {
  return args.resources.map((resource: PolicyResource) => {
    const props = asRecord(plainValue(resource.props));
    const propertyDependencies: Record<string, string[]> = {};
    for (const [prop, deps] of Object.entries(resource.propertyDependencies ?? {})) {
      propertyDependencies[prop] = deps.map((d) => d.urn);
    }
    return {
      urn: resource.urn,
      type: resource.type,
      name: resource.name,
      parent: resource.parent?.urn ?? null,
      inputs: props,
      state: props,
      dependsOn: resource.dependencies.map((d) => d.urn),
      propertyDependencies,
      // Stack validations receive secrets already unwrapped: secretness is not known here.
      secretPaths: undefined,
    };
  });
}

function providerRegion(args: ResourceValidationArgs): string | undefined {
  const region = asRecord(plainValue(args.provider?.props)).region;
  return typeof region === 'string' ? region : undefined;
}

const SEVERITIES: Record<CatalogueSeverity, Severity> = {
  C: 'critical',
  H: 'high',
  M: 'medium',
  L: 'low',
};

interface Metadata {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  severity: Severity;
  remediationSteps: string;
  tags: string[];
}

function metadata(policy: PolicyDefinition): Metadata {
  return {
    name: policy.id,
    description: policy.description,
    enforcementLevel: policy.level,
    severity: SEVERITIES[policy.catalogueSeverity],
    remediationSteps: policy.remediation,
    tags: ['hipaa', ...policy.derivedFrom],
  };
}

interface Sorted {
  readonly report: Finding[];
  readonly waived: { finding: Finding; waiver: Waiver }[];
  readonly undetermined: Finding[];
}

function sort(
  findings: readonly Finding[],
  waivers: readonly Waiver[],
  resourceOf: (urn: string) => PlanResource | undefined,
): Sorted {
  const sorted: Sorted = { report: [], waived: [], undetermined: [] };
  for (const finding of findings) {
    if (finding.undetermined) {
      sorted.undetermined.push(finding);
      continue;
    }
    const waiver = waiverFor(waivers, finding.policy, resourceOf(finding.urn), undefined);
    if (waiver) sorted.waived.push({ finding, waiver });
    else sorted.report.push(finding);
  }
  return sorted;
}

function resourceAdapter(
  policy: ResourcePolicy,
  waivers: readonly Waiver[],
): ResourceValidationPolicy {
  return {
    ...metadata(policy),
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
      if (!policy.types.includes(args.type)) return;
      const resource = planResourceFromArgs(args);
      const deployment = inferDeployment([resource], { region: providerRegion(args) });
      const sorted = sort(runOnResource(policy, resource, deployment), waivers, () => resource);
      for (const finding of sorted.report) reportViolation(finding.message);
      if (sorted.report.length === 0 && sorted.undetermined.length > 0) {
        args.notApplicable(sorted.undetermined.map((f) => f.message).join('; '));
      }
    },
  };
}

function stackAdapter(policy: StackPolicy, waivers: readonly Waiver[]): StackValidationPolicy {
  return {
    ...metadata(policy),
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
      const resources = planResourcesFromStack(args);
      const graph = new ResourceGraph(resources);
      const deployment = inferDeployment(resources);
      const stackUrn = resources.find((r) => r.type === 'pulumi:pulumi:Stack')?.urn ?? '';
      const findings = runPolicy(policy, graph, deployment, stackUrn);
      const sorted = sort(findings, waivers, (urn) => graph.byUrn(urn));
      for (const finding of sorted.report) {
        reportViolation(finding.message, finding.urn === '' ? undefined : finding.urn);
      }
      if (sorted.report.length === 0 && sorted.undetermined.length > 0) {
        args.notApplicable(sorted.undetermined.map((f) => f.message).join('; '));
      }
    },
  };
}

/** Names of the two advisory policies that list applied waivers in the engine's output. */
export const WAIVER_REPORT_POLICIES = [
  'waived-resource-findings',
  'waived-stack-findings',
] as const;

function waivedMessage(finding: Finding, waiver: Waiver): string {
  return `${finding.policy} waived by ${waiver.id}: ${finding.message} Reason: ${waiver.reason}`;
}

function waiverReports(
  policies: readonly PolicyDefinition[],
  waivers: readonly Waiver[],
): [ResourceValidationPolicy, StackValidationPolicy] {
  const waivedIds = new Set(waivers.map((w) => w.policy));
  const resourcePolicies = policies.filter(
    (p): p is ResourcePolicy => p.kind === 'resource' && waivedIds.has(p.id),
  );
  const stackPolicies = policies.filter(
    (p): p is StackPolicy => p.kind === 'stack' && waivedIds.has(p.id),
  );
  const common = {
    enforcementLevel: 'advisory' as const,
    severity: 'low' as const,
    tags: ['hipaa', 'waiver'],
  };
  return [
    {
      ...common,
      name: WAIVER_REPORT_POLICIES[0],
      description: 'Lists findings of resource policies accepted by a named waiver.',
      validateResource: (args, reportViolation) => {
        const resource = planResourceFromArgs(args);
        const deployment = inferDeployment([resource], { region: providerRegion(args) });
        for (const policy of resourcePolicies.filter((p) => p.types.includes(args.type))) {
          const sorted = sort(runOnResource(policy, resource, deployment), waivers, () => resource);
          for (const { finding, waiver } of sorted.waived)
            reportViolation(waivedMessage(finding, waiver));
        }
      },
    },
    {
      ...common,
      name: WAIVER_REPORT_POLICIES[1],
      description: 'Lists findings of stack policies accepted by a named waiver.',
      validateStack: (args, reportViolation) => {
        const resources = planResourcesFromStack(args);
        const graph = new ResourceGraph(resources);
        const deployment = inferDeployment(resources);
        for (const policy of stackPolicies) {
          const sorted = sort(runPolicy(policy, graph, deployment, ''), waivers, (u) =>
            graph.byUrn(u),
          );
          for (const { finding, waiver } of sorted.waived) {
            reportViolation(waivedMessage(finding, waiver), finding.urn || undefined);
          }
        }
      },
    },
  ];
}

export interface CrossGuardOptions {
  readonly policies?: readonly PolicyDefinition[];
  readonly waivers?: readonly Waiver[];
}

/** The CrossGuard policies for `new PolicyPack(...)`: every pack policy plus waiver reports. */
export function crossGuardPolicies(options: CrossGuardOptions = {}): Policies {
  const policies = options.policies ?? POLICIES;
  const waivers = options.waivers ?? WAIVERS;
  return [
    ...policies.map((p) =>
      p.kind === 'resource' ? resourceAdapter(p, waivers) : stackAdapter(p, waivers),
    ),
    ...waiverReports(policies, waivers),
  ];
}
