import { RecordedResource } from '@phi-platform/offline';
import { join, resolve } from 'node:path';
import { secretValuesAt } from '../src/plan';

export const STACKS_DIR = resolve(__dirname, '../../../stacks');
export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

export const stackDir = (env: string) => join(STACKS_DIR, env);
/** The stack's TypeScript program: Jest compiles it, so no build is needed. */
export const programOf = (env: string) => join(STACKS_DIR, env, 'src', 'index.ts');

/** Every secret value the mocks saw or generated in a run (passwords, tokens, secret inputs). */
export function generatedSecrets(recorded: readonly RecordedResource[]): string[] {
  return recorded
    .flatMap((r) => [
      ...secretValuesAt(r.inputs, r.secretPaths),
      ...secretValuesAt(r.state, r.stateSecretPaths),
    ])
    .filter((v) => v.length >= 8);
}
