import { InvalidSettingsError } from '@phi-platform/core';
import { EncryptionKey } from '@phi-platform/crypto';
import { installMocks, isSecretOutput, toPlanResources, unwrap } from '@phi-platform/offline';
import { AuroraPostgres, AuroraPostgresArgs, auroraClusterParameters } from '../src';
import { keyArnOf, NETWORK, providerResources, REGIONS, rulesOf } from './helpers';

const CLUSTER = 'aws:rds/cluster:Cluster';
const INSTANCE = 'aws:rds/clusterInstance:ClusterInstance';

function build(extra: Partial<AuroraPostgresArgs> = {}) {
  const key = new EncryptionKey('platform', { environment: 'dev' });
  const db = new AuroraPostgres('records', {
    vpcId: NETWORK.vpcId,
    subnetIds: NETWORK.isolatedSubnetIds,
    engineVersion: '16.4',
    kmsKeyArn: key.keyArn,
    allowedSecurityGroupIds: { app: NETWORK.appSecurityGroupId },
    environment: 'dev',
    ...extra,
  });
  return { key, db };
}

describe.each(REGIONS)('AuroraPostgres in $region', ({ region, partition }) => {
  it('builds an encrypted, TLS-only, IAM-auth cluster with 30 days of backups', async () => {
    const rt = installMocks({ region });
    const { value } = await rt.run(() => build());
    const keyArn = keyArnOf(rt);
    expect(keyArn).toMatch(new RegExp(`^arn:${partition}:kms:${region}:123456789012:key/`));

    const logGroup = rt.one('aws:cloudwatch/logGroup:LogGroup', 'records-postgresql-logs');
    expect(logGroup.inputs).toMatchObject({
      name: '/aws/rds/cluster/records-dev/postgresql',
      kmsKeyId: keyArn,
      retentionInDays: 365,
    });
    const subnetGroup = rt.one('aws:rds/subnetGroup:SubnetGroup');
    expect(subnetGroup.inputs['subnetIds']).toEqual(NETWORK.isolatedSubnetIds);
    const params = rt.one('aws:rds/clusterParameterGroup:ClusterParameterGroup');
    expect(params.inputs['family']).toBe('aurora-postgresql16');
    expect(params.inputs['parameters']).toEqual(auroraClusterParameters());
    expect(auroraClusterParameters().map((p) => [p.name, p.value])).toEqual([
      ['rds.force_ssl', '1'],
      ['ssl_min_protocol_version', 'TLSv1.2'],
      ['log_connections', '1'],
      ['log_disconnections', '1'],
      ['log_statement', 'ddl'],
      ['log_min_duration_statement', '5000'],
    ]);

    const group = rt.one('aws:ec2/securityGroup:SecurityGroup');
    const cluster = rt.one(CLUSTER);
    expect(cluster.inputs).toMatchObject({
      clusterIdentifier: 'records-dev',
      engine: 'aurora-postgresql',
      engineMode: 'provisioned',
      engineVersion: '16.4',
      storageEncrypted: true,
      kmsKeyId: keyArn,
      backupRetentionPeriod: 30,
      preferredBackupWindow: '03:00-04:00',
      preferredMaintenanceWindow: 'sun:05:00-sun:06:00',
      copyTagsToSnapshot: true,
      iamDatabaseAuthenticationEnabled: true,
      enabledCloudwatchLogsExports: ['postgresql'],
      deletionProtection: true,
      skipFinalSnapshot: false,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: keyArn,
      masterUsername: 'phiadmin',
      port: 5432,
      vpcSecurityGroupIds: [group.id],
      dbSubnetGroupName: subnetGroup.id,
      dbClusterParameterGroupName: params.id,
    });
    expect(cluster.inputs).not.toHaveProperty('masterPassword');
    expect(cluster.inputs['finalSnapshotIdentifier']).toMatch(/^records-dev-final-[0-9a-f]{8}$/);
    // The log group exists before the cluster, so RDS never creates an unencrypted one.
    expect(cluster.dependsOn).toContain(logGroup.urn);

    const instances = rt.byType(INSTANCE);
    expect(instances.map((i) => i.inputs['identifier'])).toEqual(
      expect.arrayContaining(['records-dev-1', 'records-dev-2']),
    );
    expect(instances).toHaveLength(2);
    for (const instance of instances) {
      expect(instance.inputs).toMatchObject({
        clusterIdentifier: 'records-dev',
        engine: 'aurora-postgresql',
        instanceClass: 'db.r6g.large',
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: keyArn,
        caCertIdentifier: 'rds-ca-rsa2048-g1',
        dbSubnetGroupName: subnetGroup.id,
      });
    }

    const { ingress, egress } = rulesOf(rt, group.id);
    expect(ingress.map((r) => r.inputs)).toEqual([
      expect.objectContaining({
        ipProtocol: 'tcp',
        fromPort: 5432,
        toPort: 5432,
        referencedSecurityGroupId: NETWORK.appSecurityGroupId,
      }),
    ]);
    expect(ingress[0]!.inputs).not.toHaveProperty('cidrIpv4');
    expect(egress).toHaveLength(0);
    expect(group.inputs['ingress'] ?? []).toEqual([]);

    const db = value.db;
    expect(await unwrap(db.clusterArn)).toBe(
      `arn:${partition}:rds:${region}:123456789012:cluster:records-dev`,
    );
    expect(await unwrap(db.masterSecretArn)).toMatch(
      new RegExp(`^arn:${partition}:secretsmanager:${region}:123456789012:secret:rds!cluster-`),
    );
    expect(await unwrap(db.port)).toBe(5432);
    expect(await unwrap(db.securityGroupId)).toBe(group.id);
    expect(await unwrap(db.endpoint)).toContain('records-dev.cluster-');
    expect(await unwrap(db.readerEndpoint)).toContain('records-dev.cluster-ro-');

    const resourceId = cluster.state['clusterResourceId'] as string;
    expect(await unwrap(db.clusterResourceId)).toBe(resourceId);
    expect(await unwrap(db.connectStatement('app_user', 'Connect'))).toEqual({
      Sid: 'Connect',
      Effect: 'Allow',
      Action: 'rds-db:connect',
      Resource: `arn:${partition}:rds-db:${region}:123456789012:dbuser:${resourceId}/app_user`,
    });
  });

  it('passes a generated master password only as a secret', async () => {
    const rt = installMocks({ region });
    const { value } = await rt.run(() => build({ masterPassword: 'generated' }));
    const cluster = rt.one(CLUSTER);
    expect(cluster.secretPaths).toContain('masterPassword');
    expect(cluster.inputs).not.toHaveProperty('manageMasterUserPassword');
    const password = rt.one('random:index/randomPassword:RandomPassword').state['result'];
    expect(typeof password).toBe('string');
    expect(cluster.inputs['masterPassword']).toBe(password);
    expect(JSON.stringify(toPlanResources(rt.resources()))).not.toContain(password as string);

    const secret = rt.one('aws:secretsmanager/secret:Secret');
    expect(secret.inputs['kmsKeyId']).toBe(keyArnOf(rt));
    expect(await unwrap(value.db.masterSecretArn)).toBe(secret.state['arn']);
    expect(await isSecretOutput(value.db.masterSecretArn)).toBe(false);
  });

  it('runs Serverless v2 with db.serverless instances', async () => {
    const rt = installMocks({ region });
    await rt.run(() => build({ serverless: { minCapacity: 0.5, maxCapacity: 16, readers: 2 } }));
    expect(rt.one(CLUSTER).inputs['serverlessv2ScalingConfiguration']).toEqual({
      minCapacity: 0.5,
      maxCapacity: 16,
    });
    const classes = rt.byType(INSTANCE).map((i) => i.inputs['instanceClass']);
    expect(classes).toEqual(['db.serverless', 'db.serverless', 'db.serverless']);
  });
});

