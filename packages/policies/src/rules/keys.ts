/** Reading a declared key's policy from the graph (inline `policy` or an `aws.kms.KeyPolicy`). */
import { ResourceGraph } from '../graph';
import { grants, readStatements, Statement } from '../policy-statements';
import { T } from '../resource-types';
import { PlanResource } from '../types';
import { at } from '../values';

export type KeyStatements =
  | { readonly ok: true; readonly statements: readonly Statement[]; readonly policyUrns: string[] }
  | { readonly ok: false; readonly reason: string };

export function keyStatements(graph: ResourceGraph, key: PlanResource): KeyStatements {
  const separate = graph.ofType(T.kmsKeyPolicy).filter((p) => {
    const target = graph.resolve(p, 'keyId', at(p.inputs, 'keyId'), [T.kmsKey]);
    return target.kind === 'found' && target.resource.urn === key.urn;
  });
  const sources = at(key.inputs, 'policy') !== undefined ? [key, ...separate] : separate;
  if (sources.length === 0) return { ok: false, reason: 'the key has no policy' };
  const statements: Statement[] = [];
  for (const source of sources) {
    const read = readStatements(at(source.inputs, 'policy'));
    if (!read.ok) return { ok: false, reason: `the key policy is ${read.reason}` };
    statements.push(...read.value);
  }
  return { ok: true, statements, policyUrns: separate.map((p) => p.urn) };
}

/** The account of an IAM role ARN (`arn:<p>:iam::<account>:role/...`). */
export function roleAccountOf(identifiers: readonly string[]): string | undefined {
  for (const value of identifiers) {
    const match = /^arn:[^:]+:iam::(\d{12}):role\//.exec(value);
    if (match) return match[1];
  }
  return undefined;
}

/** Allow statements that together grant every one of `actions`; the ones missing otherwise. */
function missingActions(statements: readonly Statement[], actions: readonly string[]): string[] {
  const allowed = statements.filter((s) => s.effect === 'Allow');
  return actions.filter((action) => !allowed.some((s) => grants(s, action)));
}

export interface KeyAdmission {
  /** Key-policy statements (the key's own, or an `aws.kms.KeyPolicy`). */
  readonly keyStatements: readonly Statement[];
  /** ARNs the key is known by (IAM statements must name one of them exactly). */
  readonly keyArns: readonly string[];
  /** Known identifiers of the role (its ARN among them). */
  readonly roleIdentifiers: readonly string[];
  /** Account of the role; `undefined` when it cannot be known. */
  readonly roleAccount: string | undefined;
  /** Identity-policy statements attached to the role (inline and managed). */
  readonly roleStatements: readonly Statement[];
  readonly actions: readonly string[];
}

/**
 * Why the key does not let the role do `actions`, or `undefined` when it does: either the key
 * policy names the role for every action, or it delegates those actions to the root of the
 * role's own account AND the role's IAM policies grant them on exactly this key's ARN.
 */
export function keyAdmissionProblem(input: KeyAdmission): string | undefined {
  const named = input.keyStatements.filter((s) =>
    (s.principal?.aws ?? []).some((p) => input.roleIdentifiers.includes(p)),
  );
  if (missingActions(named, input.actions).length === 0) return undefined;

  const account = input.roleAccount;
  if (account === undefined) return 'the account of the role is not known';
  const roots = input.keyStatements.filter((s) =>
    (s.principal?.aws ?? []).some(
      (p) => p === account || new RegExp(`^arn:[^:]+:iam::${account}:root$`).test(p),
    ),
  );
  const undelegated = missingActions(roots, input.actions);
  if (undelegated.length > 0) {
    return (
      `the key policy neither names the role for ${undelegated.join(', ')} nor delegates ` +
      `them to the root of account ${account}`
    );
  }
  const onKey = input.roleStatements.filter(
    (s) => !s.notResource && s.resources.some((r) => input.keyArns.includes(r)),
  );
  const ungranted = missingActions(onKey, input.actions);
  if (ungranted.length > 0) {
    return (
      `the key policy delegates to account ${account}, but no IAM policy of the role grants ` +
      `${ungranted.join(', ')} on this key's ARN`
    );
  }
  return undefined;
}
