import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

/**
 * Where a program is deploying, as the AWS provider reports it at run time. Components take
 * region, account, partition and DNS suffix from here and never from literals, so the same
 * code deploys to commercial, opt-in, GovCloud and China regions.
 */
export interface AwsContext {
  readonly region: string;
  readonly accountId: string;
  /** `aws`, `aws-cn`, `aws-us-gov`, ... */
  readonly partition: string;
  /** `amazonaws.com`, or `amazonaws.com.cn` in China. */
  readonly dnsSuffix: string;
}

/**
 * Asks the provider (the component's own, through `parent`/`provider` in `opts`) for the region,
 * the caller's account and the partition.
 */
export function awsContext(opts?: pulumi.InvokeOutputOptions): pulumi.Output<AwsContext> {
  const region = aws.getRegionOutput({}, opts);
  const identity = aws.getCallerIdentityOutput({}, opts);
  const partition = aws.getPartitionOutput({}, opts);
  return pulumi
    .all([region.region, identity.accountId, partition.partition, partition.dnsSuffix])
    .apply(([regionName, accountId, partitionName, dnsSuffix]) => ({
      region: regionName,
      accountId,
      partition: partitionName,
      dnsSuffix,
    }));
}

/**
 * The endpoint host of a regional service, which is also what `kms:ViaService` compares with:
 * `rds.eu-central-1.amazonaws.com`, `secretsmanager.cn-north-1.amazonaws.com.cn`.
 */
export function regionalServiceHost(service: string, ctx: AwsContext): string {
  return `${service}.${ctx.region}.${ctx.dnsSuffix}`;
}
