import {
  InvalidSettingsError,
  PLATFORM_LOG_RETENTION_DAYS,
  SettingProblem,
} from '@phi-platform/core';
import * as pulumi from '@pulumi/pulumi';
import { z } from 'zod';
import { partitionOfRegion, REGION_PATTERN, regionalArnProblem } from './regions';

/**
 * The settings of one environment, read once from the stack's `Pulumi.<env>.yaml` (through the
 * Pulumi config of the running program) and checked as a whole before anything is registered.
 */

export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** What each setting accepts, in words, and why when the rule is not obvious. */
interface Rule {
  readonly allowed: string;
  readonly reason?: string;
}

const RULES = {
  environment: { allowed: 'one of "dev", "staging", "prod", equal to the stack name' },
  region: { allowed: 'an AWS region name such as "eu-central-1" (set aws:region)' },
  cidrBlock: {
    allowed: 'a private IPv4 CIDR (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16) from /16 to /22',
  },
  zoneCount: { allowed: 'a whole number from 2 to 6', reason: 'Aurora needs two zones' },
  natGateways: { allowed: '"perZone" or "single"' },
  deletionProtection: { allowed: 'true or false' },
  deletionProtectionProd: {
    allowed: 'true',
    reason: 'prod keeps its deletion protection; it cannot be switched off',
  },
  backupRetentionDays: {
    allowed: 'a whole number from 30 to 35',
    reason: 'HIPAA baseline of 30 days; Aurora keeps at most 35',
  },
  logRetentionDays: {
    allowed: 'one of 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653',
    reason: 'CloudWatch Logs retention values of a year or more',
  },
  database: { allowed: 'an object with engineVersion, instanceClass and optionally readers' },
  'database.engineVersion': { allowed: 'an Aurora PostgreSQL version as a string, e.g. "16.4"' },
  'database.instanceClass': {
    allowed: 'an instance class such as "db.r6g.large", or "db.serverless"',
  },
  'database.readers': { allowed: 'a whole number from 0 to 15' },
  'database.serverlessCapacity': {
    allowed:
      'only with instanceClass "db.serverless": { min: 0 to 256, max: 1 to 256, max >= min }',
  },
  cache: {
    allowed: 'an object with nodeType and optionally engine, engineVersion, nodes, failover',
  },
  'cache.engine': { allowed: '"valkey" or "redis"' },
  'cache.engineVersion': { allowed: 'an ElastiCache engine version as a string, e.g. "7.1"' },
  'cache.nodeType': { allowed: 'an ElastiCache node type such as "cache.t4g.small"' },
  'cache.nodes': { allowed: 'a whole number from 1 to 6' },
  'cache.failover': {
    allowed: 'true or false; true needs cache.nodes of 2 or more',
    reason: 'failover promotes a replica',
  },
  service: { allowed: 'an object with image and optionally cpu, memory, desiredCount' },
  'service.image': { allowed: 'a container image reference without spaces' },
  'service.cpu': { allowed: 'one of 256, 512, 1024, 2048, 4096, 8192, 16384 (Fargate CPU units)' },
  'service.memory': { allowed: 'MiB that Fargate accepts with the chosen cpu' },
  'service.desiredCount': { allowed: 'a whole number from 1 to 100' },
  ingress: { allowed: 'an object with enabled and, when enabled, domainName and hostedZoneId' },
  'ingress.enabled': { allowed: 'true or false' },
  'ingress.domainName': { allowed: 'a DNS name such as "app.example.com", needed when enabled' },
  'ingress.hostedZoneId': { allowed: 'a Route 53 hosted zone id such as "Z0123456789ABC"' },
  privateCaArn: {
    allowed: 'an acm-pca certificate-authority ARN in the stack region and partition',
    reason:
      'ECS issues Service Connect certificates only from a CA tagged AmazonECSManaged = "true"' +
      ' (not checked offline)',
  },
  certificateArn: { allowed: 'an acm certificate ARN in the stack region and partition' },
  unknown: { allowed: 'a known setting' },
} satisfies Record<string, Rule>;

type RuleId = keyof typeof RULES;
const msg = (id: RuleId) => ({ error: RULES[id].allowed });

function wholeNumber(id: RuleId, min: number, max: number) {
  return z.number(msg(id)).int(msg(id)).min(min, msg(id)).max(max, msg(id));
}

function oneOf<const T extends readonly number[]>(id: RuleId, values: T) {
  return z.number(msg(id)).refine((v) => (values as readonly number[]).includes(v), msg(id));
}

