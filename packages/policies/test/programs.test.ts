/**
 * Programs run under the offline mocks, then evaluated: the example passes in every partition,
 * and a deliberately weakened program is caught with the right policy ids.
 */
import { installMocks } from '@phi-platform/offline';
import * as aws from '@pulumi/aws';
import { evaluatePolicies } from '../src';
import { encryptedLogs } from '../examples/encrypted-logs';

describe.each(['us-east-1', 'ap-southeast-7', 'us-gov-west-1', 'cn-northwest-1'])(
  'example program in %s',
  (region) => {
    it('has no violation and admits the regional logs principal', async () => {
      const rt = installMocks({ region });
      await rt.run(() => encryptedLogs('audit'));
      const result = evaluatePolicies(rt.resources(), { stack: 'example' });
      expect(result.violations).toEqual([]);
      const key = rt.one('aws:kms/key:Key');
      expect(key.inputs.policy).toContain(`"logs.${region}.${rt.dnsSuffix}"`);
      expect(String(rt.one('aws:cloudwatch/logGroup:LogGroup').inputs.kmsKeyId)).toMatch(
        new RegExp(`^arn:${rt.partition}:kms:${region}:`),
      );
    });
  },
);

describe('a deliberately weakened program', () => {
  it('is caught: unencrypted storage, SSH open to the internet, wildcard admin, 7-day logs', async () => {
    const rt = installMocks({ region: 'eu-central-1' });
    await rt.run(() => {
      new aws.rds.Cluster('weak-db', {
        engine: 'aurora-postgresql',
        storageEncrypted: false,
        backupRetentionPeriod: 30,
      });
      const group = new aws.ec2.SecurityGroup('weak-sg', {
        vpcId: 'vpc-0123',
        description: 'weak',
      });
      new aws.vpc.SecurityGroupIngressRule('weak-ssh', {
        securityGroupId: group.id,
        ipProtocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        cidrIpv4: '0.0.0.0/0',
      });
      new aws.iam.Policy('weak-admin', {
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
        }),
      });
      new aws.cloudwatch.LogGroup('weak-logs', { retentionInDays: 7 });
    });
    const result = evaluatePolicies(rt.resources(), { stack: 'weak' });
    const found = (id: string, name: string) =>
      result.violations.filter((v) => v.policy === id && v.urn.endsWith(`::${name}`));

    expect(found('RDS-01', 'weak-db')[0]?.message).toBe(
      'storageEncrypted is false. Fix: set storageEncrypted: true with kmsKeyId = the EncryptionKey keyArn',
    );
    expect(found('SG-02', 'weak-ssh')[0]?.message).toMatch(
      /^rule admits the internet to port 22 \(tcp\/22\)/,
    );
    expect(found('IAM-01', 'weak-admin')[0]?.message).toMatch(
      /^policy statement #1 allows every action on every resource/,
    );
    expect(found('LOG-01', 'weak-logs')[0]?.message).toMatch(/^the log group has no kmsKeyId/);
    expect(found('LOG-03', 'weak-logs')[0]?.message).toMatch(/^retentionInDays is 7, below 365/);
    for (const id of ['RDS-01', 'SG-02', 'IAM-01', 'LOG-01', 'LOG-03']) {
      expect(result.violations.find((v) => v.policy === id)?.level).toBe('mandatory');
    }
    // One finding per problem: the open SSH port is SG-02's, not SG-01's as well.
    expect(found('SG-01', 'weak-ssh')).toEqual([]);
  });
});
