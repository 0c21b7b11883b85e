import {
  decryptViaServiceStatementFor,
  encryptDecryptStatementFor,
  iamRoleArnProblem,
  kmsKeyArnProblem,
  readSecretStatementFor,
  statementId,
} from '../src';

const GOV_KEY =
  'arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('statement builders', () => {
  it('encrypt/decrypt on exactly one key', () => {
    expect(encryptDecryptStatementFor(GOV_KEY, 'UseKeyPlatform')).toEqual({
      Sid: 'UseKeyPlatform',
      Effect: 'Allow',
      Action: [
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
        'kms:DescribeKey',
      ],
      Resource: GOV_KEY,
    });
  });

  it.each([
    [
      'secretsmanager',
      'cn-north-1',
      'amazonaws.com.cn',
      'secretsmanager.cn-north-1.amazonaws.com.cn',
    ],
    ['rds', 'us-gov-west-1', 'amazonaws.com', 'rds.us-gov-west-1.amazonaws.com'],
    ['elasticache', 'ap-southeast-7', 'amazonaws.com', 'elasticache.ap-southeast-7.amazonaws.com'],
    ['logs', 'us-east-1', 'amazonaws.com', 'logs.us-east-1.amazonaws.com'],
  ] as const)('decrypt via %s in %s uses kms:ViaService %s', (service, region, dnsSuffix, host) => {
    const ctx = { region, dnsSuffix, accountId: '123456789012', partition: 'x' };
    expect(decryptViaServiceStatementFor(GOV_KEY, service, ctx, 'S')).toEqual({
      Sid: 'S',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: GOV_KEY,
      Condition: { StringEquals: { 'kms:ViaService': host } },
    });
  });

  it('read exactly one secret', () => {
    const arn = 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:phi-db-abc-Xy12Zq';
    expect(readSecretStatementFor(arn, 'ReadSecretDb')).toEqual({
      Sid: 'ReadSecretDb',
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: arn,
    });
  });

  it.each([
    ['UseKey', 'platform', 'UseKeyPlatform'],
    ['ReadSecret', 'orders-db.master_password', 'ReadSecretOrdersDbMasterPassword'],
    ['X', '---', 'X'],
  ])('statementId(%p, %p) is %p', (prefix, name, expected) => {
    expect(statementId(prefix, name)).toBe(expected);
    expect(statementId(prefix, name)).toMatch(/^[A-Za-z0-9]+$/);
  });
});

describe('ARN checks', () => {
  it.each([
    [GOV_KEY, undefined],
    ['arn:aws-cn:kms:cn-north-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab', undefined],
    ['alias/phi-prod', 'an alias, not a key ARN'],
    ['arn:aws:kms:us-east-1:123456789012:alias/phi-prod', 'an alias, not a key ARN'],
    ['1234abcd-12ab-34cd-56ef-1234567890ab', 'a bare key id, not a key ARN'],
    ['arn:aws:s3:::bucket', 'not of the form arn:<partition>:kms:<region>:<account>:key/<id>'],
    ['', 'not a non-empty string'],
    [42, 'not a non-empty string'],
  ])('kmsKeyArnProblem(%p) is %p', (value, expected) => {
    expect(kmsKeyArnProblem(value)).toBe(expected);
  });

  it.each([
    ['arn:aws:iam::123456789012:role/app', undefined],
    ['arn:aws-us-gov:iam::123456789012:role/path/to/app', undefined],
    ['arn:aws:iam::123456789012:role/*', 'contains a wildcard'],
    [
      'arn:aws:iam::123456789012:root',
      'not of the form arn:<partition>:iam::<account>:role/<name>',
    ],
    [
      'arn:aws:iam::123456789012:user/alice',
      'not of the form arn:<partition>:iam::<account>:role/<name>',
    ],
    ['*', 'contains a wildcard'],
  ])('iamRoleArnProblem(%p) is %p', (value, expected) => {
    expect(iamRoleArnProblem(value)).toBe(expected);
  });
});
