import * as pulumi from '@pulumi/pulumi';
import { installMocks, unwrap } from '@phi-platform/offline';
import { keyPolicy, logsStatementAdmitsLogGroup, openPrincipalStatements } from '../src';
import { EncryptionKey, resolvedRoleProblems } from '../src';
import { InvalidSettingsError, parsePolicyDocument } from '@phi-platform/core';

const ACCOUNT = '123456789012';

const REGIONS = [
  { region: 'us-east-1', partition: 'aws', dnsSuffix: 'amazonaws.com' },
  { region: 'ap-southeast-7', partition: 'aws', dnsSuffix: 'amazonaws.com' },
  { region: 'us-gov-west-1', partition: 'aws-us-gov', dnsSuffix: 'amazonaws.com' },
  { region: 'cn-northwest-1', partition: 'aws-cn', dnsSuffix: 'amazonaws.com.cn' },
] as const;

describe.each(REGIONS)('EncryptionKey in $region', ({ region, partition, dnsSuffix }) => {
  const admin = `arn:${partition}:iam::${ACCOUNT}:role/key-admin`;
  const task = `arn:${partition}:iam::${ACCOUNT}:role/api-task`;

  it('creates a rotating symmetric key whose policy is the pure keyPolicy for the region', async () => {
    const rt = installMocks({ region });
    expect([rt.partition, rt.dnsSuffix]).toEqual([partition, dnsSuffix]);
    const { value: key } = await rt.run(
      () =>
        new EncryptionKey('platform', {
          environment: 'prod',
          administratorRoleArns: [admin],
          ecsTaskRoleArns: [task],
        }),
    );

    const kms = rt.one('aws:kms/key:Key');
    expect(kms.name).toBe('platform-key');
    expect(kms.inputs).toMatchObject({
      customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: 30,
      isEnabled: true,
      multiRegion: false,
      description: 'phi-platform data key platform',
    });
    expect(kms.inputs).not.toHaveProperty('bypassPolicyLockoutSafetyCheck');
    expect(kms.parent).toBe(rt.one('phi-platform:crypto:EncryptionKey').urn);

    const ctx = { region, partition, dnsSuffix, accountId: ACCOUNT };
    const expected = keyPolicy(ctx, { administratorRoleArns: [admin], ecsTaskRoleArns: [task] });
    const deployed = parsePolicyDocument(kms.inputs.policy as string);
    expect(deployed).toEqual(expected);
    expect(await unwrap(key.policyDocument)).toEqual(expected);
    expect(openPrincipalStatements(deployed)).toEqual([]);

    // The statements that other packages and the policy pack rely on, spelled out.
    const sids = deployed.Statement.map((s) => s.Sid);
    expect(sids).toEqual([
      'AccountRootFullAccess',
      'KeyAdministrators',
      'CloudWatchLogsThisAccountAndRegion',
      'UseThroughRds',
      'UseThroughSecretsManager',
      'UseThroughElastiCache',
      'GrantsOnlyForAwsResources',
      'EcsTaskRoles',
    ]);
    expect(deployed.Statement[0]?.Principal).toEqual({
      AWS: `arn:${partition}:iam::${ACCOUNT}:root`,
    });
    expect(deployed.Statement[2]?.Principal).toEqual({ Service: `logs.${region}.${dnsSuffix}` });

    const logGroup = `arn:${partition}:logs:${region}:${ACCOUNT}:log-group:/phi/prod/api`;
    expect(logsStatementAdmitsLogGroup(deployed, logGroup)).toBe(true);
    expect(logsStatementAdmitsLogGroup(deployed, logGroup.replace(region, 'eu-west-1'))).toBe(
      false,
    );

    const alias = rt.one('aws:kms/alias:Alias');
    expect(alias.inputs).toMatchObject({ name: 'alias/phi-prod-platform', targetKeyId: kms.id });
    expect(await unwrap(key.aliasName)).toBe('alias/phi-prod-platform');
    const keyArn = await unwrap(key.keyArn);
    expect(keyArn).toBe(kms.state.arn);
    expect(keyArn).toMatch(new RegExp(`^arn:${partition}:kms:${region}:${ACCOUNT}:key/`));
    expect(await unwrap(key.keyId)).toBe(kms.state.keyId);
  });

  it('hands out statements on exactly this key', async () => {
    const rt = installMocks({ region });
    const { value } = await rt.run(() => {
      const key = new EncryptionKey('platform', {});
      return {
        arn: key.keyArn,
        use: key.encryptDecryptStatement(),
        viaSecrets: key.decryptViaServiceStatement('secretsmanager'),
        viaLogs: key.decryptViaServiceStatement('logs', 'LogsRead'),
      };
    });
    const arn = await unwrap(value.arn);
    expect(await unwrap(value.use)).toEqual({
      Sid: 'UseKeyPlatform',
      Effect: 'Allow',
      Action: [
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
        'kms:DescribeKey',
      ],
      Resource: arn,
    });
    expect(await unwrap(value.viaSecrets)).toEqual({
      Sid: 'DecryptViaSecretsmanagerPlatform',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: arn,
      Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${region}.${dnsSuffix}` } },
    });
    expect(await unwrap(value.viaLogs)).toMatchObject({
      Sid: 'LogsRead',
      Condition: { StringEquals: { 'kms:ViaService': `logs.${region}.${dnsSuffix}` } },
    });
  });
});

describe('EncryptionKey arguments', () => {
  it('uses the alias without an environment and accepts a 7-day window', async () => {
    const rt = installMocks({ region: 'us-east-1' });
    await rt.run(() => new EncryptionKey('Shared Key', { deletionWindowDays: 7 }));
    expect(rt.one('aws:kms/key:Key').inputs.deletionWindowInDays).toBe(7);
    expect(rt.one('aws:kms/alias:Alias').inputs.name).toBe('alias/phi-shared-key');
  });

  it('refuses bad arguments before registering any child, naming each', async () => {
    const rt = installMocks({ region: 'us-east-1' });
    let error: unknown;
    await rt.run(() => {
      try {
        new EncryptionKey('platform', {
          deletionWindowDays: 45,
          environment: 'Prod!',
          administratorRoleArns: ['arn:aws:iam::123456789012:role/*'],
          ecsTaskRoleArns: ['arn:aws:iam::123456789012:user/alice'],
        });
      } catch (e) {
        error = e;
      }
    });
    expect(error).toBeInstanceOf(InvalidSettingsError);
    const message = (error as Error).message;
    expect(message).toContain('Invalid settings for EncryptionKey "platform" (4)');
    expect(message).toContain(
      'deletionWindowDays: got 45; allowed: a whole number of days from 7 to 30',
    );
    expect(message).toContain('environment: got "Prod!"');
    expect(message).toContain('administratorRoleArns[0]: got "arn:aws:iam::123456789012:role/*"');
    expect(message).toContain('(contains a wildcard)');
    expect(message).toContain('ecsTaskRoleArns[0]: got "arn:aws:iam::123456789012:user/alice"');
    // Nothing at all registered: not the component, not a child.
    expect(rt.resources()).toEqual([]);
  });

  it.each([6, 31, 7.5])('refuses deletionWindowDays %p', (days) => {
    expect(() => new EncryptionKey('k', { deletionWindowDays: days })).toThrow(
      `deletionWindowDays: got ${days}; allowed: a whole number of days from 7 to 30`,
    );
  });

  it('rejects the run when a role ARN given as an Output is in another partition', async () => {
    const rt = installMocks({ region: 'us-gov-west-1' });
    const commercial = 'arn:aws:iam::123456789012:role/commercial';
    await expect(
      rt.run(
        () =>
          new EncryptionKey('platform', {
            administratorRoleArns: [pulumi.output(commercial)],
          }),
      ),
    ).rejects.toThrow(
      `Invalid settings for EncryptionKey "platform" (1):\n  - administratorRoleArns[0]: got ` +
        `"${commercial}"; allowed: a role in the deploying partition "aws-us-gov"`,
    );
    // The key's policy never resolved, so the key was not registered.
    expect(rt.byType('aws:kms/key:Key')).toEqual([]);
  });

  it('refuses a role in another partition and a role that is both admin and task role', () => {
    // Roles given as Outputs are checked when they resolve, by this function.
    const ctx = {
      region: 'us-gov-west-1',
      partition: 'aws-us-gov',
      dnsSuffix: 'amazonaws.com',
      accountId: ACCOUNT,
    };
    const both = 'arn:aws-us-gov:iam::123456789012:role/both';
    const commercial = 'arn:aws:iam::123456789012:role/commercial';
    expect(
      resolvedRoleProblems(ctx, [commercial, both], [both, 'arn:aws-us-gov:iam::1:role/x']),
    ).toEqual([
      {
        setting: 'administratorRoleArns[0]',
        value: commercial,
        allowed: 'a role in the deploying partition "aws-us-gov"',
      },
      {
        setting: 'ecsTaskRoleArns[1]',
        value: 'arn:aws-us-gov:iam::1:role/x',
        allowed: 'an IAM role ARN, arn:<partition>:iam::<account>:role/<name>, without wildcards',
        reason: 'not of the form arn:<partition>:iam::<account>:role/<name>',
      },
      {
        setting: 'ecsTaskRoleArns',
        value: both,
        allowed: 'roles that are not also key administrators',
        reason: 'separation of key administration from key use',
      },
    ]);
    expect(resolvedRoleProblems(ctx, [both], [])).toEqual([]);
  });
});
