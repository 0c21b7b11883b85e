/**
 * Subnet planning: a pure function from the VPC's CIDR and the zone count to subnet CIDRs.
 *
 * Layout (fixed for a given `maxZones`, so adding a zone never moves an existing subnet):
 *
 *     | private: first half of the VPC  | isolated: third quarter | public: fourth quarter |
 *
 * Each tier's share is cut into one slot per possible zone (rounded up to a power of two) and
 * zone `i` always gets slot `i`. Private subnets are twice the size of the others because they
 * hold the application tasks, which consume one address per task.
 */
import { blockSize, cidrsOverlap, formatCidr, Ipv4Cidr, parseCidr } from './cidr';

export const SUBNET_TIERS = ['public', 'private', 'isolated'] as const;
export type SubnetTier = (typeof SUBNET_TIERS)[number];

/** AWS refuses subnets smaller than /28. */
export const SMALLEST_SUBNET_PREFIX = 28;
/** AWS refuses VPCs larger than /16. */
export const LARGEST_VPC_PREFIX = 16;
/** Slots reserved per tier unless told otherwise: every region today has at most six zones. */
export const DEFAULT_MAX_ZONES = 6;

export interface SubnetPlanOptions {
  /**
   * How many zones the layout reserves room for. Changing it moves every subnet, so pick it once.
   * @default 6
   */
  readonly maxZones?: number;
  /**
   * CIDR blocks already used inside (or next to) the VPC, e.g. peered networks or subnets made
   * by hand. A planned subnet that overlaps one of them is an error.
   * @default []
   */
  readonly avoid?: readonly string[];
}

export interface PlannedSubnet {
  readonly tier: SubnetTier;
  readonly zoneIndex: number;
  /** Stable key used in resource names: `private-0`. */
  readonly key: string;
  readonly cidrBlock: string;
}

export type SubnetPlanErrorKind = 'invalid' | 'exhaustion' | 'overlap';

export class SubnetPlanError extends Error {
  constructor(
    public readonly kind: SubnetPlanErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'SubnetPlanError';
  }
}

/** Where each tier starts (as a fraction of the VPC) and how many prefix bits it adds. */
const TIER_SHARES: Readonly<Record<SubnetTier, { offsetQuarters: number; extraBits: number }>> = {
  private: { offsetQuarters: 0, extraBits: 1 },
  isolated: { offsetQuarters: 2, extraBits: 2 },
  public: { offsetQuarters: 3, extraBits: 2 },
};

/** Prefix length of each tier's subnets for a VPC prefix and zone reservation. */
export function tierPrefixLengths(
  vpcPrefixLength: number,
  maxZones: number = DEFAULT_MAX_ZONES,
): Record<SubnetTier, number> {
  const slotBits = Math.ceil(Math.log2(maxZones));
  return {
    public: vpcPrefixLength + TIER_SHARES.public.extraBits + slotBits,
    private: vpcPrefixLength + TIER_SHARES.private.extraBits + slotBits,
    isolated: vpcPrefixLength + TIER_SHARES.isolated.extraBits + slotBits,
  };
}

/** The largest VPC prefix length (smallest VPC) the layout fits in. */
export function smallestVpcPrefix(maxZones: number = DEFAULT_MAX_ZONES): number {
  const deepest = Math.max(...Object.values(tierPrefixLengths(0, maxZones)));
  return SMALLEST_SUBNET_PREFIX - deepest;
}

/**
 * Plans public, private and isolated subnets for zones `0 .. zoneCount - 1`.
 * Throws a {@link SubnetPlanError} for a malformed CIDR or zone count (`invalid`), a VPC too
 * small for the layout (`exhaustion`) or a collision with an `avoid` block (`overlap`).
 */
export function planSubnets(
  vpcCidr: string,
  zoneCount: number,
  options: SubnetPlanOptions = {},
): PlannedSubnet[] {
  const maxZones = options.maxZones ?? DEFAULT_MAX_ZONES;
  if (!Number.isInteger(maxZones) || maxZones < 1) {
    throw new SubnetPlanError('invalid', `maxZones must be a whole number >= 1, got ${maxZones}`);
  }
  if (!Number.isInteger(zoneCount) || zoneCount < 1 || zoneCount > maxZones) {
    throw new SubnetPlanError(
      'invalid',
      `zoneCount must be a whole number from 1 to ${maxZones}, got ${zoneCount}`,
    );
  }
  const vpc = parseOrThrow(vpcCidr, 'VPC CIDR');
  if (vpc.prefixLength < LARGEST_VPC_PREFIX) {
    throw new SubnetPlanError(
      'invalid',
      `VPC CIDR ${vpcCidr} is larger than AWS allows (/${LARGEST_VPC_PREFIX} at most)`,
    );
  }
  const limit = smallestVpcPrefix(maxZones);
  if (vpc.prefixLength > limit) {
    const lengths = tierPrefixLengths(vpc.prefixLength, maxZones);
    throw new SubnetPlanError(
      'exhaustion',
      `VPC CIDR ${vpcCidr} is too small for ${maxZones} zone slots per tier: public and ` +
        `isolated subnets would be /${lengths.public}, smaller than the ` +
        `/${SMALLEST_SUBNET_PREFIX} AWS minimum; use a /${limit} or larger`,
    );
  }

  const lengths = tierPrefixLengths(vpc.prefixLength, maxZones);
  const quarter = blockSize(vpc.prefixLength) / 4;
  const plan: PlannedSubnet[] = [];
  for (const tier of SUBNET_TIERS) {
    const base = vpc.network + TIER_SHARES[tier].offsetQuarters * quarter;
    for (let zoneIndex = 0; zoneIndex < zoneCount; zoneIndex++) {
      const network = base + zoneIndex * blockSize(lengths[tier]);
      plan.push({
        tier,
        zoneIndex,
        key: `${tier}-${zoneIndex}`,
        cidrBlock: formatCidr({ network, prefixLength: lengths[tier] }),
      });
    }
  }

  const collisions: string[] = [];
  for (const avoided of options.avoid ?? []) {
    const block = parseOrThrow(avoided, 'avoided CIDR');
    for (const subnet of plan) {
      if (cidrsOverlap(block, parseCidr(subnet.cidrBlock))) {
        collisions.push(`${subnet.key} ${subnet.cidrBlock} overlaps ${avoided}`);
      }
    }
  }
  if (collisions.length > 0) {
    throw new SubnetPlanError('overlap', `Planned subnets overlap: ${collisions.join('; ')}`);
  }
  return plan;
}

function parseOrThrow(text: string, what: string): Ipv4Cidr {
  try {
    return parseCidr(text);
  } catch (err) {
    throw new SubnetPlanError('invalid', `${what}: ${(err as Error).message}`);
  }
}
