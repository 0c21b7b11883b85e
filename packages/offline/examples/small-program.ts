import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';

/**
 * A small program of the kind the platform's components build: a KMS key, a log group and a
 * secret encrypted with it, a VPC with one private subnet per zone the region offers, and a
 * generated password stored as a secret. Run it under `installMocks` (see README).
 */
export function smallProgram(name = 'demo') {
  const zones = aws.getAvailabilityZonesOutput({ state: 'available' });
  const key = new aws.kms.Key(`${name}-key`, { enableKeyRotation: true, deletionWindowInDays: 30 });
  const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, {
    retentionInDays: 365,
    kmsKeyId: key.arn,
  });
  const password = new random.RandomPassword(`${name}-password`, {
    length: 32,
    special: true,
    overrideSpecial: '!#$%^&*()-_=+',
    minSpecial: 2,
  });
  const secret = new aws.secretsmanager.Secret(`${name}-secret`, { kmsKeyId: key.arn });
  const version = new aws.secretsmanager.SecretVersion(`${name}-secret-value`, {
    secretId: secret.id,
    secretString: password.result,
  });
  const vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: '10.0.0.0/16' });
  const subnets = zones.names.apply((names) =>
    names.map(
      (zone, i) =>
        new aws.ec2.Subnet(`${name}-private-${i}`, {
          vpcId: vpc.id,
          availabilityZone: zone,
          cidrBlock: `10.0.${i}.0/24`,
        }),
    ),
  );
  return {
    keyArn: key.arn,
    logGroupArn: logGroup.arn,
    secretArn: secret.arn,
    secretVersionId: version.versionId,
    password: password.result,
    vpcId: vpc.id,
    zoneNames: zones.names,
    subnetIds: subnets.apply((s) => pulumi.all(s.map((x) => x.id))),
  };
}
