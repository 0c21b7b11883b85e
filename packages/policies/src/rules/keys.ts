/** Reading a declared key's policy from the graph (inline `policy` or an `aws.kms.KeyPolicy`). */
import { ResourceGraph } from '../graph';
import { readStatements, Statement } from '../policy-statements';
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

/** Whether the account-root statement delegates the key to the account's IAM policies. */
export function delegatesToAccount(statements: readonly Statement[]): boolean {
  return statements.some(
    (s) =>
      s.effect === 'Allow' &&
      (s.principal?.aws ?? []).some(
        (arn) => /^arn:[^:]+:iam::\d{12}:root$/.test(arn) || /^\d{12}$/.test(arn),
      ),
  );
}