const FARGATE_CPU = [256, 512, 1024, 2048, 4096, 8192, 16384] as const;

/** Memory (MiB) that Fargate accepts for each CPU size. */
export function fargateMemoryOptions(cpu: number): number[] {
  const range = (from: number, to: number, step: number) =>
    Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
  switch (cpu) {
    case 256:
      return [512, 1024, 2048];
    case 512:
      return range(1024, 4096, 1024);
    case 1024:
      return range(2048, 8192, 1024);
    case 2048:
      return range(4096, 16384, 1024);
    case 4096:
      return range(8192, 30720, 1024);
    case 8192:
      return range(16384, 61440, 4096);
    case 16384:
      return range(32768, 122880, 8192);
    default:
      return [];
  }
}

function isPrivateCidr(value: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (!match) return false;
  const [a, b, c, d, prefix] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if ([a, b, c, d].some((octet) => octet > 255) || prefix < 16 || prefix > 22) return false;
  const address = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
  if (address % 2 ** (32 - prefix) !== 0) return false;
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

const versionString = (id: RuleId) => z.string(msg(id)).regex(/^\d+(\.\d+){0,2}$/, msg(id));

const databaseSchema = z.strictObject(
  {
    engineVersion: versionString('database.engineVersion'),
    instanceClass: z
      .string(msg('database.instanceClass'))
      .regex(/^db\.[a-z0-9-]+(\.[a-z0-9]+)?$/, msg('database.instanceClass')),
    readers: wholeNumber('database.readers', 0, 15).default(0),
    serverlessCapacity: z
      .strictObject(
        {
          min: z
            .number(msg('database.serverlessCapacity'))
            .min(0, msg('database.serverlessCapacity'))
            .max(256, msg('database.serverlessCapacity')),
          max: z
            .number(msg('database.serverlessCapacity'))
            .min(1, msg('database.serverlessCapacity'))
            .max(256, msg('database.serverlessCapacity')),
        },
        msg('database.serverlessCapacity'),
      )
      .optional(),
  },
  msg('database'),
);

const cacheSchema = z.strictObject(
  {
    engine: z.enum(['valkey', 'redis'], msg('cache.engine')).default('valkey'),
    engineVersion: versionString('cache.engineVersion').default('8.0'),
    nodeType: z
      .string(msg('cache.nodeType'))
      .regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, msg('cache.nodeType')),
    nodes: wholeNumber('cache.nodes', 1, 6).default(1),
    failover: z.boolean(msg('cache.failover')).default(false),
  },
  msg('cache'),
);

const serviceSchema = z.strictObject(
  {
    image: z.string(msg('service.image')).regex(/^[^\s]+$/, msg('service.image')),
    cpu: oneOf('service.cpu', FARGATE_CPU).default(512),
    memory: z.number(msg('service.memory')).int(msg('service.memory')).default(1024),
    desiredCount: wholeNumber('service.desiredCount', 1, 100).default(2),
  },
  msg('service'),
);

const ingressSchema = z.strictObject(
  {
    enabled: z.boolean(msg('ingress.enabled')),
    domainName: z
      .string(msg('ingress.domainName'))
      .regex(
        /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
        msg('ingress.domainName'),
      )
      .optional(),
    hostedZoneId: z
      .string(msg('ingress.hostedZoneId'))
      .regex(/^Z[A-Z0-9]{1,31}$/, msg('ingress.hostedZoneId'))
      .optional(),
  },
  msg('ingress'),
);

/**
 * The one schema of an environment's settings. Cross-setting rules run even when single
 * settings are bad (`when`), so one error lists every problem.
 */
export const settingsSchema = z
  .strictObject({
    environment: z.enum(ENVIRONMENTS, msg('environment')),
    region: z.string(msg('region')).regex(REGION_PATTERN, msg('region')),
    cidrBlock: z.string(msg('cidrBlock')).refine(isPrivateCidr, msg('cidrBlock')),
    zoneCount: wholeNumber('zoneCount', 2, 6),
    natGateways: z.enum(['perZone', 'single'], msg('natGateways')),
    deletionProtection: z.boolean(msg('deletionProtection')),
    backupRetentionDays: wholeNumber('backupRetentionDays', 30, 35),
    logRetentionDays: oneOf('logRetentionDays', PLATFORM_LOG_RETENTION_DAYS).default(365),
    database: databaseSchema,
    cache: cacheSchema,
    service: serviceSchema,
    ingress: ingressSchema,
    privateCaArn: z.string(msg('privateCaArn')).optional(),
    certificateArn: z.string(msg('certificateArn')).optional(),
  })
  .superRefine(crossSettingRules, { when: () => true });

