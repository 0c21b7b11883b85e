import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { AwsContext, childName } from '@phi-platform/core';
import { flowLogTrustPolicy, flowLogWritePolicy } from './flow-log-policies';

export interface FlowLogResourcesArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly ctx: pulumi.Output<AwsContext>;
  readonly logGroupName: string;
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly retentionDays: number;
  readonly tags: Record<string, string>;
}

/**
 * The encrypted log group, the role the flow-logs service assumes, its write policy and the
 * flow log of ALL traffic. The group exists before the flow log so the service never creates
 * an unencrypted, never-expiring one itself.
 */
export function createFlowLog(
  name: string,
  args: FlowLogResourcesArgs,
  parent: pulumi.Resource,
): { logGroup: aws.cloudwatch.LogGroup; flowLog: aws.ec2.FlowLog } {
  const logGroup = new aws.cloudwatch.LogGroup(
    childName(name, 'flow-logs'),
    {
      name: args.logGroupName,
      kmsKeyId: args.kmsKeyArn,
      retentionInDays: args.retentionDays,
      tags: args.tags,
    },
    { parent },
  );

  const role = new aws.iam.Role(
    childName(name, 'flow-logs-role'),
    {
      description: `Lets VPC Flow Logs write to ${args.logGroupName}`,
      assumeRolePolicy: args.ctx.apply((ctx) => JSON.stringify(flowLogTrustPolicy(ctx))),
      tags: args.tags,
    },
    { parent },
  );

  // A customer-managed policy plus attachment rather than an inline policy (see the HIPAA
  // reference: inline role policies are flagged by cdk-nag and AWS Config).
  const policy = new aws.iam.Policy(
    childName(name, 'flow-logs-write'),
    {
      description: `Write flow-log records to ${args.logGroupName} only`,
      policy: args.ctx.apply((ctx) => JSON.stringify(flowLogWritePolicy(ctx, args.logGroupName))),
      tags: args.tags,
    },
    { parent },
  );
  const attachment = new aws.iam.RolePolicyAttachment(
    childName(name, 'flow-logs-write'),
    { role: role.name, policyArn: policy.arn },
    { parent },
  );

  const flowLog = new aws.ec2.FlowLog(
    childName(name, 'flow-log'),
    {
      vpcId: args.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      tags: args.tags,
    },
    { parent, dependsOn: [attachment] },
  );
  return { logGroup, flowLog };
}
