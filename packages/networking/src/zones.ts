import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { InvalidSettingsError } from '@phi-platform/core';

/**
 * Filters for `getAvailabilityZones`: zones that are up and usable by this account. Local and
 * Wavelength zones are left out because they lack NAT gateways and most interface endpoints.
 */
export const ZONE_FILTERS = [
  { name: 'opt-in-status', values: ['opt-in-not-required', 'opted-in'] },
  { name: 'zone-type', values: ['availability-zone'] },
];

/**
 * The first `zoneCount` zones of the region in name order, or an error that names the setting,
 * the region and the zones it offers. Name order keeps zone `i` stable between runs.
 */
export function selectZones(
  subject: string,
  available: readonly string[],
  zoneCount: number,
  region: string,
): string[] {
  const sorted = [...available].sort();
  if (sorted.length < zoneCount) {
    const offered = sorted.length > 0 ? sorted.join(', ') : 'none';
    throw new InvalidSettingsError(subject, [
      {
        setting: 'zoneCount',
        value: zoneCount,
        allowed: `at most ${sorted.length}: region ${region} offers ${offered}`,
        reason: 'every zone gets its own public, private and isolated subnet',
      },
    ]);
  }
  return sorted.slice(0, zoneCount);
}

/**
 * Asks the provider for the region's zones and keeps the first `zoneCount`. Rejects with
 * {@link selectZones}'s error when the region has too few; resources whose inputs use the
 * result then fail to register with that message.
 */
export async function lookupZones(
  subject: string,
  zoneCount: number,
  opts: pulumi.InvokeOptions,
): Promise<string[]> {
  const [offered, region] = await Promise.all([
    aws.getAvailabilityZones({ state: 'available', filters: ZONE_FILTERS }, opts),
    aws.getRegion({}, opts),
  ]);
  return selectZones(subject, offered.names, zoneCount, region.region);
}
