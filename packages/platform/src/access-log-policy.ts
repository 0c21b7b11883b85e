import {
  ELB_LOG_DELIVERY_SERVICE_PRINCIPAL,
  policyDocument,
  PolicyDocument,
} from '@phi-platform/core';

export interface AccessLogPolicyArgs {
  readonly bucketArn: string;
  /** Key prefix the load balancer writes under. */
  readonly prefix: string;
  /** The account that owns the load balancer (logs land under `AWSLogs/<account>/`). */
  readonly accountId: string;
  /**
   * ARN of the region's Elastic Load Balancing account (`aws.elb.getServiceAccount`), for regions
   * that deliver from one; undefined elsewhere.
   */
  readonly elbAccountArn?: string;
}

/**
 * The access-log bucket policy: TLS only, and writes under the prefix by the log-delivery
 * service principal, plus, where the region delivers from an ELB account, that account. Both in
 * older regions, so delivery keeps working whichever way AWS routes it there.
 */
export function accessLogBucketPolicy(args: AccessLogPolicyArgs): PolicyDocument {
  const logs = `${args.bucketArn}/${args.prefix}/AWSLogs/${args.accountId}/*`;
  return policyDocument([
    {
      Sid: 'DenyPlainHttp',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [args.bucketArn, `${args.bucketArn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
    {
      Sid: 'ElbLogDelivery',
      Effect: 'Allow',
      Principal: { Service: ELB_LOG_DELIVERY_SERVICE_PRINCIPAL },
      Action: 's3:PutObject',
      Resource: logs,
    },
    ...(args.elbAccountArn === undefined
      ? []
      : [
          {
            Sid: 'ElbAccountLogDelivery',
            Effect: 'Allow' as const,
            Principal: { AWS: args.elbAccountArn },
            Action: 's3:PutObject',
            Resource: logs,
          },
        ]),
  ]);
}
