import { installMocks, OfflineRuntime, unwrap } from '@phi-platform/offline';
import * as pulumi from '@pulumi/pulumi';
import { join, resolve } from 'node:path';
import { loadSettings, PhiPlatform, readStackConfig } from '../src';

const stacks = resolve(__dirname, '../../../stacks');

/** Composes an environment from its committed settings (plus overrides) under the mocks. */
async function compose(env: string, region: string, overrides: string[] = []) {
  const { config } = readStackConfig(join(stacks, env), env, 'phi-platform', overrides, region);
  const rt = installMocks({ region, stack: env, project: 'phi-platform', config });
  const run = await rt.run(async () => {
    const platform = await PhiPlatform.create('phi', loadSettings());
    return platform.stackOutputs();
  });
  const outputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(run.value)) outputs[key] = await unwrap(value);
  return { rt, outputs, secret: run.value };
}

function containerOf(rt: OfflineRuntime) {
  const td = rt.one('aws:ecs/taskDefinition:TaskDefinition');
  const [container] = JSON.parse(td.inputs.containerDefinitions as string) as {
    secrets: { name: string; valueFrom: string }[];
    environment: { name: string; value: string }[];
  }[];
  return container!;
}

describe('PhiPlatform', () => {
  it('dev: two zones, one NAT, one database instance, one cache node, no ingress', async () => {
    const { rt, outputs } = await compose('dev', 'us-east-1');
    expect(rt.byType('aws:ec2/subnet:Subnet')).toHaveLength(6);
    expect(rt.byType('aws:ec2/natGateway:NatGateway')).toHaveLength(1);
    expect(rt.byType('aws:rds/clusterInstance:ClusterInstance')).toHaveLength(1);
    const cache = rt.one('aws:elasticache/replicationGroup:ReplicationGroup').inputs;
    expect(cache).toMatchObject({ numCacheClusters: 1, automaticFailoverEnabled: false });
    expect(rt.one('aws:rds/cluster:Cluster').inputs).toMatchObject({
      deletionProtection: false,
      backupRetentionPeriod: 30,
    });
    expect(rt.byType('aws:lb/loadBalancer:LoadBalancer')).toHaveLength(0);
    expect(rt.byType('aws:acm/certificate:Certificate')).toHaveLength(0);
    expect(outputs.loadBalancerDnsName).toBeUndefined();
    expect(outputs.availabilityZones).toEqual(['us-east-1a', 'us-east-1b']);
  });

  it('prod: three zones, NAT per zone, writer and reader, failover, protected, ingress', async () => {
    const { rt, outputs } = await compose('prod', 'eu-central-1');
    expect(rt.byType('aws:ec2/natGateway:NatGateway')).toHaveLength(3);
    expect(rt.byType('aws:rds/clusterInstance:ClusterInstance')).toHaveLength(2);
    expect(rt.one('aws:rds/cluster:Cluster').inputs).toMatchObject({
      deletionProtection: true,
      backupRetentionPeriod: 35,
      storageEncrypted: true,
    });
    expect(rt.one('aws:elasticache/replicationGroup:ReplicationGroup').inputs).toMatchObject({
      numCacheClusters: 3,
      automaticFailoverEnabled: true,
      transitEncryptionEnabled: true,
    });

    // ACM in the stack's own region, validated through DNS in the given zone.
    const cert = rt.one('aws:acm/certificate:Certificate');
    expect(cert.inputs).toMatchObject({
      domainName: 'app.phi.example.com',
      validationMethod: 'DNS',
    });
    const certArn = cert.state.arn as string;
    expect(certArn).toMatch(/^arn:aws:acm:eu-central-1:123456789012:certificate\//);
    const records = rt.byType('aws:route53/record:Record');
    expect(records.map((r) => [r.inputs.zoneId, r.inputs.type])).toEqual(
      expect.arrayContaining([
        ['Z0PRODEXAMPLE0000000', 'CNAME'],
        ['Z0PRODEXAMPLE0000000', 'A'],
      ]),
    );
    const listener = rt.one('aws:lb/listener:Listener');
    expect(listener.inputs).toMatchObject({
      port: 443,
      protocol: 'HTTPS',
      certificateArn: certArn,
    });
    expect(outputs.url).toBe('https://app.phi.example.com');

    // Its own short-lived root CA for Service Connect, activated with its own root certificate.
    const ca = rt.one('aws:acmpca/certificateAuthority:CertificateAuthority');
    expect(ca.inputs).toMatchObject({ type: 'ROOT', usageMode: 'SHORT_LIVED_CERTIFICATE' });
    // The managed policy of the ECS infrastructure role issues only from CAs with this tag.
    expect((ca.inputs.tags as Record<string, string>).AmazonECSManaged).toBe('true');
    expect(ca.options.protect).toBe(true);
    expect(rt.one('aws:acmpca/certificate:Certificate').inputs.templateArn).toBe(
      'arn:aws:acm-pca:::template/RootCACertificate/V1',
    );
    const tls = (
      rt.one('aws:ecs/service:Service').inputs.serviceConnectConfiguration as {
        services: { tls: { issuerCertAuthority: { awsPcaAuthorityArn: string } } }[];
      }
    ).services[0]!.tls;
    expect(tls.issuerCertAuthority.awsPcaAuthorityArn).toBe(ca.state.arn);
  });

  it('prod in us-west-1 uses the two zones the region offers', async () => {
    const { rt, outputs } = await compose('prod', 'us-west-1');
    expect(rt.byType('aws:ec2/natGateway:NatGateway')).toHaveLength(2);
    expect(outputs.availabilityZones).toHaveLength(2);
  });

  it('the service gets the database and cache only through secrets and IAM auth', async () => {
    const { rt, outputs, secret } = await compose('staging', 'us-gov-west-1');
    const container = containerOf(rt);
    // The cache AUTH token only: the database is reached as the `app` user through IAM
    // authentication, never with the master (superuser) secret, which is for operators.
    expect(container.secrets).toEqual([
      { name: 'CACHE_AUTH_TOKEN', valueFrom: outputs.cacheAuthSecretArn },
    ]);
    expect(outputs.databaseMasterSecretArn).toMatch(
      /^arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:/,
    );
    const iamPolicies = rt
      .byType('aws:iam/policy:Policy')
      .map((p) => JSON.parse(p.inputs.policy as string) as { Statement: { Sid?: string }[] });
    const secretReads = iamPolicies
      .flatMap((doc) => doc.Statement)
      .filter((st) => st.Sid === 'ReadOwnSecrets');
    expect(secretReads).toEqual([
      {
        Sid: 'ReadOwnSecrets',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: [outputs.cacheAuthSecretArn],
      },
    ]);
    const roleAndPolicyText = JSON.stringify(
      [...rt.byType('aws:iam/policy:Policy'), ...rt.byType('aws:iam/role:Role')].map(
        (r) => r.inputs,
      ),
    );
    expect(roleAndPolicyText).not.toContain(outputs.databaseMasterSecretArn as string);
    // Where to connect comes as plain settings, resolved from the database and cache.
    expect(container.environment).toEqual([
      { name: 'CACHE_HOST', value: outputs.cachePrimaryEndpoint },
      { name: 'CACHE_PORT', value: '6379' },
      { name: 'DATABASE_HOST', value: outputs.databaseEndpoint },
      { name: 'DATABASE_PORT', value: '5432' },
      { name: 'DATABASE_READER_HOST', value: outputs.databaseReaderEndpoint },
      { name: 'DATABASE_SSLMODE', value: 'verify-full' },
      { name: 'DATABASE_USER', value: 'app' },
      { name: 'PHI_ENVIRONMENT', value: 'staging' },
    ]);
    expect(outputs.databaseEndpoint).toMatch(/\.us-gov-west-1\.rds\.amazonaws\.com$/);
    expect(outputs.cachePrimaryEndpoint).toMatch(/\.cache\.amazonaws\.com$/);
    const resourceId = rt.one('aws:rds/cluster:Cluster').state.clusterResourceId as string;
    const taskPolicies = rt
      .byType('aws:iam/policy:Policy')
      .map((p) => JSON.parse(p.inputs.policy as string) as { Statement: unknown[] })
      .flatMap((doc) => doc.Statement);
    expect(taskPolicies).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'rds-db:connect',
        Resource: `arn:aws-us-gov:rds-db:us-gov-west-1:123456789012:dbuser:${resourceId}/app`,
      }),
    );
    // The database admits the service on 5432 and the cache on 6379, from its group alone.
    const appSg = (
      rt.one('aws:ecs/service:Service').inputs.networkConfiguration as { securityGroups: string[] }
    ).securityGroups[0];
    const ingressOf = (sg: unknown) =>
      rt
        .byType('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule')
        .filter((r) => r.inputs.securityGroupId === sg)
        .map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort, r.inputs.toPort]);
    expect(ingressOf(outputs.databaseSecurityGroupId)).toEqual([[appSg, 5432, 5432]]);
    expect(ingressOf(outputs.cacheSecurityGroupId)).toEqual([[appSg, 6379, 6379]]);
    // Image layers come from S3 through the gateway endpoint: 443 to its prefix list.
    const s3 = rt
      .byType('aws:ec2/vpcEndpoint:VpcEndpoint')
      .find((e) => e.inputs.vpcEndpointType === 'Gateway');
    const egress = rt
      .byType('aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule')
      .filter((r) => r.inputs.securityGroupId === appSg);
    expect(
      egress
        .filter((r) => r.inputs.prefixListId !== undefined)
        .map((r) => [
          r.inputs.prefixListId,
          r.inputs.ipProtocol,
          r.inputs.fromPort,
          r.inputs.toPort,
        ]),
    ).toEqual([[s3?.state.prefixListId, 'tcp', 443, 443]]);
    expect(s3?.state.prefixListId).toMatch(/^pl-/);
    for (const value of Object.values(secret)) {
      expect(await pulumi.isSecret(value)).toBe(false);
    }
  });

  it('scopes ECS names to the environment, so environments share an account and region', async () => {
    const namesOf = async (env: string) => {
      const { rt } = await compose(env, 'eu-west-1');
      return {
        cluster: rt.one('aws:ecs/cluster:Cluster').inputs.name,
        namespace: rt.one('aws:servicediscovery/httpNamespace:HttpNamespace').inputs.name,
        family: rt.one('aws:ecs/taskDefinition:TaskDefinition').inputs.family,
        discovery: (
          rt.one('aws:ecs/service:Service').inputs.serviceConnectConfiguration as {
            services: { discoveryName: string }[];
          }
        ).services[0]?.discoveryName,
        logGroups: rt
          .byType('aws:cloudwatch/logGroup:LogGroup')
          .map((g) => g.inputs.name as string)
          .filter((n) => n.includes('ecs'))
          .sort(),
        keyLogsCondition: JSON.stringify(
          JSON.parse(rt.one('aws:kms/key:Key').inputs.policy as string),
        ),
      };
    };
    const dev = await namesOf('dev');
    expect(dev).toMatchObject({
      cluster: 'phi-dev-ecs',
      namespace: 'dev.phi.internal',
      family: 'phi-dev-app',
      // Unique per namespace already, and what clients call: unchanged.
      discovery: 'phi-app',
      logGroups: [
        '/aws/ecs/containerinsights/phi-dev-ecs/performance',
        '/phi-platform/ecs/phi-dev-app',
        '/phi-platform/ecs/phi-dev-app/service-connect',
      ],
    });
    const prod = await namesOf('prod');
    expect(prod.cluster).toBe('phi-prod-ecs');
    expect(prod.namespace).toBe('prod.phi.internal');
    for (const group of prod.logGroups) expect(dev.logGroups).not.toContain(group);
    expect(prod.family).not.toBe(dev.family);
    // The key lets CloudWatch Logs use it for any log group of the account and region.
    expect(dev.keyLogsCondition).toContain('arn:aws:logs:eu-west-1:123456789012:log-group:*');
  });

  it('uses a given Private CA and certificate instead of creating them', async () => {
    const caArn = 'arn:aws-cn:acm-pca:cn-northwest-1:123456789012:certificate-authority/abc-1';
    const certArn = 'arn:aws-cn:acm:cn-northwest-1:123456789012:certificate/abc-2';
    const { rt } = await compose('staging', 'cn-northwest-1', [
      `privateCaArn=${caArn}`,
      `certificateArn=${certArn}`,
    ]);
    expect(rt.byType('aws:acmpca/certificateAuthority:CertificateAuthority')).toHaveLength(0);
    expect(rt.byType('aws:acm/certificate:Certificate')).toHaveLength(0);
    expect(rt.one('aws:lb/listener:Listener').inputs.certificateArn).toBe(certArn);
    expect(JSON.stringify(rt.one('aws:ecs/service:Service').inputs)).toContain(caArn);
  });
});
