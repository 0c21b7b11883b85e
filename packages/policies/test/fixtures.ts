/** Builders for plan resources in table tests. */
import { PlanResource } from '../src';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

let counter = 0;

export function res(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  extra: Partial<PlanResource> = {},
): PlanResource {
  counter += 1;
  const short = type.split(':').pop() ?? type;
  return {
    urn: `urn:pulumi:test::proj::${type}::${name}`,
    type,
    name,
    parent: null,
    inputs,
    dependsOn: [],
    id: extra.id ?? `${short.toLowerCase()}-${counter}`,
    ...extra,
  };
}

export function arn(service: string, resource: string, region = REGION): string {
  return `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;
}

export const KEY_ARN = arn('kms', 'key/0b7c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3');

export function json(value: unknown): string {
  return JSON.stringify(value);
}
