/**
 * Identifier rules shared by RDS and ElastiCache: letters, digits and hyphens, starting with a
 * letter, with no two hyphens in a row and no hyphen at the end.
 */
import { SettingsCheck } from '@phi-platform/core';

/** True when `id` is a valid RDS/ElastiCache identifier of at most `maxLength` characters. */
export function isValidResourceIdentifier(id: string, maxLength: number): boolean {
  return (
    id.length > 0 &&
    id.length <= maxLength &&
    /^[a-zA-Z][a-zA-Z0-9-]*$/.test(id) &&
    !id.includes('--') &&
    !id.endsWith('-')
  );
}

/** The words for an identifier rule, used in error messages. */
export function identifierRule(maxLength: number): string {
  return (
    `1 to ${maxLength} letters, digits or hyphens, starting with a letter, ` +
    'without "--" or a trailing hyphen'
  );
}

/** RDS snapshot identifiers may be up to 255 characters long. */
export const SNAPSHOT_IDENTIFIER_MAX_LENGTH = 255;

/**
 * The identifier of a cluster's final snapshot: the cluster identifier, `final` and a random
 * suffix, so a cluster that is deleted, recreated and deleted again never collides with its
 * earlier snapshot.
 */
export function finalSnapshotIdentifier(clusterIdentifier: string, uniqueSuffix: string): string {
  const suffix = uniqueSuffix.toLowerCase().replace(/[^a-z0-9]/g, '');
  const id = `${clusterIdentifier}-final-${suffix}`;
  if (suffix.length === 0 || !isValidResourceIdentifier(id, SNAPSHOT_IDENTIFIER_MAX_LENGTH)) {
    throw new Error(
      `Cannot build a final snapshot identifier from "${clusterIdentifier}" and ` +
        `"${uniqueSuffix}": ${identifierRule(SNAPSHOT_IDENTIFIER_MAX_LENGTH)}`,
    );
  }
  return id;
}

/** Records a problem unless `id` is a valid, lower-case identifier of at most `maxLength`. */
export function checkLowerCaseIdentifier(
  check: SettingsCheck,
  setting: string,
  id: string,
  maxLength: number,
): void {
  check.require(isValidResourceIdentifier(id, maxLength) && id === id.toLowerCase(), {
    setting,
    value: id,
    allowed: identifierRule(maxLength) + ', lower case',
  });
}
