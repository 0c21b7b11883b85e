/**
 * The flow-log role's documents, as pure functions of where we deploy. Kept apart from the
 * component so tests (and the policy pack) can compare them statement by statement.
 */
import {
  AwsContext,
  logGroupArn,
  policyDocument,
  PolicyDocument,
  serviceTrustPolicy,
} from '@phi-platform/core';

/**
 * The flow-logs service principal. It is the same host name in every partition, China and
 * GovCloud included (their documentation shows `vpc-flow-logs.amazonaws.com` too), so it does
 * not follow the partition's DNS suffix.
 */
export const FLOW_LOGS_SERVICE_PRINCIPAL = 'vpc-flow-logs.amazonaws.com';

/**
 * Lets the flow-logs service assume the role only for flow logs of this account and region
 * (confused-deputy protection through `aws:SourceAccount` and `aws:SourceArn`).
 */
export function flowLogTrustPolicy(ctx: AwsContext): PolicyDocument {
  return serviceTrustPolicy(ctx, {
    sid: 'VpcFlowLogsAssumeRole',
    servicePrincipal: FLOW_LOGS_SERVICE_PRINCIPAL,
    sourceArn: { service: 'ec2', resource: 'vpc-flow-log/*' },
  });
}

/**
 * Write access to one log group and its streams. No `logs:CreateLogGroup` (the component
 * creates the group, encrypted, before the flow log) and no `logs:DescribeLogGroups` (a
 * list action that cannot be scoped to one group; delivery works without it).
 */
export function flowLogWritePolicy(ctx: AwsContext, logGroupName: string): PolicyDocument {
  const group = logGroupArn(ctx, logGroupName);
  return policyDocument([
    {
      Sid: 'WriteFlowLogRecords',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
      Resource: [group, `${group}:log-stream:*`],
    },
  ]);
}