describe('AuroraPostgres opt-outs and validation', () => {
  it('lets dev skip deletion protection and the final snapshot by name', async () => {
    const rt = installMocks({ region: 'us-east-1' });
    await rt.run(() => build({ deletionProtection: false, skipFinalSnapshotInsecure: true }));
    expect(rt.one(CLUSTER).inputs).toMatchObject({
      deletionProtection: false,
      skipFinalSnapshot: true,
    });
    expect(rt.one(CLUSTER).inputs).not.toHaveProperty('finalSnapshotIdentifier');
    expect(rt.byType('random:index/randomId:RandomId')).toHaveLength(0);
  });

  it('refuses bad args before creating any child', async () => {
    const rt = installMocks({ region: 'us-east-1' });
    const run = rt.run(
      () =>
        new AuroraPostgres('db', {
          vpcId: 'vpc-1',
          subnetIds: ['subnet-a', 'subnet-b'],
          engineVersion: '16.4',
          kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k',
          allowedSecurityGroupIds: ['sg-1'],
          backupRetentionDays: 14,
          skipFinalSnapshotInsecure: true,
          environment: 'prod',
        }),
    );
    await expect(run).rejects.toThrow(InvalidSettingsError);
    await expect(run).rejects.toThrow(
      'Invalid settings for AuroraPostgres "db" (2):\n' +
        '  - backupRetentionDays: got 14; allowed: a whole number from 30 to 35 ' +
        '(HIPAA baseline: at least 30 days of backups)\n' +
        '  - skipFinalSnapshotInsecure: got true; allowed: false when environment is "prod" ' +
        '(a prod database always leaves a final snapshot)',
    );
    expect(providerResources(rt)).toEqual([]);
  });

  it('refuses a wildcard database user in connectStatement', async () => {
    const rt = installMocks({ region: 'us-east-1' });
    const { value } = await rt.run(() => build());
    expect(() => value.db.connectStatement('*')).toThrow(InvalidSettingsError);
  });
});
