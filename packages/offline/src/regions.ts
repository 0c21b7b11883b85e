import { partition as sdkPartition } from '@aws-sdk/util-endpoints';
import { ZONE_DATA } from './zone-data';

/** What the mocks know about the region a program deploys to. */
export interface RegionInfo {
  /** e.g. `eu-central-1`. */
  readonly region: string;
  /** `aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, ... */
  readonly partition: string;
  /** `amazonaws.com`, `amazonaws.com.cn`, ... */
  readonly dnsSuffix: string;
  /** The DNS suffix reversed, as the provider's getPartition reports it: `com.amazonaws`. */
  readonly reverseDnsPrefix: string;
  /** AWS's own description of the region, e.g. `Asia Pacific (Thailand)`. */
  readonly description: string;
}

/** Thrown for a region that the AWS partition data does not list. */
export class UnknownRegionError extends Error {
  constructor(readonly region: string) {
    super(
      `Unknown AWS region "${region}": it is not in the AWS partition data bundled with ` +
        `@aws-sdk/util-endpoints. Use a region code such as us-east-1, not a name or an ` +
        `availability zone. Regions known here: ${knownRegions().join(', ')}. ` +
        `The full list is at https://docs.aws.amazon.com/global-infrastructure/latest/regions/` +
        `aws-regions.html (or run "aws account list-regions"); a region launched after this ` +
        `SDK version needs a newer @aws-sdk/util-endpoints.`,
    );
    this.name = 'UnknownRegionError';
  }
}

/**
 * Looks a region up in the SDK's partition data. The SDK answers every string (an unknown one
 * falls back to the partition whose region pattern matches, or to `aws`) but only a region that
 * its data lists carries a `description`, so that is what tells a real region from a typo.
 * Pseudo-regions such as `aws-global` are endpoints, not places to deploy, and are refused.
 */
export function resolveRegion(region: string): RegionInfo {
  if (typeof region !== 'string' || region.length === 0 || region.endsWith('-global')) {
    throw new UnknownRegionError(String(region));
  }
  const found = sdkPartition(region) as {
    name: string;
    dnsSuffix: string;
    description?: string;
  };
  if (typeof found.description !== 'string') {
    throw new UnknownRegionError(region);
  }
  return {
    region,
    partition: found.name,
    dnsSuffix: found.dnsSuffix,
    reverseDnsPrefix: reverseDns(found.dnsSuffix),
    description: found.description,
  };
}

/** True if {@link resolveRegion} accepts the region. */
export function isKnownRegion(region: string): boolean {
  try {
    resolveRegion(region);
    return true;
  } catch {
    return false;
  }
}

/**
 * Regions that both the SDK's partition data and this package's zone table know, sorted. The
 * SDK does not export its region list, so the zone table (which a test checks against the SDK
 * data) supplies the names and the SDK confirms each one.
 */
export function knownRegions(): string[] {
  return Object.keys(ZONE_DATA)
    .filter((r) => typeof (sdkPartition(r) as { description?: string }).description === 'string')
    .sort();
}

/** `amazonaws.com.cn` -> `cn.com.amazonaws`, the way the provider derives reverseDnsPrefix. */
export function reverseDns(dnsSuffix: string): string {
  return dnsSuffix.split('.').reverse().join('.');
}
