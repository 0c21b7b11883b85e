import { OfflineRuntime } from '@phi-platform/offline';
import { PolicyStatement } from '@phi-platform/core';
import { TlsServiceArgs } from '../src';

/** The smallest valid TlsService args in the runtime's partition, region and account. */
export const serviceArgs = (rt: OfflineRuntime): TlsServiceArgs => ({
  clusterArn: `arn:${rt.partition}:ecs:${rt.region}:${rt.accountId}:cluster/apps`,
  namespaceArn: `arn:${rt.partition}:servicediscovery:${rt.region}:${rt.accountId}:namespace/ns-1`,
  vpcId: 'vpc-1',
  subnetIds: ['subnet-a'],
  image: 'registry.example.com/api:1',
  cpu: 256,
  memory: 512,
  kmsKeyArn: `arn:${rt.partition}:kms:${rt.region}:${rt.accountId}:key/k-1`,
  certificateAuthorityArn:
    `arn:${rt.partition}:acm-pca:${rt.region}:${rt.accountId}:` + 'certificate-authority/ca',
  allowedSecurityGroupIds: [],
});

/**
 * The execution role's statements, written out by hand (not derived from the code under test):
 * read exactly these secrets, decrypt only with this key through Secrets Manager, write only the
 * service's two log groups, pull only this repository.
 */
export function expectedExecutionStatements(expected: {
  readonly secretArns: string[];
  readonly keyArn: string;
  readonly region: string;
  readonly dnsSuffix: string;
  /** ARN of the service's log group (the Service Connect group is `<it>/service-connect`). */
  readonly logGroupArn: string;
  readonly repositoryArn: string;
}): PolicyStatement[] {
  const logs = expected.logGroupArn;
  return [
    {
      Sid: 'ReadOwnSecrets',
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: expected.secretArns,
    },
    {
      Sid: 'DecryptSecretsThroughSecretsManager',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: expected.keyArn,
      Condition: {
        StringEquals: {
          'kms:ViaService': `secretsmanager.${expected.region}.${expected.dnsSuffix}`,
        },
      },
    },
    {
      Sid: 'WriteOwnLogGroups',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: [logs, `${logs}:*`, `${logs}/service-connect`, `${logs}/service-connect:*`],
    },
    {
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
      Resource: [expected.repositoryArn],
    },
  ];
}
