/** The task role's permissions: the caller's statements, plus ECS Exec only when opted in. */
import {
  AwsContext,
  logGroupArn,
  policyDocument,
  PolicyDocument,
  PolicyStatement,
} from '@phi-platform/core';

export interface TaskRolePolicyInput {
  readonly ctx: AwsContext;
  readonly statements: readonly PolicyStatement[];
  /** Present only when the service enables ECS Exec. */
  readonly executeCommand?: { readonly kmsKeyArn: string; readonly logGroupName: string };
}

/** What the SSM agent inside the task needs for an ECS Exec session, logged and encrypted. */
export function executeCommandStatements(
  ctx: AwsContext,
  kmsKeyArn: string,
  logGroupName: string,
): PolicyStatement[] {
  const group = logGroupArn(ctx, logGroupName);
  return [
    {
      // Session Manager channels have no resource type: IAM accepts only `*` here.
      Sid: 'EcsExecChannels',
      Effect: 'Allow',
      Action: [
        'ssmmessages:CreateControlChannel',
        'ssmmessages:CreateDataChannel',
        'ssmmessages:OpenControlChannel',
        'ssmmessages:OpenDataChannel',
      ],
      Resource: '*',
    },
    {
      Sid: 'EcsExecSessionKey',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: kmsKeyArn,
    },
    {
      Sid: 'EcsExecSessionLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
      Resource: [group, `${group}:*`],
    },
    {
      // The agent checks the group's encryption before logging; Describe has no resource scope.
      Sid: 'EcsExecDescribeLogGroups',
      Effect: 'Allow',
      Action: 'logs:DescribeLogGroups',
      Resource: '*',
    },
  ];
}

export function taskRolePolicy(input: TaskRolePolicyInput): PolicyDocument {
  const exec = input.executeCommand;
  return policyDocument([
    ...input.statements,
    ...(exec ? executeCommandStatements(input.ctx, exec.kmsKeyArn, exec.logGroupName) : []),
  ]);
}
