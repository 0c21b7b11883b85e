import { installMocks, OfflineRuntime, RecordedResource } from '@phi-platform/offline';
import { parsePolicyDocument, PolicyStatement } from '@phi-platform/core';
import { buildServiceExample, ExampleInputs } from '../examples/tls-service';
import { ContainerDefinition } from '../src';
import { expectedExecutionStatements } from './fixtures';

const REGIONS = ['us-east-1', 'ap-southeast-7', 'us-gov-west-1', 'cn-northwest-1'];

function inputsFor(rt: OfflineRuntime): ExampleInputs {
  const arn = (service: string, resource: string): string =>
    `arn:${rt.partition}:${service}:${rt.region}:${rt.accountId}:${resource}`;
  return {
    vpcId: 'vpc-0abc',
    vpcCidrBlock: '10.20.0.0/16',
    publicSubnetIds: ['subnet-pub-a', 'subnet-pub-b'],
    privateSubnetIds: ['subnet-priv-a', 'subnet-priv-b'],
    endpointSecurityGroupId: 'sg-endpoints',
    s3PrefixListId: 'pl-s3',
    certificateArn: arn('acm', 'certificate/11111111-2222-3333-4444-555555555555'),
    certificateAuthorityArn: arn('acm-pca', 'certificate-authority/ca-1'),
    databasePasswordSecretArn: arn('secretsmanager', 'secret:db-password-AbCdEf'),
    webAclArn: arn('wafv2', 'regional/webacl/public/abc'),
    image: `${rt.accountId}.dkr.ecr.${rt.region}.${rt.dnsSuffix}/api:1.4.2`,
  };
}

function policyOf(rt: OfflineRuntime, name: string): PolicyStatement[] {
  return [
    ...parsePolicyDocument(rt.one('aws:iam/policy:Policy', name).inputs.policy as string).Statement,
  ];
}

