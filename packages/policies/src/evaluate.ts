/** The offline evaluator the `plan` target runs over the recorded resources. */
import { POLICIES } from './catalogue';
import { PolicyDefinition } from './definitions';
import { inferDeployment } from './deployment';
import { ResourceGraph } from './graph';
import { runPolicy } from './run';
import {
  DeploymentContext,
  PlanResource,
  PolicyResult,
  PolicyViolation,
  WaivedViolation,
} from './types';
import { Waiver, WAIVERS, waiverFor } from './waivers';

export interface EvaluateOptions extends DeploymentContext {
  /** Waivers to apply; the pack's own by default. */
  readonly waivers?: readonly Waiver[];
  /** Policies to run; the whole pack by default. */
  readonly policies?: readonly PolicyDefinition[];
}

/**
 * Evaluates every policy over the resources. Stack-level findings without a resource are
 * reported on the stack's URN (the first resource's stack, or `urn:pulumi:<stack>::stack`).
 */
export function evaluatePolicies(
  resources: readonly PlanResource[],
  options: EvaluateOptions = {},
): PolicyResult {
  const policies = options.policies ?? POLICIES;
  const waivers = options.waivers ?? WAIVERS;
  const graph = new ResourceGraph(resources);
  const deployment = inferDeployment(resources, options);
  const stackUrn =
    resources.find((r) => r.type === 'pulumi:pulumi:Stack')?.urn ??
    `urn:pulumi:${deployment.stack ?? 'stack'}::stack`;

  const violations: PolicyViolation[] = [];
  const waived: WaivedViolation[] = [];
  for (const policy of policies) {
    for (const finding of runPolicy(policy, graph, deployment, stackUrn)) {
      const level = finding.undetermined ? 'advisory' : policy.level;
      const violation = {
        policy: finding.policy,
        level,
        urn: finding.urn,
        message: finding.message,
      };
      const waiver = finding.undetermined
        ? undefined
        : waiverFor(waivers, policy.id, graph.byUrn(finding.urn), deployment.stack);
      if (waiver) waived.push({ ...violation, waiver: waiver.id, reason: waiver.reason });
      else violations.push(violation);
    }
  }
  return { violations, waived, policies: policies.map((p) => p.id) };
}

/** True when the result must fail a plan or deployment. */
export function hasMandatoryViolations(result: PolicyResult): boolean {
  return result.violations.some((v) => v.level === 'mandatory');
}
