/**
 * Synchronous checks of TlsService arguments, as a pure function returning every problem, so the
 * constructor can throw once before it creates anything.
 */
import { SettingProblem } from '@phi-platform/core';
import { describeFargateMemory, FARGATE_CPU_VALUES, isFargateSize } from './fargate-size';
import { isAllowedLogRetention, LOG_RETENTION_ALLOWED } from '@phi-platform/core';

/** Names that announce a credential; such a value belongs in `secrets`, never `environment`. */
const SECRET_LIKE_NAME =
  /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH)/i;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ECS_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}$/;
const SECRET_ARN = /^arn:[a-z-]+:secretsmanager:[a-z0-9-]+:\d{12}:secret:[^:]+(:.*)?$/;

export function looksSecretLike(name: string): boolean {
  return SECRET_LIKE_NAME.test(name);
}

/** `root`, `0`, or either with a group, all mean the container runs as root. */
export function isRootUser(user: string): boolean {
  const uid = user.split(':')[0]?.trim() ?? '';
  return uid === '' || uid === '0' || uid.toLowerCase() === 'root';
}

export interface TlsServiceSettings {
  readonly cpu: unknown;
  readonly memory: unknown;
  readonly user: unknown;
  readonly desiredCount: unknown;
  readonly logRetentionDays: unknown;
  readonly secretNames: readonly string[];
  /** Secret values that are plain strings (Outputs are checked by IAM at deploy time). */
  readonly plainSecretValues: Readonly<Record<string, string>>;
  readonly environmentNames: readonly string[];
  readonly writablePaths: readonly unknown[];
  readonly healthCheckPath: unknown;
  readonly containerName: unknown;
  readonly portName: unknown;
  readonly discoveryName: unknown;
  readonly enableExecuteCommand: boolean;
  readonly executeCommandLogGroupName: unknown;
}

export function tlsServiceProblems(s: TlsServiceSettings): SettingProblem[] {
  const problems: SettingProblem[] = [];
  const add = (ok: boolean, problem: SettingProblem): void => {
    if (!ok) problems.push(problem);
  };

  const cpu = typeof s.cpu === 'number' && FARGATE_CPU_VALUES.includes(s.cpu) ? s.cpu : undefined;
  add(cpu !== undefined, {
    setting: 'cpu',
    value: s.cpu,
    allowed: `one of ${FARGATE_CPU_VALUES.join(', ')} (CPU units, 1024 = 1 vCPU)`,
    reason: "Fargate's task sizes",
  });
  if (cpu !== undefined) {
    add(typeof s.memory === 'number' && isFargateSize(cpu, s.memory), {
      setting: 'memory',
      value: s.memory,
      allowed: `with cpu ${cpu}: ${describeFargateMemory(cpu)}`,
      reason: "Fargate's task sizes",
    });
  }

  add(typeof s.user === 'string' && !isRootUser(s.user), {
    setting: 'user',
    value: s.user,
    allowed: 'a non-root uid or uid:gid, e.g. "1000:1000"',
  });
  add(
    typeof s.desiredCount === 'number' && Number.isInteger(s.desiredCount) && s.desiredCount >= 0,
    {
      setting: 'desiredCount',
      value: s.desiredCount,
      allowed: 'a whole number, 0 or more',
    },
  );
  add(isAllowedLogRetention(s.logRetentionDays), {
    setting: 'logRetentionDays',
    value: s.logRetentionDays,
    allowed: LOG_RETENTION_ALLOWED,
    reason: 'CloudWatch values, at least a year',
  });

  for (const name of s.secretNames) {
    add(ENV_NAME.test(name), {
      setting: `secrets.${name}`,
      value: name,
      allowed: 'an environment variable name: letters, digits, _, not starting with a digit',
    });
  }
  for (const [name, arn] of Object.entries(s.plainSecretValues)) {
    add(SECRET_ARN.test(arn), {
      setting: `secrets.${name}`,
      value: arn,
      allowed: 'a Secrets Manager secret ARN, optionally followed by :<json-key>:<stage>:<version>',
    });
  }
  for (const name of s.environmentNames) {
    add(ENV_NAME.test(name), {
      setting: `environment.${name}`,
      value: name,
      allowed: 'an environment variable name: letters, digits, _, not starting with a digit',
    });
    add(!s.secretNames.includes(name), {
      setting: `environment.${name}`,
      value: name,
      allowed: 'a name that is not also in secrets (a secret is passed through secrets only)',
    });
    add(!looksSecretLike(name), {
      setting: `environment.${name}`,
      value: name,
      allowed: 'non-secret settings only; pass this value through secrets',
      reason: 'the name looks like a credential',
    });
  }

  s.writablePaths.forEach((path, index) => {
    add(typeof path === 'string' && path.startsWith('/') && path !== '/', {
      setting: `writablePaths[${index}]`,
      value: path,
      allowed: 'an absolute path other than /',
    });
  });
  add(
    s.healthCheckPath === undefined ||
      (typeof s.healthCheckPath === 'string' && /^\/\S*$/.test(s.healthCheckPath)),
    {
      setting: 'healthCheckPath',
      value: s.healthCheckPath,
      allowed: 'a URL path starting with /, without spaces',
    },
  );
  for (const [setting, value] of [
    ['containerName', s.containerName],
    ['portName', s.portName],
    ['discoveryName', s.discoveryName],
  ] as const) {
    add(typeof value === 'string' && ECS_NAME.test(value), {
      setting,
      value,
      allowed: 'letters, digits, - and _, starting with a letter or digit, at most 64 characters',
    });
  }
  if (s.enableExecuteCommand) {
    add(s.executeCommandLogGroupName !== undefined && s.executeCommandLogGroupName !== '', {
      setting: 'executeCommandLogGroupName',
      value: s.executeCommandLogGroupName,
      allowed: "the cluster's executeCommandLogGroupName when enableExecuteCommand is true",
      reason: 'ECS Exec sessions must be logged',
    });
  }
  return problems;
}