describe.each(REGIONS)('the example in %s', (region) => {
  let rt: OfflineRuntime;
  let inputs: ExampleInputs;

  beforeAll(async () => {
    rt = installMocks({ region });
    inputs = inputsFor(rt);
    await rt.run(() => buildServiceExample(inputs));
  });

  const container = (): ContainerDefinition => {
    const td = rt.one('aws:ecs/taskDefinition:TaskDefinition');
    const defs = JSON.parse(td.inputs.containerDefinitions as string) as ContainerDefinition[];
    expect(defs).toHaveLength(1);
    return defs[0]!;
  };

  it('runs one Fargate task on 443 only, logging to its own group in this region', () => {
    const td = rt.one('aws:ecs/taskDefinition:TaskDefinition');
    expect(td.inputs).toMatchObject({
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '512',
      memory: '1024',
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
    });
    const c = container();
    expect(c.portMappings).toEqual([
      { name: 'https', containerPort: 443, hostPort: 443, protocol: 'tcp' },
    ]);
    const appLogs = rt.one('aws:cloudwatch/logGroup:LogGroup', 'api-logs');
    expect(c.logConfiguration.options).toEqual({
      'awslogs-group': appLogs.inputs.name,
      'awslogs-region': region,
      'awslogs-stream-prefix': 'app',
    });
    expect(td.inputs.executionRoleArn).not.toEqual(td.inputs.taskRoleArn);
  });

  it('passes the secret through secrets and never through environment', () => {
    const c = container();
    expect(c.secrets).toEqual([
      { name: 'DB_PASSWORD', valueFrom: inputs.databasePasswordSecretArn },
    ]);
    expect(c.environment).toEqual([{ name: 'LOG_LEVEL', value: 'info' }]);
    expect(JSON.stringify(c.environment)).not.toContain('secretsmanager');
  });

  it('encrypts and retains every log group with the platform key', () => {
    const key = rt.one('aws:kms/key:Key');
    const groups = rt.byType('aws:cloudwatch/logGroup:LogGroup');
    expect(groups.map((g) => g.inputs.name).sort()).toEqual([
      '/aws/ecs/containerinsights/apps/performance',
      '/phi-platform/ecs/api',
      '/phi-platform/ecs/api/service-connect',
    ]);
    for (const g of groups) {
      expect(g.inputs.kmsKeyId).toBe(key.state.arn);
      expect(g.inputs.retentionInDays).toBe(365);
    }
  });

  it('grants the execution role exactly its secret, key, log groups and repository', () => {
    const key = rt.one('aws:kms/key:Key').state.arn as string;
    const logs =
      `arn:${rt.partition}:logs:${region}:${rt.accountId}:` + 'log-group:/phi-platform/ecs/api';
    expect(policyOf(rt, 'api-execution-policy')).toEqual(
      expectedExecutionStatements({
        secretArns: [inputs.databasePasswordSecretArn],
        keyArn: key,
        region,
        dnsSuffix: rt.dnsSuffix,
        logGroupArn: logs,
        repositoryArn: `arn:${rt.partition}:ecr:${region}:${rt.accountId}:repository/api`,
      }),
    );
    // Without taskRoleStatements the task role has no policy at all.
    expect(
      rt
        .byType('aws:iam/policy:Policy')
        .map((p) => p.name)
        .sort(),
    ).toEqual(['api-execution-policy', 'api-infrastructure-policy']);
  });

  it('lets the infrastructure role use exactly the TLS key, through its own attached policy', () => {
    const key = rt.one('aws:kms/key:Key').state.arn as string;
    expect(key).toMatch(new RegExp(`^arn:${rt.partition}:kms:${region}:${rt.accountId}:key/`));
    expect(policyOf(rt, 'api-infrastructure-policy')).toEqual([
      {
        Sid: 'UseServiceConnectTlsKey',
        Effect: 'Allow',
        Action: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:GenerateDataKey',
          'kms:GenerateDataKeyPair',
          'kms:DescribeKey',
        ],
        Resource: key,
      },
    ]);
    const attachment = rt.one(
      'aws:iam/rolePolicyAttachment:RolePolicyAttachment',
      'api-infrastructure-policy',
    );
    expect(attachment.inputs).toEqual({
      role: rt.one('aws:iam/role:Role', 'api-infrastructure-role').state.name,
      policyArn: rt.one('aws:iam/policy:Policy', 'api-infrastructure-policy').state.arn,
    });
    expect(rt.one('aws:ecs/service:Service').dependsOn).toContain(attachment.urn);
  });

  it('trusts ECS tasks of this account for both task roles, and ECS for the TLS role', () => {
    const trust = (name: string): PolicyStatement[] => [
      ...parsePolicyDocument(rt.one('aws:iam/role:Role', name).inputs.assumeRolePolicy as string)
        .Statement,
    ];
    const tasks = [
      {
        Sid: 'EcsTasksOfThisAccount',
        Effect: 'Allow',
        Principal: { Service: 'ecs-tasks.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': rt.accountId },
          ArnLike: { 'aws:SourceArn': `arn:${rt.partition}:ecs:${region}:${rt.accountId}:*` },
        },
      },
    ];
    expect(trust('api-execution-role')).toEqual(tasks);
    expect(trust('api-task-role')).toEqual(tasks);
    expect(trust('api-infrastructure-role')).toEqual([
      {
        Sid: 'EcsOfThisAccount',
        Effect: 'Allow',
        Principal: { Service: 'ecs.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': rt.accountId } },
      },
    ]);
    expect(
      rt.one('aws:iam/rolePolicyAttachment:RolePolicyAttachment', 'api-infrastructure-tls').inputs
        .policyArn,
    ).toBe(
      `arn:${rt.partition}:iam::aws:policy/service-role/` +
        'AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity',
    );
  });

  it('runs the service privately with Service Connect TLS, after its roles are attached', () => {
    const service = rt.one('aws:ecs/service:Service');
    const infraRole = rt.one('aws:iam/role:Role', 'api-infrastructure-role');
    const sg = rt.one('aws:ec2/securityGroup:SecurityGroup', 'api-traffic-sg');
    expect(service.inputs).toMatchObject({
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      enableExecuteCommand: false,
      propagateTags: 'SERVICE',
      deploymentCircuitBreaker: { enable: true, rollback: true },
      networkConfiguration: {
        assignPublicIp: false,
        subnets: inputs.privateSubnetIds,
        securityGroups: [sg.id],
      },
      loadBalancers: [
        {
          targetGroupArn: rt.one('aws:lb/targetGroup:TargetGroup').state.arn,
          containerName: 'app',
          containerPort: 443,
        },
      ],
    });
    const sc = service.inputs.serviceConnectConfiguration as Record<string, unknown>;
    expect(sc.enabled).toBe(true);
    expect(sc.namespace).toBe(rt.one('aws:servicediscovery/httpNamespace:HttpNamespace').state.arn);
    expect(sc.services).toEqual([
      {
        portName: 'https',
        discoveryName: 'api',
        clientAlias: [{ port: 443, dnsName: 'api' }],
        tls: {
          issuerCertAuthority: { awsPcaAuthorityArn: inputs.certificateAuthorityArn },
          kmsKey: rt.one('aws:kms/key:Key').state.arn,
          roleArn: infraRole.state.arn,
        },
      },
    ]);
    expect(sc.logConfiguration).toEqual({
      logDriver: 'awslogs',
      options: {
        'awslogs-group': '/phi-platform/ecs/api/service-connect',
        'awslogs-region': region,
        'awslogs-stream-prefix': 'service-connect',
      },
    });
    const attachment = rt.one(
      'aws:iam/rolePolicyAttachment:RolePolicyAttachment',
      'api-infrastructure-tls',
    );
    expect(service.dependsOn).toContain(attachment.urn);
  });

  it('admits nothing but 443 anywhere, and the internet only at the load balancer', () => {
    const ingress = rt.byType('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule');
    expect(ingress.length).toBeGreaterThan(0);
    for (const rule of ingress) {
      expect(rule.inputs).toMatchObject({ ipProtocol: 'tcp', fromPort: 443, toPort: 443 });
    }
    const open = ingress.filter((r) => r.inputs.cidrIpv4 || r.inputs.cidrIpv6);
    expect(open.map((r) => r.name).sort()).toEqual([
      'public-traffic-internet-ipv4',
      'public-traffic-internet-ipv6',
    ]);
    expect(rt.byType('aws:ec2/securityGroup:SecurityGroup').every((g) => !g.inputs.ingress)).toBe(
      true,
    );
  });

  it('serves HTTPS only at the load balancer and speaks HTTPS to the tasks', () => {
    expect(rt.one('aws:lb/loadBalancer:LoadBalancer').inputs).toMatchObject({
      internal: false,
      loadBalancerType: 'application',
      dropInvalidHeaderFields: true,
      enableDeletionProtection: true,
      subnets: inputs.publicSubnetIds,
      accessLogs: { enabled: true, bucket: 'phi-alb-logs', prefix: 'public' },
    });
    const listeners = rt.byType('aws:lb/listener:Listener');
    expect(listeners.map((l) => [l.inputs.port, l.inputs.protocol])).toEqual([[443, 'HTTPS']]);
    expect(listeners[0]?.inputs).toMatchObject({
      certificateArn: inputs.certificateArn,
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    });
    expect(rt.one('aws:lb/targetGroup:TargetGroup').inputs).toMatchObject({
      protocol: 'HTTPS',
      port: 443,
      targetType: 'ip',
      healthCheck: { protocol: 'HTTPS', path: '/health' },
    });
    expect(rt.one('aws:wafv2/webAclAssociation:WebAclAssociation').inputs).toEqual(
      expect.objectContaining({
        resourceArn: rt.one('aws:lb/loadBalancer:LoadBalancer').state.arn,
        webAclArn: inputs.webAclArn,
      }),
    );
    const albEgress = rt.one(
      'aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule',
      'public-traffic-to-api',
    );
    expect(albEgress.inputs).toMatchObject({
      fromPort: 443,
      toPort: 443,
      referencedSecurityGroupId: rt.one('aws:ec2/securityGroup:SecurityGroup', 'api-traffic-sg').id,
    });
  });

  it('turns Container Insights on and sets the namespace as the cluster default', () => {
    const cluster: RecordedResource = rt.one('aws:ecs/cluster:Cluster');
    expect(cluster.inputs).toMatchObject({
      name: 'apps',
      settings: [{ name: 'containerInsights', value: 'enabled' }],
      serviceConnectDefaults: {
        namespace: rt.one('aws:servicediscovery/httpNamespace:HttpNamespace').state.arn,
      },
    });
    expect(cluster.inputs.configuration).toBeUndefined();
  });
});
