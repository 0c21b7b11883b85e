/** The pack's name and version, as the engine and the plan JSON report them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** CrossGuard pack name: letters, digits, hyphens, underscores and periods only. */
export const POLICY_PACK_NAME = 'phi-platform-hipaa';

function packageVersion(): string {
  // src/ in tests, lib/ when built: the package root is one level up either way.
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  if (typeof manifest.version !== 'string') throw new Error('package.json has no version');
  return manifest.version;
}

export const POLICY_PACK_VERSION: string = packageVersion();

/** Absolute path of the directory to pass to `pulumi preview|up --policy-pack`. */
export function policyPackDirectory(): string {
  return join(__dirname, '..', 'pack');
}
