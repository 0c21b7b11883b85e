/**
 * Availability Zones per region, as data.
 *
 * Source: the AWS documentation "AWS Regions and Availability Zones"
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html)
 * and the per-region AZ ID lists in "AZ IDs for your AWS resources"
 * (https://docs.aws.amazon.com/ram/latest/userguide/working-with-az-ids.html), as of 2026-01,
 * written down from those pages by the phi-platform team (no network access at build time, so
 * nothing here was fetched automatically).
 *
 * What "zones" means here: the Availability Zones a NEW account can launch into (what
 * `DescribeAvailabilityZones` returns with state `available`). Two regions have zones that are
 * closed to new accounts, and those are left out on purpose because a VPC spread over them
 * fails at deploy time: us-west-1 (usw1-az2) and ap-northeast-1 (apne1-az3).
 *
 * Zone NAMES (`us-east-1a`) map to zone IDs (`use1-az1`) differently per account in the older
 * regions; the mapping below is one fixed, plausible mapping. Code must not rely on it: use zone
 * IDs when two accounts must agree on a physical zone.
 *
 * `verified: false` marks a region whose zone count and IDs could not be checked against a
 * public AWS page (regions listed in the SDK partition data before their public launch, and
 * the isolated partitions, whose zone layout is not public). The mocks still answer for those
 * regions, with three zones, so that programs can be planned there; `OfflineRuntime`
 * reports `zonesVerified: false` for them.
 *
 * A test in this package fails when the SDK's partition data lists a region missing here.
 */

export interface ZoneEntry {
  /** e.g. `us-east-1a`. */
  readonly name: string;
  /** e.g. `use1-az1`. */
  readonly zoneId: string;
}

export interface RegionZones {
  readonly zones: readonly ZoneEntry[];
  /** False where the data could not be checked against AWS documentation. */
  readonly verified: boolean;
  /** Why a region differs from the usual three zones, or what is uncertain. */
  readonly note?: string;
}

export const ZONE_DATA_SOURCE =
  'https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html';
export const ZONE_DATA_AS_OF = '2026-01';

/**
 * Builds the zones of one region from its AZ ID prefix and `[letter, az number]` pairs, so
 * `zones('us-west-1', 'usw1', [['a', 1], ['b', 3]])` gives `us-west-1a`/`usw1-az1` and
 * `us-west-1b`/`usw1-az3`.
 */
function zones(
  region: string,
  idPrefix: string,
  pairs: readonly (readonly [string, number])[],
  extra: { verified?: boolean; note?: string } = {},
): RegionZones {
  return {
    zones: pairs.map(([letter, n]) => ({
      name: `${region}${letter}`,
      zoneId: `${idPrefix}-az${n}`,
    })),
    verified: extra.verified ?? true,
    ...(extra.note === undefined ? {} : { note: extra.note }),
  };
}

const ABC: readonly (readonly [string, number])[] = [
  ['a', 1],
  ['b', 2],
  ['c', 3],
];

const UNVERIFIED_NEW =
  'Listed in the SDK partition data; no public AZ list was available to check. ' +
  'Assumed three zones (every region launched since 2017 has at least three).';
const UNVERIFIED_ISO =
  'Isolated partition: the zone layout is not public. Assumed three zones; zone IDs are ' +
  'placeholders.';

