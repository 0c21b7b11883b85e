import { RecordedResource } from '@phi-platform/offline';
import { join, resolve } from 'node:path';
import { secretValuesAt } from '../src/plan';

export const STACKS_DIR = resolve(__dirname, '../../../stacks');
export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

export const stackDir = (env: string) => join(STACKS_DIR, env);
/** The stack's TypeScript program: Jest compiles it, so no build is needed. */
export const programOf = (env: string) => join(STACKS_DIR, env, 'src', 'index.ts');

/**
 * Every secret value the mocks saw or generated in a run: the values at recorded secret paths,
 * and, independently of any secret marking (which the redaction itself relies on), every value
 * a random provider generated, so a value that lost its marking on the way is still searched for.
 */
export function generatedSecrets(recorded: readonly RecordedResource[]): string[] {
  const generated = recorded
    .filter((r) => r.type.startsWith('random:'))
    .map((r) => r.state.result)
    .filter((v): v is string => typeof v === 'string');
  return [
    ...generated,
    ...recorded.flatMap((r) => [
      ...secretValuesAt(r.inputs, r.secretPaths),
      ...secretValuesAt(r.state, r.stateSecretPaths),
    ]),
  ].filter((v) => v.length >= 8);
}
