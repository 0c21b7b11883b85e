import { InvalidSettingsError, SettingsCheck } from '@phi-platform/core';
import {
  isRootUser,
  looksSecretLike,
  TlsServiceSettings,
  tlsServiceProblems,
} from '../src/settings';

const good: TlsServiceSettings = {
  cpu: 512,
  memory: 1024,
  user: '1000:1000',
  desiredCount: 2,
  logRetentionDays: 365,
  secretNames: ['DB_PASSWORD'],
  plainSecretValues: {
    DB_PASSWORD: 'arn:aws-cn:secretsmanager:cn-northwest-1:123456789012:secret:db-AbCdEf',
  },
  environmentNames: ['LOG_LEVEL'],
  writablePaths: ['/tmp'],
  healthCheckPath: '/health',
  containerName: 'app',
  portName: 'https',
  discoveryName: 'api',
  enableExecuteCommand: false,
  executeCommandLogGroupName: undefined,
};

describe('tlsServiceProblems', () => {
  it('accepts good settings', () => {
    expect(tlsServiceProblems(good)).toEqual([]);
  });

  it('names a CPU that Fargate has not', () => {
    expect(tlsServiceProblems({ ...good, cpu: 300 })).toEqual([
      {
        setting: 'cpu',
        value: 300,
        allowed: 'one of 256, 512, 1024, 2048, 4096, 8192, 16384 (CPU units, 1024 = 1 vCPU)',
        reason: "Fargate's task sizes",
      },
    ]);
  });

  it('names memory that does not fit the CPU, with what would', () => {
    expect(tlsServiceProblems({ ...good, cpu: 256, memory: 4096 })).toEqual([
      {
        setting: 'memory',
        value: 4096,
        allowed: 'with cpu 256: 512, 1024, 2048 MiB',
        reason: "Fargate's task sizes",
      },
    ]);
    expect(tlsServiceProblems({ ...good, cpu: 8192, memory: 18432 })[0]?.allowed).toBe(
      'with cpu 8192: 16384 to 61440 MiB in steps of 4096',
    );
  });

  it('refuses a variable in both secrets and environment, and secret-like names', () => {
    const problems = tlsServiceProblems({
      ...good,
      environmentNames: ['DB_PASSWORD', 'STRIPE_API_KEY', 'LOG_LEVEL'],
    });
    expect(problems.map((p) => p.setting)).toEqual([
      'environment.DB_PASSWORD',
      'environment.DB_PASSWORD',
      'environment.STRIPE_API_KEY',
    ]);
  });

  it('refuses root, a bad secret ARN, short retention and a missing exec log group', () => {
    const problems = tlsServiceProblems({
      ...good,
      user: 'root',
      plainSecretValues: { DB_PASSWORD: 'my-password' },
      logRetentionDays: 30,
      enableExecuteCommand: true,
    });
    expect(problems.map((p) => p.setting)).toEqual([
      'user',
      'logRetentionDays',
      'secrets.DB_PASSWORD',
      'executeCommandLogGroupName',
    ]);
    const check = new SettingsCheck('TlsService "api"');
    problems.forEach((p) => check.add(p));
    expect(() => check.throwIfAny()).toThrow(InvalidSettingsError);
  });

  it.each([
    ['root', true],
    ['0', true],
    ['0:0', true],
    ['', true],
    ['ROOT:1000', true],
    ['1000', false],
    ['1000:1000', false],
    ['nobody', false],
  ])('isRootUser(%j) = %s', (user, root) => {
    expect(isRootUser(user)).toBe(root);
  });

  it.each([
    ['DB_PASSWORD', true],
    ['auth_token', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['LOG_LEVEL', false],
    ['DB_HOST', false],
  ])('looksSecretLike(%s) = %s', (name, secret) => {
    expect(looksSecretLike(name)).toBe(secret);
  });
});
