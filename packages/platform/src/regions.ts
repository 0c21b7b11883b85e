import { parseArn } from '@phi-platform/core';

/**
 * Which AWS partition a region belongs to, from the region's name alone. The settings loader
 * needs this before any provider call (it must reject a bad ARN before a resource exists), so it
 * cannot ask `getPartition`; the prefixes below are how AWS names regions in each partition.
 */
const PARTITION_BY_PREFIX: readonly (readonly [RegExp, string])[] = [
  [/^cn-/, 'aws-cn'],
  [/^us-gov-/, 'aws-us-gov'],
  [/^us-isob-/, 'aws-iso-b'],
  [/^us-isof-/, 'aws-iso-f'],
  [/^us-iso-/, 'aws-iso'],
  [/^eu-isoe-/, 'aws-iso-e'],
  [/^eusc-/, 'aws-eusc'],
];

/** `us-east-1`, `ap-southeast-7`, `us-gov-west-1`, `cn-northwest-1`, ... */
export const REGION_PATTERN = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

export function partitionOfRegion(region: string): string {
  for (const [prefix, partition] of PARTITION_BY_PREFIX) {
    if (prefix.test(region)) return partition;
  }
  return 'aws';
}

/**
 * Why a user-supplied ARN cannot be used by a stack in `region`, or undefined when it can:
 * it must parse, belong to `service`, and live in the stack's own region and partition.
 */
export function regionalArnProblem(
  arn: string,
  expected: { readonly service: string; readonly resourcePrefix: string; readonly region: string },
): string | undefined {
  let parts;
  try {
    parts = parseArn(arn);
  } catch {
    return 'not an ARN';
  }
  const problems: string[] = [];
  if (parts.service !== expected.service || !parts.resource.startsWith(expected.resourcePrefix)) {
    problems.push(`not an ${expected.service} ${expected.resourcePrefix.replace(/\/$/, '')} ARN`);
  }
  const partition = partitionOfRegion(expected.region);
  if (parts.partition !== partition) {
    problems.push(`partition "${parts.partition}" is not the stack's partition "${partition}"`);
  }
  if (parts.region !== expected.region) {
    problems.push(`region "${parts.region}" is not the stack's region "${expected.region}"`);
  }
  if (!/^\d{12}$/.test(parts.accountId)) problems.push('no 12-digit account id');
  return problems.length > 0 ? problems.join('; ') : undefined;
}
