/**
 * VPC endpoint service names per partition, and the endpoint policy.
 */
import { policyDocument, PolicyDocument } from '@phi-platform/core';

/** Interface endpoints every private task needs to start without the internet. */
export const INTERFACE_ENDPOINT_SERVICES = [
  'secretsmanager',
  'kms',
  'logs',
  'ecr.api',
  'ecr.dkr',
  'sts',
] as const;
export type InterfaceEndpointService = (typeof INTERFACE_ENDPOINT_SERVICES)[number];

export type EndpointType = 'Interface' | 'Gateway';

/**
 * Interface endpoints that the China regions name `cn.com.amazonaws.<region>.<service>` instead
 * of `com.amazonaws...` (from `describe-vpc-endpoint-services` in cn-north-1 and
 * cn-northwest-1). Secrets Manager, KMS and Logs keep the usual prefix there; the S3 *gateway*
 * endpoint does too.
 */
export const CHINA_PREFIXED_INTERFACE_SERVICES: ReadonlySet<string> = new Set([
  'ecr.api',
  'ecr.dkr',
  'sts',
  's3',
]);

/** Partitions whose endpoint service names are known here (not the isolated ISO partitions). */
export const SUPPORTED_PARTITIONS: readonly string[] = ['aws', 'aws-us-gov', 'aws-cn'];

/** `com.amazonaws.us-east-1.kms`, `cn.com.amazonaws.cn-northwest-1.ecr.api`, ... */
export function endpointServiceName(
  service: string,
  type: EndpointType,
  where: { readonly region: string; readonly partition: string },
): string {
  if (!SUPPORTED_PARTITIONS.includes(where.partition)) {
    throw new Error(
      `VPC endpoint names for partition "${where.partition}" (region ${where.region}) are not ` +
        `known to @phi-platform/networking; supported: ${SUPPORTED_PARTITIONS.join(', ')}`,
    );
  }
  const chinaPrefixed =
    where.partition === 'aws-cn' &&
    type === 'Interface' &&
    CHINA_PREFIXED_INTERFACE_SERVICES.has(service);
  const prefix = chinaPrefixed ? 'cn.com.amazonaws' : 'com.amazonaws';
  return [prefix, where.region, service].join('.');
}

/**
 * Endpoint policy: only principals of this account may use the endpoint, so stolen
 * credentials of another account cannot move data out through it.
 */
export function endpointPolicy(accountId: string): PolicyDocument {
  return policyDocument([
    {
      Sid: 'OwnAccountPrincipalsOnly',
      Effect: 'Allow',
      Principal: '*',
      Action: '*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalAccount': accountId } },
    },
  ]);
}
