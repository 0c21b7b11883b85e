/**
 * What a policy is: metadata shared by the offline evaluator and the CrossGuard adapters, and a
 * plain function over one resource (resource policies) or over every resource (stack policies).
 */
import { ResourceGraph } from './graph';
import { DeploymentContext, EnforcementLevel, PlanResource } from './types';

/** Severity in the HIPAA catalogue: critical, high, medium, low. */
export type CatalogueSeverity = 'C' | 'H' | 'M' | 'L';

export interface PolicyInfo {
  /** Stable id: the catalogue id (`KMS-01`) or `XR-<n>` for the catalogue's section 2 item n. */
  readonly id: string;
  readonly level: EnforcementLevel;
  readonly catalogueSeverity: CatalogueSeverity;
  /** One line: what must hold. */
  readonly description: string;
  /** What to change when it does not hold; appended to every message. */
  readonly remediation: string;
  /** Public rules it derives from (cdk-nag, AWS Config, Security Hub, Checkov ids). */
  readonly derivedFrom: readonly string[];
}

export interface Reporter {
  /** A finding on the resource under check (or on `urn`, for stack policies). */
  violation(message: string, options?: { readonly urn?: string; readonly hint?: string }): void;
  /** The check could not be decided (a value is not known yet, a reference not found). */
  undetermined(reason: string, options?: { readonly urn?: string }): void;
}

/** Deployment facts resolved once per evaluation. */
export interface Deployment extends DeploymentContext {
  /** `logs.<region>.<dnsSuffix>` style host of a regional service, when region is known. */
  serviceHost(service: string): string | undefined;
}

export interface ResourcePolicy extends PolicyInfo {
  readonly kind: 'resource';
  /** Type tokens the policy applies to. */
  readonly types: readonly string[];
  validate(resource: PlanResource, report: Reporter, deployment: Deployment): void;
}

export interface StackPolicy extends PolicyInfo {
  readonly kind: 'stack';
  validate(graph: ResourceGraph, report: Reporter, deployment: Deployment): void;
}

export type PolicyDefinition = ResourcePolicy | StackPolicy;

type ResourcePolicySpec = Omit<ResourcePolicy, 'kind' | 'level'> & {
  readonly level?: EnforcementLevel;
};
type StackPolicySpec = Omit<StackPolicy, 'kind' | 'level'> & { readonly level?: EnforcementLevel };

/** C and H findings block; M and L advise, unless the spec overrides it (argued in the README). */
export function defaultLevel(severity: CatalogueSeverity): EnforcementLevel {
  return severity === 'C' || severity === 'H' ? 'mandatory' : 'advisory';
}

export function resourcePolicy(spec: ResourcePolicySpec): ResourcePolicy {
  return { ...spec, kind: 'resource', level: spec.level ?? defaultLevel(spec.catalogueSeverity) };
}

export function stackPolicy(spec: StackPolicySpec): StackPolicy {
  return { ...spec, kind: 'stack', level: spec.level ?? defaultLevel(spec.catalogueSeverity) };
}
