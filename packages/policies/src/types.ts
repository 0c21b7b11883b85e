/**
 * The data the pack works on and the results it produces. A `PlanResource` is what the offline
 * recorder registers (and what the `plan` JSON lists); the CrossGuard adapters build the same
 * shape from what the Pulumi engine sends, so every policy is written once.
 */

/** How a violation is enforced: `mandatory` blocks the plan or deployment. */
export type EnforcementLevel = 'mandatory' | 'advisory';

/** One registered resource as the policies see it. */
export interface PlanResource {
  readonly urn: string;
  /** Pulumi type token, e.g. `aws:kms/key:Key`. */
  readonly type: string;
  /** Logical name (the last part of the URN). */
  readonly name: string;
  readonly parent: string | null;
  /** Inputs as Pulumi records them: camelCase names, JSON strings for policies. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** URNs this resource depends on (explicitly or through the outputs it consumes). */
  readonly dependsOn: readonly string[];
  /**
   * Provider-computed attributes when known (`id`, `arn`, ...). Optional: with it, references
   * between resources are matched by value; without it, through `propertyDependencies` or
   * `dependsOn`.
   */
  readonly state?: Readonly<Record<string, unknown>>;
  /** The physical id, when known. */
  readonly id?: string;
  /** Input paths that hold Pulumi secrets (`masterPassword`, `authToken`). Absent = not known. */
  readonly secretPaths?: readonly string[];
  /** For each input, the URNs of the resources whose outputs flowed into it. */
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

export interface PolicyViolation {
  readonly policy: string;
  readonly level: EnforcementLevel;
  readonly urn: string;
  readonly message: string;
}

export interface WaivedViolation extends PolicyViolation {
  /** Id of the waiver that accepted the finding. */
  readonly waiver: string;
  /** Why the exception is acceptable, from the waiver. */
  readonly reason: string;
}

export interface PolicyResult {
  /** Findings that count; any `mandatory` one fails the plan. */
  readonly violations: readonly PolicyViolation[];
  /** Findings accepted by a named waiver: reported, never silently dropped. */
  readonly waived: readonly WaivedViolation[];
  /** Ids of every policy that was evaluated. */
  readonly policies: readonly string[];
}

/** Where the program deploys; each value is inferred from the resources' ARNs when omitted. */
export interface DeploymentContext {
  readonly region?: string;
  readonly partition?: string;
  readonly accountId?: string;
  /** `amazonaws.com`, `amazonaws.com.cn`; derived from the partition when omitted. */
  readonly dnsSuffix?: string;
  /** Stack name (`dev`, `prod`); read from the URNs when omitted. */
  readonly stack?: string;
}
