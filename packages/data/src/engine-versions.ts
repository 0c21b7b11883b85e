/**
 * Engine versions and the parameter group families they belong to. The version is always a
 * required input (a hidden default would drift); the family is derived from it so the parameter
 * group can never disagree with the engine.
 */

export interface EngineVersion {
  readonly major: number;
  readonly minor: number;
}

/** `16.4` → `{ major: 16, minor: 4 }`; anything but `<major>.<minor>` gives undefined. */
export function parseEngineVersion(version: string): EngineVersion | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})$/.exec(version);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/**
 * Aurora PostgreSQL major versions with a cluster parameter group family. 11 and 12 are left out
 * on purpose: they are past standard support, and a new PHI database should not start there.
 */
export const AURORA_POSTGRES_FAMILIES: Readonly<Record<number, string>> = {
  13: 'aurora-postgresql13',
  14: 'aurora-postgresql14',
  15: 'aurora-postgresql15',
  16: 'aurora-postgresql16',
  17: 'aurora-postgresql17',
  18: 'aurora-postgresql18',
};

/** The cluster parameter group family of an Aurora PostgreSQL version, e.g. `16.4`. */
export function auroraPostgresFamily(version: string): string | undefined {
  const parsed = parseEngineVersion(version);
  return parsed ? AURORA_POSTGRES_FAMILIES[parsed.major] : undefined;
}

/**
 * First minor of each major whose Serverless v2 instances may scale to 0 ACU (auto-pause).
 * Majors not listed here and newer than 16 support it from their first release.
 */
const SCALE_TO_ZERO_SINCE: Readonly<Record<number, number>> = { 13: 15, 14: 12, 15: 7, 16: 3 };

/** True when a Serverless v2 minimum capacity of 0 ACU is allowed for this engine version. */
export function supportsScaleToZero(version: string): boolean {
  const parsed = parseEngineVersion(version);
  if (!parsed) return false;
  const since = SCALE_TO_ZERO_SINCE[parsed.major];
  if (since !== undefined) return parsed.minor >= since;
  return parsed.major > 16;
}

export type CacheEngine = 'redis' | 'valkey';

/**
 * ElastiCache parameter group families by engine and major version. Only majors that accept
 * `transitEncryptionMode: required` at creation together with engine-log delivery are listed
 * (Redis OSS 7, Valkey 7.2 and 8).
 */
export const CACHE_FAMILIES: Readonly<Record<CacheEngine, Readonly<Record<number, string>>>> = {
  redis: { 7: 'redis7' },
  valkey: { 7: 'valkey7', 8: 'valkey8' },
};

/** The parameter group family of an ElastiCache engine version, e.g. `valkey` `8.0`. */
export function cacheFamily(engine: CacheEngine, version: string): string | undefined {
  const parsed = parseEngineVersion(version);
  return parsed ? CACHE_FAMILIES[engine]?.[parsed.major] : undefined;
}

/** Every known family of one engine, for error messages. */
export function knownCacheFamilies(engine: CacheEngine): string[] {
  return Object.values(CACHE_FAMILIES[engine] ?? {});
}
