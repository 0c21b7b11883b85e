import { RecordedResource } from '@phi-platform/offline';
import { join, resolve } from 'node:path';
import { secretValuesAt } from '../src/plan';

export const STACKS_DIR = resolve(__dirname, '../../../stacks');
export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

export const stackDir = (env: string) => join(STACKS_DIR, env);
/** The stack's TypeScript program: Jest compiles it, so no build is needed. */
export const programOf = (env: string) => join(STACKS_DIR, env, 'src', 'index.ts');

/**
 * Mandatory findings that belong to another package and are open. Each entry must still occur
 * (a test fails once it is fixed, so the entry gets removed).
 */
export const OPEN_FINDINGS: readonly { policy: string; urnEnding: string; stacks: string[] }[] = [
  // TODO(#8): the cache AUTH token secret (data's RedisCache, crypto's GeneratedSecret) has no
  // rotation; remove when data adds a SecretRotation or policies a waiver.
  {
    policy: 'SM-02',
    urnEnding: '::phi-cache-auth-token-secret',
    stacks: ['dev', 'staging', 'prod'],
  },
  // TODO(#8): RDS-11 demands a reader everywhere, but dev is one instance by design (issue 8);
  // remove when policies waives it for the dev stack.
  { policy: 'RDS-11', urnEnding: '::phi-db-cluster', stacks: ['dev'] },
];

export function isOpenFinding(stack: string, v: { policy: string; urn: string }): boolean {
  return OPEN_FINDINGS.some(
    (o) => o.stacks.includes(stack) && o.policy === v.policy && v.urn.endsWith(o.urnEnding),
  );
}

/** Every secret value the mocks saw or generated in a run (passwords, tokens, secret inputs). */
export function generatedSecrets(recorded: readonly RecordedResource[]): string[] {
  return recorded
    .flatMap((r) => [
      ...secretValuesAt(r.inputs, r.secretPaths),
      ...secretValuesAt(r.state, r.stateSecretPaths),
    ])
    .filter((v) => v.length >= 8);
}