export type PlatformSettings = z.output<typeof settingsSchema>;

function crossSettingRules(s: PlatformSettings, ctx: z.RefinementCtx): void {
  const fail = (path: (string | number)[], id: RuleId) =>
    ctx.addIssue({ code: 'custom', path, message: RULES[id].allowed, params: { rule: id } });
  // Values may be malformed here (rules run despite earlier issues): read them defensively.
  if (s.environment === 'prod' && s.deletionProtection !== true) {
    fail(['deletionProtection'], 'deletionProtectionProd');
  }
  const cache = s.cache as Partial<PlatformSettings['cache']> | undefined;
  if (cache?.failover === true && typeof cache.nodes === 'number' && cache.nodes < 2) {
    fail(['cache', 'failover'], 'cache.failover');
  }
  const service = s.service as Partial<PlatformSettings['service']> | undefined;
  if (typeof service?.cpu === 'number' && typeof service.memory === 'number') {
    if (!fargateMemoryOptions(service.cpu).includes(service.memory)) {
      const options = fargateMemoryOptions(service.cpu);
      ctx.addIssue({
        code: 'custom',
        path: ['service', 'memory'],
        message:
          options.length > 0
            ? `with cpu ${service.cpu}: ${options[0]} to ${options[options.length - 1]} MiB in Fargate steps`
            : RULES['service.memory'].allowed,
      });
    }
  }
  const ingress = s.ingress as Partial<PlatformSettings['ingress']> | undefined;
  if (ingress?.enabled === true) {
    if (ingress.domainName === undefined) fail(['ingress', 'domainName'], 'ingress.domainName');
    if (ingress.hostedZoneId === undefined && s.certificateArn === undefined) {
      fail(['ingress', 'hostedZoneId'], 'ingress.hostedZoneId');
    }
  }
  const db = s.database as Partial<PlatformSettings['database']> | undefined;
  if (db && typeof db.instanceClass === 'string') {
    const serverless = db.instanceClass === 'db.serverless';
    const capacity = db.serverlessCapacity;
    if (serverless !== (capacity !== undefined) || (capacity && capacity.max < capacity.min)) {
      fail(['database', 'serverlessCapacity'], 'database.serverlessCapacity');
    }
  }
  if (typeof s.region === 'string' && REGION_PATTERN.test(s.region)) {
    const arns = [
      ['privateCaArn', 'acm-pca', 'certificate-authority/'],
      ['certificateArn', 'acm', 'certificate/'],
    ] as const;
    for (const [key, service, resourcePrefix] of arns) {
      const value = s[key];
      if (typeof value !== 'string') continue;
      const problem = regionalArnProblem(value, { service, resourcePrefix, region: s.region });
      if (problem) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `${RULES[key].allowed} (${problem})`,
        });
      }
    }
  }
}

/** Top-level settings whose config value is a plain string; the others are YAML/JSON values. */
const STRING_SETTINGS = new Set(['environment', 'cidrBlock', 'natGateways']);
const ARN_SETTINGS = new Set(['privateCaArn', 'certificateArn']);

/** The config keys a stack may set in its project namespace. */
export const SETTING_KEYS = Object.keys(settingsSchema.shape).filter((key) => key !== 'region');

/** Where rawSettings puts a `<project>:region`, which is not a setting (aws:region is). */
const MISPLACED_REGION = '<project>:region';

export interface SettingsSource {
  /** The Pulumi stack (environment) the settings are for. */
  readonly stack: string;
  /** The Pulumi project, which is also the config namespace. */
  readonly project: string;
  /** Config values as Pulumi holds them: `<namespace>:<key>` to a string. */
  readonly config: Readonly<Record<string, string>>;
}

