import { awsContext, childName, elbLogsFromAccount, standardTags } from '@phi-platform/core';
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { accessLogBucketPolicy } from './access-log-policy';

export interface AccessLogBucketArgs {
  /** Key prefix the load balancer writes under. */
  readonly prefix: string;
  /**
   * Days before log objects expire.
   * @default 365
   */
  readonly retentionDays?: number;
  readonly environment: string;
}

/**
 * The S3 bucket for the load balancer's access logs. ELB log delivery supports only SSE-S3, so
 * this is the platform's one bucket not encrypted with the platform key (a documented exception);
 * it is private, versioned, TLS-only, owner-enforced, and expires objects.
 */
export class AccessLogBucket extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;
  public readonly bucketArn: pulumi.Output<string>;

  constructor(name: string, args: AccessLogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super('phi-platform:platform:AccessLogBucket', name, {}, opts);
    const ctx = awsContext({ parent: this });
    const tags = standardTags({ environment: args.environment, component: 'AccessLogBucket' });

    const bucket = new aws.s3.Bucket(childName(name, 'bucket'), { tags }, { parent: this });
    new aws.s3.BucketPublicAccessBlock(
      childName(name, 'private'),
      {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      { parent: this },
    );
    new aws.s3.BucketOwnershipControls(
      childName(name, 'ownership'),
      { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } },
      { parent: this },
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      childName(name, 'encryption'),
      {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
      },
      { parent: this },
    );
    new aws.s3.BucketVersioning(
      childName(name, 'versioning'),
      { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } },
      { parent: this },
    );
    new aws.s3.BucketLifecycleConfiguration(
      childName(name, 'lifecycle'),
      {
        bucket: bucket.id,
        rules: [
          {
            id: 'expire-access-logs',
            status: 'Enabled',
            filter: {},
            expiration: { days: args.retentionDays ?? 365 },
            noncurrentVersionExpiration: { noncurrentDays: 30 },
          },
        ],
      },
      { parent: this },
    );
    // Regions older than August 2022 deliver from a regional ELB account, which only the
    // provider's data source knows; it fails for newer regions, so ask it only where one exists.
    const elbAccountArn = ctx.apply((c) =>
      elbLogsFromAccount(c.region)
        ? aws.elb.getServiceAccountOutput({}, { parent: this }).arn
        : undefined,
    );
    new aws.s3.BucketPolicy(
      childName(name, 'policy'),
      {
        bucket: bucket.id,
        policy: pulumi.all([bucket.arn, ctx, elbAccountArn]).apply(([arn, c, elb]) =>
          JSON.stringify(
            accessLogBucketPolicy({
              bucketArn: arn,
              prefix: args.prefix,
              accountId: c.accountId,
              elbAccountArn: elb,
            }),
          ),
        ),
      },
      { parent: this },
    );

    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
  }
}
