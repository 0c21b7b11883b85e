/**
 * IAM and KMS policy documents as the policies reason about them: every statement normalised
 * to arrays, with helpers for wildcard actions, open principals and scoping conditions.
 */
import { wildcardMatch } from '@phi-platform/core';
import { isDict, parseJsonInput, Parsed } from './values';

export interface Statement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  /** True when written as `NotAction`: the statement covers everything except `actions`. */
  readonly notAction: boolean;
  readonly resources: readonly string[];
  readonly notResource: boolean;
  /** `undefined` for identity policies (no principal). */
  readonly principal?: Principal;
  /** Operator to key to values, keys lower-cased (IAM condition keys are case-insensitive). */
  readonly conditions: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
}

export interface Principal {
  /** `Principal: "*"` or `{ AWS: "*" }`. */
  readonly everyone: boolean;
  readonly aws: readonly string[];
  readonly service: readonly string[];
  readonly federated: readonly string[];
}

function strs(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  return items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}

function principalOf(raw: unknown): Principal | undefined {
  if (raw === undefined) return undefined;
  if (raw === '*') return { everyone: true, aws: ['*'], service: [], federated: [] };
  if (!isDict(raw)) return { everyone: false, aws: strs(raw), service: [], federated: [] };
  const aws = strs(raw.AWS);
  return {
    everyone: aws.includes('*'),
    aws,
    service: strs(raw.Service),
    federated: strs(raw.Federated),
  };
}

function conditionsOf(raw: unknown): Map<string, Map<string, string[]>> {
  const result = new Map<string, Map<string, string[]>>();
  if (!isDict(raw)) return result;
  for (const [operator, byKey] of Object.entries(raw)) {
    const keys = new Map<string, string[]>();
    if (isDict(byKey)) {
      for (const [key, value] of Object.entries(byKey)) keys.set(key.toLowerCase(), strs(value));
    }
    result.set(operator, keys);
  }
  return result;
}

function statementOf(raw: unknown): Statement | undefined {
  if (!isDict(raw)) return undefined;
  const effect = raw.Effect === 'Deny' ? 'Deny' : 'Allow';
  const notAction = raw.NotAction !== undefined;
  const notResource = raw.NotResource !== undefined;
  return {
    sid: typeof raw.Sid === 'string' ? raw.Sid : undefined,
    effect,
    actions: strs(notAction ? raw.NotAction : raw.Action),
    notAction,
    resources: strs(notResource ? raw.NotResource : raw.Resource),
    notResource,
    principal: principalOf(raw.Principal),
    conditions: conditionsOf(raw.Condition),
  };
}

/** The statements of a policy input (JSON string or document), or why they cannot be read. */
export function readStatements(input: unknown): Parsed<Statement[]> {
  const parsed = parseJsonInput(input);
  if (!parsed.ok) return parsed;
  const doc = parsed.value;
  if (!isDict(doc) || doc.Statement === undefined) {
    return { ok: false, unknown: false, reason: 'has no "Statement"' };
  }
  const raw = Array.isArray(doc.Statement) ? (doc.Statement as unknown[]) : [doc.Statement];
  const statements = raw.map(statementOf).filter((s): s is Statement => s !== undefined);
  return { ok: true, value: statements };
}

/** IAM action matching: case-insensitive, `*` and `?` wildcards. */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardMatch(pattern.toLowerCase(), action.toLowerCase());
}

/** Whether the statement grants `action` (taking `NotAction` into account). */
export function grants(statement: Statement, action: string): boolean {
  const listed = statement.actions.some((pattern) => actionMatches(pattern, action));
  return statement.notAction ? !listed : listed;
}

/** `*` or `<service>:*`: every action, or every action of one service. */
export function isFullAccessAction(action: string): boolean {
  return action === '*' || /^[a-z0-9-]+:\*$/i.test(action);
}

export function appliesToAllResources(statement: Statement): boolean {
  return statement.notResource || statement.resources.includes('*');
}

/** Every condition value of a key under any operator. */
export function conditionValues(statement: Statement, key: string): string[] {
  const wanted = key.toLowerCase();
  const values: string[] = [];
  for (const byKey of statement.conditions.values()) values.push(...(byKey.get(wanted) ?? []));
  return values;
}

export function conditionKeys(statement: Statement): string[] {
  return [...statement.conditions.values()].flatMap((byKey) => [...byKey.keys()]);
}

/** Condition keys that narrow an open principal to an account, organisation or service. */
export const NARROWING_CONDITION_KEYS: ReadonlySet<string> = new Set([
  'kms:calleraccount',
  'kms:viaservice',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceowner',
]);

export function isNarrowed(statement: Statement): boolean {
  return conditionKeys(statement).some((key) => NARROWING_CONDITION_KEYS.has(key));
}

/** Condition keys that scope a service principal's use of a key to a resource or account. */
export function isServiceScoped(statement: Statement): boolean {
  return conditionKeys(statement).some(
    (key) => NARROWING_CONDITION_KEYS.has(key) || key.startsWith('kms:encryptioncontext:'),
  );
}

export function describeStatement(statement: Statement, index: number): string {
  return statement.sid ? `statement "${statement.sid}"` : `statement #${index + 1}`;
}
