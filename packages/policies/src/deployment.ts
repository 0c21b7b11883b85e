/**
 * Region, partition, account and DNS suffix of the deployment. Given by the caller, or read from
 * the ARNs the resources carry (the key ARN in a log group's `kmsKeyId`, the mock state's ARNs),
 * so the cross-resource policies never assume a region or partition.
 */
import { Deployment } from './definitions';
import { DeploymentContext, PlanResource } from './types';
import { isDict } from './values';

/** DNS suffix of each partition's service endpoints. */
const DNS_SUFFIXES: Readonly<Record<string, string>> = {
  aws: 'amazonaws.com',
  'aws-us-gov': 'amazonaws.com',
  'aws-cn': 'amazonaws.com.cn',
  'aws-iso': 'c2s.ic.gov',
  'aws-iso-b': 'sc2s.sgov.gov',
  'aws-iso-e': 'cloud.adc-e.uk',
  'aws-iso-f': 'csp.hci.ic.gov',
  'aws-eusc': 'amazonaws.eu',
};

export function dnsSuffixOf(partition: string): string | undefined {
  return DNS_SUFFIXES[partition];
}

const ARN = /^arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12})?:/;

function collectArns(value: unknown, into: string[], depth = 0): void {
  if (depth > 6) return;
  if (typeof value === 'string') {
    if (value.startsWith('arn:')) into.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectArns(item, into, depth + 1);
  } else if (isDict(value)) {
    for (const item of Object.values(value)) collectArns(item, into, depth + 1);
  }
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) [best, bestCount] = [value, count];
  }
  return best;
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` → stack. */
export function stackOfUrn(urn: string): string | undefined {
  const match = /^urn:pulumi:([^:]+)::/.exec(urn);
  return match?.[1];
}

export function inferDeployment(
  resources: readonly PlanResource[],
  given: DeploymentContext = {},
): Deployment {
  const arns: string[] = [];
  for (const resource of resources) {
    collectArns(resource.inputs, arns);
    collectArns(resource.state, arns);
  }
  const parts = arns.map((arn) => ARN.exec(arn)).filter((m): m is RegExpExecArray => m !== null);
  const partition = given.partition ?? mostCommon(parts.map((m) => m[1] ?? ''));
  const region = given.region ?? mostCommon(parts.map((m) => m[3] ?? '').filter(Boolean));
  const accountId = given.accountId ?? mostCommon(parts.map((m) => m[4] ?? '').filter(Boolean));
  const dnsSuffix = given.dnsSuffix ?? (partition ? dnsSuffixOf(partition) : undefined);
  const stack =
    given.stack ?? mostCommon(resources.map((r) => stackOfUrn(r.urn) ?? '').filter(Boolean));
  return {
    region,
    partition,
    accountId,
    dnsSuffix,
    stack,
    serviceHost: (service) =>
      region && dnsSuffix ? `${service}.${region}.${dnsSuffix}` : undefined,
  };
}
