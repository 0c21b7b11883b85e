import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * Stands in for a `secure:` value, which cannot be decrypted offline; the same text the plan
 * writes for every secret (offline's REDACTED).
 */
export const SECRET_CONFIG_PLACEHOLDER = '[secret]';

export interface StackProject {
  /** The Pulumi project name, which is also the config namespace of the stack's settings. */
  readonly project: string;
  /** The program Pulumi runs, relative to the stack folder (`main` in Pulumi.yaml). */
  readonly main: string;
}

export class StackConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackConfigError';
  }
}

function readYaml(file: string): unknown {
  if (!existsSync(file)) throw new StackConfigError(`${file} does not exist`);
  try {
    return parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new StackConfigError(`${file} is not valid YAML: ${(error as Error).message}`);
  }
}

export function readStackProject(stackDir: string): StackProject {
  const file = join(stackDir, 'Pulumi.yaml');
  const doc = readYaml(file) as { name?: unknown; main?: unknown } | null;
  if (typeof doc?.name !== 'string') throw new StackConfigError(`${file} has no project name`);
  const main = typeof doc.main === 'string' ? doc.main : '.';
  return { project: doc.name, main };
}

export interface StackConfig {
  /** `<namespace>:<key>` to the value as Pulumi passes it to a program (a string). */
  readonly config: Record<string, string>;
  /** Keys whose value is secret (`secure:` in the YAML): only a placeholder is known offline. */
  readonly secretKeys: string[];
}

/** A config value as the Pulumi CLI hands it to the program: strings as-is, the rest as JSON. */
function asConfigString(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isSecure(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    'secure' in value
  );
}

/** A `--config` key as `pulumi --config` reads it: no namespace means the project's. */
export function qualifyKey(key: string, project: string): string {
  return key.includes(':') ? key : `${project}:${key}`;
}

/**
 * The config a stack program would get from `pulumi up --stack <stack> --config ...`: the
 * `config:` map of `Pulumi.<stack>.yaml`, then each override, then `--region` as `aws:region`.
 * Secure values cannot be decrypted offline and become secret placeholders.
 */
export function readStackConfig(
  stackDir: string,
  stack: string,
  project: string,
  overrides: readonly string[] = [],
  region?: string,
): StackConfig {
  const file = join(stackDir, `Pulumi.${stack}.yaml`);
  const doc = readYaml(file) as { config?: unknown } | null;
  const map = doc?.config ?? {};
  if (map === null || typeof map !== 'object' || Array.isArray(map)) {
    throw new StackConfigError(`${file}: "config" must be a map of settings`);
  }
  const config: Record<string, string> = {};
  const secretKeys = new Set<string>();
  for (const [key, value] of Object.entries(map as Record<string, unknown>)) {
    const fullKey = qualifyKey(key, project);
    if (isSecure(value)) {
      config[fullKey] = SECRET_CONFIG_PLACEHOLDER;
      secretKeys.add(fullKey);
    } else {
      config[fullKey] = asConfigString(value);
    }
  }
  for (const override of overrides) {
    const eq = override.indexOf('=');
    if (eq <= 0) {
      throw new StackConfigError(`--config "${override}": expected <key>=<value>`);
    }
    const fullKey = qualifyKey(override.slice(0, eq), project);
    config[fullKey] = override.slice(eq + 1);
    secretKeys.delete(fullKey);
  }
  if (region !== undefined) config['aws:region'] = region;
  return { config, secretKeys: [...secretKeys] };
}
