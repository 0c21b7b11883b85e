/** The plan as other tools read it (`--json`); the shape is fixed by ARCHITECTURE.md. */

export interface PlanResourceJson {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** The parent's URN, or null for the stack's top-level resources. */
  readonly parent: string | null;
  /** Every input, with secret values replaced by "[secret]". */
  readonly inputs: Record<string, unknown>;
  readonly secretPaths: string[];
  readonly dependsOn: string[];
}

export interface PlanViolationJson {
  readonly policy: string;
  readonly level: 'mandatory' | 'advisory';
  readonly urn: string;
  readonly message: string;
}

/** A finding a named waiver accepted: reported with the waiver and its reason. */
export interface PlanWaiverJson extends PlanViolationJson {
  readonly waiver: string;
  readonly reason: string;
}

export interface PlanJson {
  readonly stack: string;
  readonly project: string;
  readonly region: string;
  readonly partition: string;
  readonly accountId: string;
  readonly resources: PlanResourceJson[];
  /** Stack outputs, secrets replaced by "[secret]". */
  readonly outputs: Record<string, unknown>;
  readonly policyPack: { readonly name: string; readonly version: string; policies: string[] };
  readonly violations: PlanViolationJson[];
  /** Findings a policy waived by name, with the reason given. */
  readonly waivers: PlanWaiverJson[];
}
