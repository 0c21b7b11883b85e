/**
 * IAM and KMS policy documents as typed values. Components build them with pure functions so
 * tests (and the policy pack) can read every statement as data before anything is deployed.
 */

/** One or many, as IAM accepts for actions, resources and principals. */
export type OneOrMany<T> = T | readonly T[];

/** Condition operator to condition key to value(s), e.g. `{ StringEquals: { 'aws:x': 'y' } }`. */
export type PolicyConditions = Readonly<
  Record<string, Readonly<Record<string, OneOrMany<string>>>>
>;

export type PolicyPrincipal =
  | '*'
  | Readonly<{
      AWS?: OneOrMany<string>;
      Service?: OneOrMany<string>;
      Federated?: OneOrMany<string>;
    }>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: PolicyPrincipal;
  readonly Action: OneOrMany<string>;
  readonly Resource?: OneOrMany<string>;
  readonly Condition?: PolicyConditions;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** A document from statements, refusing duplicate `Sid`s (IAM rejects them at deploy time). */
export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  const seen = new Set<string>();
  for (const statement of statements) {
    if (statement.Sid === undefined) continue;
    if (seen.has(statement.Sid)) {
      throw new Error(`Policy statement Sid "${statement.Sid}" is used twice; Sids must be unique`);
    }
    seen.add(statement.Sid);
  }
  return { Version: '2012-10-17', Statement: [...statements] };
}

/** A value given as one or many, always as an array. */
export function asArray<T>(value: OneOrMany<T> | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}

/** The statements of a JSON policy string, or of a document value. */
export function parsePolicyDocument(policy: string | PolicyDocument): PolicyDocument {
  const doc = typeof policy === 'string' ? (JSON.parse(policy) as PolicyDocument) : policy;
  if (doc === null || typeof doc !== 'object' || !('Statement' in doc)) {
    throw new Error('Not an IAM policy document: it has no "Statement"');
  }
  const statements = asArray(doc.Statement as OneOrMany<PolicyStatement>);
  return { Version: '2012-10-17', Statement: statements };
}
