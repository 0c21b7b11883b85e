/**
 * Partition-aware ARNs. No ARN in this platform is written with a literal partition: it is
 * built from the partition the provider reports for the deploying region (`aws`, `aws-cn`,
 * `aws-us-gov`, ...).
 */

export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  /** Empty for global services such as IAM. */
  readonly region: string;
  /** Empty for resources without an owner account, such as S3 buckets. */
  readonly accountId: string;
  /** Everything after the fifth colon, e.g. `key/1234` or `log-group:/x:*`. */
  readonly resource: string;
}

export function formatArn(parts: ArnParts): string {
  return [
    'arn',
    parts.partition,
    parts.service,
    parts.region,
    parts.accountId,
    parts.resource,
  ].join(':');
}

/** Splits an ARN into its parts, or throws naming the malformed value. */
export function parseArn(arn: string): ArnParts {
  const pieces = arn.split(':');
  if (pieces.length < 6 || pieces[0] !== 'arn') {
    throw new Error(
      `"${arn}" is not an ARN: expected arn:<partition>:<service>:<region>:<account>:<resource>`,
    );
  }
  const [, partition, service, region, accountId, ...resource] = pieces as [
    string,
    string,
    string,
    string,
    string,
    ...string[],
  ];
  return { partition, service, region, accountId, resource: resource.join(':') };
}
