/**
 * The AWS account that Elastic Load Balancing writes access logs from, per region, for the
 * regions that use one. Regions opened from August 2022 on have no such account: their bucket
 * policy names the service principal `logdelivery.elasticloadbalancing.amazonaws.com` instead,
 * and the provider's `getServiceAccount` fails for them with `unsupported AWS Region: <region>`.
 *
 * Data, not code: account ids as AWS lists them in "Enable access logs for your Application Load
 * Balancer" (Elastic Load Balancing user guide, step "Attach a policy to your S3 bucket",
 * regions available before August 2022). The set of regions, including the absence of
 * me-central-1 and of every later region, is the one the Terraform AWS provider answers for in
 * internal/service/elb/service_account_data_source.go (the data source behind
 * `aws.elb.getServiceAccount`), read at commit 01f43111 on the date below.
 */
export const ELB_ACCOUNT_DATA_SOURCE =
  'AWS Elastic Load Balancing user guide, "Enable access logs for your Application Load ' +
  'Balancer"; terraform-provider-aws internal/service/elb/service_account_data_source.go';

/** When {@link ELB_ACCOUNT_IDS} was last compared with its sources. */
export const ELB_ACCOUNT_DATA_AS_OF = '2026-12-04';

/** Region -> Elastic Load Balancing account id (access-log writer). */
export const ELB_ACCOUNT_IDS: Readonly<Record<string, string>> = {
  'af-south-1': '098369216593',
  'ap-east-1': '754344448648',
  'ap-northeast-1': '582318560864',
  'ap-northeast-2': '600734575887',
  'ap-northeast-3': '383597477331',
  'ap-south-1': '718504428378',
  'ap-southeast-1': '114774131450',
  'ap-southeast-2': '783225319266',
  'ap-southeast-3': '589379963580',
  'ca-central-1': '985666609251',
  'cn-north-1': '638102146993',
  'cn-northwest-1': '037604701340',
  'eu-central-1': '054676820928',
  'eu-north-1': '897822967062',
  'eu-south-1': '635631232127',
  'eu-west-1': '156460612806',
  'eu-west-2': '652711504416',
  'eu-west-3': '009996457667',
  'me-south-1': '076674570225',
  'sa-east-1': '507241528517',
  'us-east-1': '127311923021',
  'us-east-2': '033677994240',
  'us-gov-east-1': '190560391635',
  'us-gov-west-1': '048591011584',
  'us-west-1': '027434742980',
  'us-west-2': '797873946194',
};

/**
 * The Elastic Load Balancing log-delivery account of a region, or undefined for a region that
 * uses the log-delivery service principal instead.
 */
export function elbAccountId(region: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(ELB_ACCOUNT_IDS, region)
    ? ELB_ACCOUNT_IDS[region]
    : undefined;
}
