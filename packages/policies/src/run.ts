/**
 * Runs one policy and collects its findings with the message format both entry points share:
 * `<what is wrong>. Fix: <remediation>`; undecidable checks become advisory findings.
 */
import { Deployment, PolicyDefinition, Reporter } from './definitions';
import { ResourceGraph } from './graph';
import { PlanResource } from './types';

export interface Finding {
  readonly policy: string;
  readonly urn: string;
  readonly message: string;
  /** True when the check could not be decided (reported as advisory, never waived). */
  readonly undetermined: boolean;
}

function collector(policy: PolicyDefinition, defaultUrn: string, findings: Finding[]): Reporter {
  return {
    violation(message, options) {
      findings.push({
        policy: policy.id,
        urn: options?.urn ?? defaultUrn,
        message: `${message}. Fix: ${options?.hint ?? policy.remediation}`,
        undetermined: false,
      });
    },
    undetermined(reason, options) {
      findings.push({
        policy: policy.id,
        urn: options?.urn ?? defaultUrn,
        message: `Not evaluated: ${reason}`,
        undetermined: true,
      });
    },
  };
}

/** A policy that throws is a finding, never a silent pass. */
function guarded(
  policy: PolicyDefinition,
  urn: string,
  findings: Finding[],
  run: () => void,
): void {
  try {
    run();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    findings.push({
      policy: policy.id,
      urn,
      message: `Policy failed: ${detail}`,
      undetermined: false,
    });
  }
}

export function runPolicy(
  policy: PolicyDefinition,
  graph: ResourceGraph,
  deployment: Deployment,
  stackUrn: string,
): Finding[] {
  const findings: Finding[] = [];
  if (policy.kind === 'stack') {
    guarded(policy, stackUrn, findings, () =>
      policy.validate(graph, collector(policy, stackUrn, findings), deployment),
    );
    return findings;
  }
  for (const resource of graph.resources) {
    if (policy.types.includes(resource.type))
      findings.push(...runOnResource(policy, resource, deployment));
  }
  return findings;
}

export function runOnResource(
  policy: PolicyDefinition & { kind: 'resource' },
  resource: PlanResource,
  deployment: Deployment,
): Finding[] {
  const findings: Finding[] = [];
  guarded(policy, resource.urn, findings, () =>
    policy.validate(resource, collector(policy, resource.urn, findings), deployment),
  );
  return findings;
}