/** A config value as Pulumi stores it (strings; numbers, booleans and objects as JSON text). */
function decode(key: string, raw: string | undefined): unknown {
  if (raw === undefined || STRING_SETTINGS.has(key) || ARN_SETTINGS.has(key)) return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** The raw settings object the schema checks, built from a Pulumi config map. */
export function rawSettings(source: SettingsSource): Record<string, unknown> {
  const prefix = `${source.project}:`;
  const raw: Record<string, unknown> = {
    environment: source.stack,
    region: source.config['aws:region'],
  };
  for (const [fullKey, value] of Object.entries(source.config)) {
    if (!fullKey.startsWith(prefix)) continue;
    const key = fullKey.slice(prefix.length);
    raw[key === 'region' ? MISPLACED_REGION : key] = decode(key, value);
  }
  return raw;
}

function settingName(path: readonly PropertyKey[], project: string): string {
  if (path.length === 0) return `${project}:<settings>`;
  if (path[0] === 'region') return 'aws:region';
  return `${project}:${path.map(String).join('.')}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** Checks a raw settings object; throws one InvalidSettingsError naming every problem. */
export function parseSettings(
  raw: Record<string, unknown>,
  context: { readonly stack: string; readonly project: string },
): PlatformSettings {
  const { [MISPLACED_REGION]: misplacedRegion, ...settings } = raw;
  // The stack name decides the environment's rules (a mismatch is reported below), so naming a
  // prod stack "dev" cannot unlock what prod forbids.
  const result = settingsSchema.safeParse({ ...settings, environment: context.stack });
  const problems: SettingProblem[] = [];
  const seen = new Set<string>();
  const add = (problem: SettingProblem) => {
    if (seen.has(problem.setting)) return;
    seen.add(problem.setting);
    problems.push(problem);
  };
  if (misplacedRegion !== undefined) {
    add({
      setting: `${context.project}:region`,
      value: misplacedRegion,
      allowed: 'nothing: the region is aws:region',
    });
  }
  if (raw.environment !== undefined && raw.environment !== context.stack) {
    add({
      setting: settingName(['environment'], context.project),
      value: raw.environment,
      allowed: `"${context.stack}" (the stack name)`,
    });
  }
  for (const issue of result.success ? [] : result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        add({
          setting: settingName(path, context.project),
          value: valueAt(raw, path),
          allowed: `a known setting (${knownKeysAt(issue.path).join(', ')})`,
        });
      }
      continue;
    }
    const pathKey = issue.path.map(String).join('.');
    const custom = issue.code === 'custom' ? (issue.params as { rule?: string } | undefined) : {};
    const ruleId = custom?.rule ?? pathKey;
    const rule: Rule | undefined = (RULES as Record<string, Rule>)[ruleId];
    add({
      setting: settingName(issue.path, context.project),
      value: valueAt(raw, issue.path),
      allowed: issue.message,
      ...(rule?.reason ? { reason: rule.reason } : {}),
    });
  }
  if (problems.length > 0 || !result.success) {
    throw new InvalidSettingsError(
      `stack "${context.stack}" (Pulumi.${context.stack}.yaml)`,
      problems,
    );
  }
  return result.data;
}

function knownKeysAt(path: readonly PropertyKey[]): string[] {
  const shapes: Record<string, z.ZodObject> = {
    '': settingsSchema,
    database: databaseSchema,
    cache: cacheSchema,
    service: serviceSchema,
    ingress: ingressSchema,
  };
  const shape = shapes[path.map(String).join('.')];
  return shape ? Object.keys(shape.shape).filter((k) => k !== 'environment' && k !== 'region') : [];
}

/**
 * Reads the running program's settings: the project namespace of the Pulumi config (what
 * `Pulumi.<stack>.yaml` and `--config` set) and `aws:region`. Call once, before creating any
 * resource; it throws one error naming every bad or missing setting.
 */
export function loadSettings(): PlatformSettings {
  const project = pulumi.getProject();
  const stack = pulumi.getStack();
  const config = new pulumi.Config();
  const awsConfig = new pulumi.Config('aws');
  const values: Record<string, string> = {};
  const region = awsConfig.get('region');
  if (region !== undefined) values['aws:region'] = region;
  // Known keys through Config; the full map only to find keys that are not settings (typos).
  const present = Object.keys(pulumi.runtime.allConfig())
    .filter((key) => key.startsWith(`${project}:`))
    .map((key) => key.slice(project.length + 1));
  for (const key of new Set([...SETTING_KEYS, ...present])) {
    const value = config.get(key);
    if (value !== undefined) values[`${project}:${key}`] = value;
  }
  return parseSettings(rawSettings({ stack, project, config: values }), { stack, project });
}

/** The partition of the settings' region, for checks that run before any provider call. */
export function settingsPartition(settings: Pick<PlatformSettings, 'region'>): string {
  return partitionOfRegion(settings.region);
}
