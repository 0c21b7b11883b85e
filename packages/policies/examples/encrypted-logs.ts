/**
 * A tiny program the pack accepts: a customer-managed key whose policy admits the regional
 * CloudWatch Logs principal for this account's log groups, and a log group encrypted with it
 * and kept a year. The test runs it under the offline mocks and evaluates the pack on it.
 */
import { awsContext, formatArn, policyDocument } from '@phi-platform/core';
import * as aws from '@pulumi/aws';

export function encryptedLogs(name: string): {
  key: aws.kms.Key;
  logGroup: aws.cloudwatch.LogGroup;
} {
  const ctx = awsContext();
  const policy = ctx.apply((c) =>
    JSON.stringify(
      policyDocument([
        {
          Sid: 'AccountRoot',
          Effect: 'Allow',
          Principal: { AWS: formatArn({ ...c, service: 'iam', region: '', resource: 'root' }) },
          Action: 'kms:*',
          Resource: '*',
        },
        {
          Sid: 'CloudWatchLogs',
          Effect: 'Allow',
          Principal: { Service: `logs.${c.region}.${c.dnsSuffix}` },
          Action: [
            'kms:Encrypt*',
            'kms:Decrypt*',
            'kms:ReEncrypt*',
            'kms:GenerateDataKey*',
            'kms:Describe*',
          ],
          Resource: '*',
          Condition: {
            ArnLike: {
              'kms:EncryptionContext:aws:logs:arn': formatArn({
                ...c,
                service: 'logs',
                resource: 'log-group:*',
              }),
            },
          },
        },
      ]),
    ),
  );
  const key = new aws.kms.Key(`${name}-key`, {
    description: 'Example key for log groups',
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy,
  });
  const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, {
    name: `/example/${name}`,
    kmsKeyId: key.arn,
    retentionInDays: 365,
  });
  return { key, logGroup };
}