export const ZONE_DATA: Readonly<Record<string, RegionZones>> = {
  // --- aws (commercial) ---
  'us-east-1': zones('us-east-1', 'use1', [
    ['a', 1],
    ['b', 2],
    ['c', 3],
    ['d', 4],
    ['e', 5],
    ['f', 6],
  ]),
  'us-east-2': zones('us-east-2', 'use2', ABC),
  'us-west-1': zones(
    'us-west-1',
    'usw1',
    [
      ['a', 1],
      ['b', 3],
    ],
    { note: 'Two zones for new accounts; usw1-az2 is closed to new customers.' },
  ),
  'us-west-2': zones('us-west-2', 'usw2', [
    ['a', 1],
    ['b', 2],
    ['c', 3],
    ['d', 4],
  ]),
  'af-south-1': zones('af-south-1', 'afs1', ABC),
  'ap-east-1': zones('ap-east-1', 'ape1', ABC),
  'ap-east-2': zones('ap-east-2', 'ape2', ABC, { note: 'Asia Pacific (Taipei), launched 2025.' }),
  'ap-northeast-1': zones(
    'ap-northeast-1',
    'apne1',
    [
      ['a', 4],
      ['c', 1],
      ['d', 2],
    ],
    { note: 'apne1-az3 (ap-northeast-1b in old accounts) is closed to new customers.' },
  ),
  'ap-northeast-2': zones('ap-northeast-2', 'apne2', [
    ['a', 1],
    ['b', 2],
    ['c', 3],
    ['d', 4],
  ]),
  'ap-northeast-3': zones('ap-northeast-3', 'apne3', ABC),
  'ap-south-1': zones('ap-south-1', 'aps1', ABC),
  'ap-south-2': zones('ap-south-2', 'aps2', ABC),
  'ap-southeast-1': zones('ap-southeast-1', 'apse1', ABC),
  'ap-southeast-2': zones('ap-southeast-2', 'apse2', ABC),
  'ap-southeast-3': zones('ap-southeast-3', 'apse3', ABC),
  'ap-southeast-4': zones('ap-southeast-4', 'apse4', ABC),
  'ap-southeast-5': zones('ap-southeast-5', 'apse5', ABC),
  'ap-southeast-6': zones('ap-southeast-6', 'apse6', ABC, {
    note: 'Asia Pacific (New Zealand), launched 2025.',
  }),
  'ap-southeast-7': zones('ap-southeast-7', 'apse7', ABC),
  'ca-central-1': zones('ca-central-1', 'cac1', [
    ['a', 1],
    ['b', 2],
    ['d', 4],
  ]),
  'ca-west-1': zones('ca-west-1', 'caw1', ABC),
  'eu-central-1': zones('eu-central-1', 'euc1', ABC),
  'eu-central-2': zones('eu-central-2', 'euc2', ABC),
  'eu-north-1': zones('eu-north-1', 'eun1', ABC),
  'eu-south-1': zones('eu-south-1', 'eus1', ABC),
  'eu-south-2': zones('eu-south-2', 'eus2', ABC),
  'eu-west-1': zones('eu-west-1', 'euw1', ABC),
  'eu-west-2': zones('eu-west-2', 'euw2', ABC),
  'eu-west-3': zones('eu-west-3', 'euw3', ABC),
  'il-central-1': zones('il-central-1', 'ilc1', ABC),
  'me-central-1': zones('me-central-1', 'mec1', ABC),
  'me-south-1': zones('me-south-1', 'mes1', ABC),
  'me-west-1': zones('me-west-1', 'mew1', ABC, { verified: false, note: UNVERIFIED_NEW }),
  'mx-central-1': zones('mx-central-1', 'mxc1', ABC),
  'sa-east-1': zones('sa-east-1', 'sae1', ABC),
  'sa-west-1': zones('sa-west-1', 'saw1', ABC, { verified: false, note: UNVERIFIED_NEW }),
  // --- aws-us-gov ---
  'us-gov-east-1': zones('us-gov-east-1', 'usge1', ABC),
  'us-gov-west-1': zones('us-gov-west-1', 'usgw1', ABC),
  // --- aws-cn ---
  'cn-north-1': zones(
    'cn-north-1',
    'cnn1',
    [
      ['a', 1],
      ['b', 2],
      ['d', 4],
    ],
    { note: 'Zone names a, b, d (there is no cn-north-1c for new accounts).' },
  ),
  'cn-northwest-1': zones('cn-northwest-1', 'cnnw1', ABC),
  // --- aws-eusc (European Sovereign Cloud) ---
  'eusc-de-east-1': zones('eusc-de-east-1', 'eusc-de-east-1', ABC, {
    verified: false,
    note: UNVERIFIED_NEW,
  }),
  // --- isolated partitions ---
  'us-iso-east-1': zones('us-iso-east-1', 'usie1', ABC, { verified: false, note: UNVERIFIED_ISO }),
  'us-iso-west-1': zones('us-iso-west-1', 'usiw1', ABC, { verified: false, note: UNVERIFIED_ISO }),
  'us-isob-east-1': zones('us-isob-east-1', 'usbe1', ABC, {
    verified: false,
    note: UNVERIFIED_ISO,
  }),
  'us-isob-west-1': zones('us-isob-west-1', 'usbw1', ABC, {
    verified: false,
    note: UNVERIFIED_ISO,
  }),
  'us-isof-east-1': zones('us-isof-east-1', 'usfe1', ABC, {
    verified: false,
    note: UNVERIFIED_ISO,
  }),
  'us-isof-south-1': zones('us-isof-south-1', 'usfs1', ABC, {
    verified: false,
    note: UNVERIFIED_ISO,
  }),
  'eu-isoe-west-1': zones('eu-isoe-west-1', 'euiw1', ABC, {
    verified: false,
    note: UNVERIFIED_ISO,
  }),
};
