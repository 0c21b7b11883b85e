import * as pulumi from '@pulumi/pulumi';
import { SettingsCheck } from '@phi-platform/core';

/**
 * Security groups allowed to reach a database or cache: a list, or a record keyed by a short
 * name. With a record, each rule's resource name comes from its key, so reordering or removing
 * one source never replaces the rules of the others.
 */
export type AllowedSecurityGroups =
  | readonly pulumi.Input<string>[]
  | Readonly<Record<string, pulumi.Input<string>>>;

const KEY = /^[a-z0-9][a-z0-9-]{0,30}$/;

/** `[key, securityGroupId]` pairs; list entries are keyed by position (`0`, `1`, ...). */
export function allowedSourceEntries(
  sources: AllowedSecurityGroups,
): [string, pulumi.Input<string>][] {
  if (Array.isArray(sources)) {
    return (sources as readonly pulumi.Input<string>[]).map((id, index) => [String(index), id]);
  }
  return Object.entries(sources as Readonly<Record<string, pulumi.Input<string>>>);
}

/** Records a problem unless at least one source is named and every key is usable in a name. */
export function checkAllowedSources(
  check: SettingsCheck,
  sources: AllowedSecurityGroups | undefined,
): void {
  const entries = sources === undefined ? [] : allowedSourceEntries(sources);
  check.require(entries.length > 0, {
    setting: 'allowedSecurityGroupIds',
    value: sources === undefined ? undefined : [],
    allowed: 'at least one security group id (a list, or a record keyed by a short name)',
    reason: 'only named security groups may connect',
  });
  const badKeys = entries.map(([key]) => key).filter((key) => !KEY.test(key));
  check.require(badKeys.length === 0, {
    setting: 'allowedSecurityGroupIds',
    value: badKeys,
    allowed: 'record keys of 1 to 31 lower-case letters, digits or hyphens',
  });
  const blank = entries.filter(([, id]) => typeof id === 'string' && id.trim() === '');
  check.require(blank.length === 0, {
    setting: 'allowedSecurityGroupIds',
    value: Object.fromEntries(blank),
    allowed: 'non-empty security group ids (sg-...)',
  });
}
