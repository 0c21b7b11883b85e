import { installMocks, OfflineRuntime } from '@phi-platform/offline';
import { InvalidSettingsError, parsePolicyDocument } from '@phi-platform/core';
import { HttpsIngress, ServiceCluster, TlsService } from '../src';
import { serviceArgs } from './fixtures';

describe('validation happens before anything is created', () => {
  let rt: OfflineRuntime;
  beforeEach(() => {
    rt = installMocks({ region: 'us-gov-west-1' });
  });

  it('refuses a CPU/memory pair Fargate does not offer, naming both values', async () => {
    let error: unknown;
    await rt.run(() => {
      try {
        new TlsService('api', { ...serviceArgs(rt), cpu: 1024, memory: 512, user: '0' });
      } catch (e) {
        error = e;
      }
    });
    expect(error).toBeInstanceOf(InvalidSettingsError);
    const message = (error as Error).message;
    expect(message).toContain('Invalid settings for TlsService "api" (2)');
    expect(message).toContain(
      'memory: got 512; allowed: with cpu 1024: 2048, 3072, 4096, 5120, 6144, 7168, 8192 MiB',
    );
    expect(message).toContain('user: got "0"');
    expect(rt.resources().filter((r) => r.custom)).toEqual([]);
  });

  it('refuses an ingress without a certificate', async () => {
    let error: unknown;
    await rt.run(() => {
      try {
        new HttpsIngress('public', {
          vpcId: 'vpc-1',
          publicSubnetIds: ['subnet-a', 'subnet-b'],
          certificateArn: undefined as unknown as string,
        });
      } catch (e) {
        error = e;
      }
    });
    expect((error as Error).message).toContain(
      'certificateArn: got nothing (missing); allowed: ' +
        'the ARN of an ACM certificate in this region',
    );
    expect(rt.resources().filter((r) => r.custom)).toEqual([]);
  });

  it('refuses a secret passed through environment', async () => {
    await expect(
      rt.run(
        () =>
          new TlsService('api', {
            ...serviceArgs(rt),
            secrets: {
              DB_PASSWORD: `arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:x-1`,
            },
            environment: { DB_PASSWORD: 'hunter2' },
          }),
      ),
    ).rejects.toThrow('environment.DB_PASSWORD');
    expect(rt.resources().filter((r) => r.custom)).toEqual([]);
  });
});

describe('options', () => {
  it('logs ECS Exec to an encrypted group when the cluster allows it', async () => {
    const rt = installMocks({ region: 'cn-northwest-1' });
    await rt.run(
      () =>
        new ServiceCluster('ops', {
          kmsKeyArn: 'arn:aws-cn:kms:cn-northwest-1:123456789012:key/k',
          allowExecuteCommand: true,
        }),
    );
    const exec = rt.one('aws:cloudwatch/logGroup:LogGroup', 'ops-exec');
    expect(exec.inputs).toMatchObject({ name: '/phi-platform/ecs/ops/exec', retentionInDays: 365 });
    expect(rt.one('aws:ecs/cluster:Cluster').inputs.configuration).toEqual({
      executeCommandConfiguration: {
        kmsKeyId: 'arn:aws-cn:kms:cn-northwest-1:123456789012:key/k',
        logging: 'OVERRIDE',
        logConfiguration: {
          cloudWatchEncryptionEnabled: true,
          cloudWatchLogGroupName: '/phi-platform/ecs/ops/exec',
        },
      },
    });
  });

  it('gives the task role only the given statements, no ECR rights elsewhere', async () => {
    const rt = installMocks({ region: 'ap-southeast-7' });
    const connect = {
      Effect: 'Allow' as const,
      Action: 'rds-db:connect',
      Resource: 'arn:aws:rds-db:ap-southeast-7:123456789012:dbuser:cluster-ABC/app',
    };
    await rt.run(
      () => new TlsService('api', { ...serviceArgs(rt), taskRoleStatements: [connect] }),
    );
    const doc = (name: string): unknown =>
      parsePolicyDocument(rt.one('aws:iam/policy:Policy', name).inputs.policy as string).Statement;
    expect(doc('api-task-policy')).toEqual([connect]);
    expect(JSON.stringify(doc('api-execution-policy'))).not.toContain('ecr:');
  });

  it('turns deletion protection off in dev only', async () => {
    const rt = installMocks({ region: 'us-east-1' });
    await rt.run(
      () =>
        new HttpsIngress('dev-public', {
          vpcId: 'vpc-1',
          publicSubnetIds: ['subnet-a', 'subnet-b'],
          certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-1',
          environment: 'dev',
        }),
    );
    const alb = rt.one('aws:lb/loadBalancer:LoadBalancer').inputs;
    expect(alb.enableDeletionProtection).toBe(false);
    expect(alb.accessLogs).toBeUndefined();
  });
});
