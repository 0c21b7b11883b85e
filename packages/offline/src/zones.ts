import { RegionZones, ZONE_DATA, ZoneEntry } from './zone-data';

/** The zones of a region, or throws for a region missing from the table. */
export function regionZones(region: string): RegionZones {
  const entry = ZONE_DATA[region];
  if (entry === undefined) {
    throw new Error(
      `No availability-zone data for region "${region}" in @phi-platform/offline ` +
        `(src/zone-data.ts). Add the region's zones there, with their source.`,
    );
  }
  return entry;
}

interface ZoneFilter {
  readonly name: string;
  readonly values: readonly string[];
}

export interface GetAvailabilityZonesInputs {
  readonly allAvailabilityZones?: boolean;
  readonly excludeNames?: readonly string[];
  readonly excludeZoneIds?: readonly string[];
  readonly filters?: readonly ZoneFilter[];
  readonly state?: string;
  readonly region?: string;
}

/** EC2 filter values accept `*` and `?` wildcards. */
function matches(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(value);
}

/**
 * The attributes DescribeAvailabilityZones reports for one of our zones. Every zone in the table
 * is an ordinary Availability Zone (no Local or Wavelength Zones), available and not opt-in.
 */
function zoneAttributes(region: string, zone: ZoneEntry): Record<string, string> {
  return {
    'zone-name': zone.name,
    'zone-id': zone.zoneId,
    state: 'available',
    'region-name': region,
    'group-name': region,
    'zone-type': 'availability-zone',
    'opt-in-status': 'opt-in-not-required',
    'parent-zone-name': '',
    'parent-zone-id': '',
    message: '',
  };
}

/** Answers `aws:index/getAvailabilityZones:getAvailabilityZones` as the provider does. */
export function getAvailabilityZones(
  region: string,
  inputs: GetAvailabilityZonesInputs,
): Record<string, unknown> {
  const data = regionZones(region);
  const filters = inputs.filters ?? [];
  const supported = Object.keys(zoneAttributes(region, { name: '', zoneId: '' }));
  for (const f of filters) {
    if (!supported.includes(f.name)) {
      throw new Error(
        `getAvailabilityZones: filter "${f.name}" is not supported by the offline mocks ` +
          `(supported: ${supported.join(', ')})`,
      );
    }
  }
  const selected = data.zones.filter((z) => {
    const attrs = zoneAttributes(region, z);
    if (inputs.state !== undefined && inputs.state !== attrs.state) return false;
    if (inputs.excludeNames?.includes(z.name)) return false;
    if (inputs.excludeZoneIds?.includes(z.zoneId)) return false;
    return filters.every((f) => f.values.some((v) => matches(v, attrs[f.name] ?? '')));
  });
  const result: Record<string, unknown> = {
    id: region,
    region,
    names: selected.map((z) => z.name),
    zoneIds: selected.map((z) => z.zoneId),
    // A set in the provider; for Availability Zones the group is the region itself.
    groupNames: selected.length > 0 ? [region] : [],
  };
  for (const key of [
    'allAvailabilityZones',
    'excludeNames',
    'excludeZoneIds',
    'filters',
    'state',
  ] as const) {
    if (inputs[key] !== undefined) result[key] = inputs[key];
  }
  return result;
}

/** The zone id of a zone name in the region's table, if the table has it. */
export function zoneIdOf(region: string, zoneName: string): string | undefined {
  return ZONE_DATA[region]?.zones.find((z) => z.name === zoneName)?.zoneId;
}

/** The short regional code AWS uses in zone ids and ElastiCache hostnames: `use1`. */
export function regionShortCode(region: string): string | undefined {
  const first = ZONE_DATA[region]?.zones[0]?.zoneId;
  return first === undefined ? undefined : first.replace(/-az\d+$/, '');
}
