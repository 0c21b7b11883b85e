/**
 * Trust and permission documents of the roles a TlsService creates, as pure functions of the
 * deploying context, so each statement can be tested exactly for every partition.
 */
import {
  AwsContext,
  formatArn,
  logGroupArn,
  policyDocument,
  PolicyDocument,
  PolicyStatement,
  regionalServiceHost,
  serviceTrustPolicy,
} from '@phi-platform/core';

/**
 * Service principals. ECS uses the same names in every partition, China included (unlike EC2,
 * whose principal there ends in `.com.cn`).
 */
export const ECS_TASKS_PRINCIPAL = 'ecs-tasks.amazonaws.com';
export const ECS_PRINCIPAL = 'ecs.amazonaws.com';

/** The AWS managed policy ECS documents for Service Connect TLS (path included). */
export const SERVICE_CONNECT_TLS_MANAGED_POLICY =
  'service-role/AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity';

/** `arn:<partition>:iam::aws:policy/<name>` */
export function awsManagedPolicyArn(partition: string, name: string): string {
  return formatArn({
    partition,
    service: 'iam',
    region: '',
    accountId: 'aws',
    resource: `policy/${name}`,
  });
}

/**
 * Trust for task and execution roles: only ECS tasks of this account and region may assume
 * them (the confused-deputy conditions ECS documents for task roles).
 */
export function ecsTasksTrustPolicy(ctx: AwsContext): PolicyDocument {
  return serviceTrustPolicy(ctx, {
    sid: 'EcsTasksOfThisAccount',
    servicePrincipal: ECS_TASKS_PRINCIPAL,
    sourceArn: { service: 'ecs', resource: '*' },
  });
}

/** Trust for the ECS infrastructure role that Service Connect TLS uses. */
export function ecsInfrastructureTrustPolicy(ctx: AwsContext): PolicyDocument {
  return serviceTrustPolicy(ctx, { sid: 'EcsOfThisAccount', servicePrincipal: ECS_PRINCIPAL });
}

/**
 * KMS actions the Service Connect TLS infrastructure role needs on `tls.kmsKey`: ECS encrypts
 * the issued private keys with it. The managed TLS policy has no kms actions, and the key
 * policy's account-root statement only delegates to IAM, so the role needs its own grant.
 */
export const SERVICE_CONNECT_TLS_KMS_ACTIONS: readonly string[] = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyPair',
  'kms:DescribeKey',
];

/**
 * The infrastructure role's own permission on the one Service Connect TLS key. No condition:
 * no AWS documentation names one for this role (see docs/adr/0003).
 */
export function serviceConnectTlsKeyPolicy(kmsKeyArn: string): PolicyDocument {
  if (!/^arn:[^:]+:kms:[^:]+:\d{12}:key\/[^*?]+$/.test(kmsKeyArn)) {
    throw new Error(
      `serviceConnectTlsKeyPolicy: kmsKeyArn "${kmsKeyArn}" is not a key ARN ` +
        '(allowed: arn:<partition>:kms:<region>:<account>:key/<id>, no wildcard)',
    );
  }
  return policyDocument([
    {
      Sid: 'UseServiceConnectTlsKey',
      Effect: 'Allow',
      Action: [...SERVICE_CONNECT_TLS_KMS_ACTIONS],
      Resource: kmsKeyArn,
    },
  ]);
}

/**
 * The secret ARN of a `secrets[].valueFrom`: a Secrets Manager ARN has seven colon-separated
 * parts; anything after them selects a JSON key, stage or version of that same secret.
 */
export function secretArnOf(valueFrom: string): string {
  return valueFrom.split(':').slice(0, 7).join(':');
}

export interface ExecutionPolicyInput {
  readonly ctx: AwsContext;
  /** `secrets[].valueFrom` values of the container. */
  readonly secretValueFroms: readonly string[];
  readonly kmsKeyArn: string;
  /** Log groups the task's log drivers write to (application, Service Connect proxy). */
  readonly logGroupNames: readonly string[];
  /** ECR repositories the image comes from; empty when the image is not in ECR. */
  readonly ecrRepositoryArns: readonly string[];
}

/** What the ECS agent needs to start this one task, and nothing else. */
export function executionRolePolicy(input: ExecutionPolicyInput): PolicyDocument {
  const { ctx } = input;
  const unique = (values: readonly string[]): string[] => [...new Set(values)].sort();
  const secretArns = unique(input.secretValueFroms.map(secretArnOf));
  const statements: PolicyStatement[] = [];

  if (secretArns.length > 0) {
    statements.push(
      {
        Sid: 'ReadOwnSecrets',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: secretArns,
      },
      {
        Sid: 'DecryptSecretsThroughSecretsManager',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: input.kmsKeyArn,
        Condition: {
          StringEquals: { 'kms:ViaService': regionalServiceHost('secretsmanager', ctx) },
        },
      },
    );
  }

  const groups = unique(input.logGroupNames).map((name) => logGroupArn(ctx, name));
  statements.push({
    Sid: 'WriteOwnLogGroups',
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: groups.flatMap((arn) => [arn, `${arn}:*`]),
  });

  const repositories = unique(input.ecrRepositoryArns);
  if (repositories.length > 0) {
    statements.push(
      {
        // GetAuthorizationToken has no resource type: `*` is the only value IAM accepts.
        Sid: 'EcrAuthorizationToken',
        Effect: 'Allow',
        Action: 'ecr:GetAuthorizationToken',
        Resource: '*',
      },
      {
        Sid: 'PullOwnImage',
        Effect: 'Allow',
        Action: [
          'ecr:BatchCheckLayerAvailability',
          'ecr:BatchGetImage',
          'ecr:GetDownloadUrlForLayer',
        ],
        Resource: repositories,
      },
    );
  }
  return policyDocument(statements);
}
