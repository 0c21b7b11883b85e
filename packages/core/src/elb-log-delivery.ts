/**
 * How Elastic Load Balancing delivers access logs to S3, per region. Regions available before
 * August 2022 deliver from a regional Elastic Load Balancing account (the provider's
 * `aws.elb.getServiceAccount` answers its ARN); regions opened since deliver as the service
 * principal {@link ELB_LOG_DELIVERY_SERVICE_PRINCIPAL}, and the provider's data source fails for
 * them. A program cannot ask which without risking that failure, so the region list is data.
 *
 * Source: AWS Elastic Load Balancing user guide, "Enable access logs for your Application Load
 * Balancer" (the per-region account list), and the regions terraform-provider-aws answers for
 * in internal/service/elb/service_account_data_source.go. The account ids themselves are the
 * provider's (and, offline, @phi-platform/offline's `ELB_ACCOUNT_IDS`, which a test keeps equal
 * to this list).
 */
export const ELB_ACCOUNT_REGIONS_AS_OF = '2026-12-04';

/** Regions whose load balancers write access logs from a regional ELB account. */
export const ELB_ACCOUNT_REGIONS: ReadonlySet<string> = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ca-central-1',
  'cn-north-1',
  'cn-northwest-1',
  'eu-central-1',
  'eu-north-1',
  'eu-south-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'me-south-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-gov-east-1',
  'us-gov-west-1',
  'us-west-1',
  'us-west-2',
]);

/** The principal newer regions deliver access logs as (the same name in every partition). */
export const ELB_LOG_DELIVERY_SERVICE_PRINCIPAL = 'logdelivery.elasticloadbalancing.amazonaws.com';

/** True if the region's load balancers deliver access logs from a regional ELB account. */
export function elbLogsFromAccount(region: string): boolean {
  return ELB_ACCOUNT_REGIONS.has(region);
}
