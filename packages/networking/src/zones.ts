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
