import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { EncryptionKey, GeneratedSecret } from '../src';

/**
 * One environment's data key, an Aurora master password and a Redis AUTH token stored under
 * it, and the statements an ECS task execution role needs to read the token.
 */
export function platformSecrets(environment = 'prod') {
  // The administrator role lives in the deploying account and partition.
  const partition = aws.getPartitionOutput().partition;
  const accountId = aws.getCallerIdentityOutput().accountId;
  const keyAdmin = pulumi.interpolate`arn:${partition}:iam::${accountId}:role/key-admin`;

  const key = new EncryptionKey('platform', {
    environment,
    description: `PHI data key for ${environment}`,
    administratorRoleArns: [keyAdmin],
  });
  const dbPassword = new GeneratedSecret('orders-db-master', {
    kmsKeyArn: key.keyArn,
    preset: 'rds-master-password',
  });
  const redisToken = new GeneratedSecret('sessions-auth', {
    kmsKeyArn: key.keyArn,
    preset: 'elasticache-auth-token',
    length: 96,
  });
  const executionRoleStatements = [
    redisToken.readStatement(),
    key.decryptViaServiceStatement('secretsmanager'),
  ];
  return { key, dbPassword, redisToken, executionRoleStatements };
}
