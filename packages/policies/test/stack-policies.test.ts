/**
 * Cross-resource (stack) policies over small hand-built graphs: a compliant graph and a
 * deliberately broken variant each, with the message the finding must carry.
 */
import { evaluatePolicies, PlanResource, policyById, RESOURCE_TYPES as T } from '../src';
import { arn, json, KEY_ARN, res } from './fixtures';

const CTX = { region: 'us-east-1', partition: 'aws', accountId: '123456789012', stack: 'test' };

function run(id: string, resources: PlanResource[]) {
  const policy = policyById(id);
  if (!policy) throw new Error(`no policy ${id}`);
  return evaluatePolicies(resources, { ...CTX, policies: [policy], waivers: [] }).violations;
}

const withState = (r: PlanResource, state: Record<string, unknown>): PlanResource => ({
  ...r,
  state,
});

function key(statements: unknown[]): PlanResource {
  return withState(
    res(T.kmsKey, 'key', { policy: json({ Version: '2012-10-17', Statement: statements }) }),
    { arn: KEY_ARN },
  );
}

const ROOT = {
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::123456789012:root' },
  Action: 'kms:*',
  Resource: '*',
};
const LOGS = {
  Effect: 'Allow',
  Principal: { Service: 'logs.us-east-1.amazonaws.com' },
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
      'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:us-east-1:123456789012:log-group:*',
    },
  },
};
const via = (service: string) => ({
  Effect: 'Allow',
  Principal: { AWS: '*' },
  Action: [
    'kms:Encrypt',
    'kms:Decrypt',
    'kms:ReEncrypt*',
    'kms:GenerateDataKey*',
    'kms:DescribeKey',
  ],
  Resource: '*',
  Condition: {
    StringEquals: {
      'kms:CallerAccount': '123456789012',
      'kms:ViaService': `${service}.us-east-1.amazonaws.com`,
    },
  },
});

describe('XR-01 key policy versus log groups', () => {
  const group = res(T.logGroup, 'app-logs', {
    name: '/app',
    kmsKeyId: KEY_ARN,
    retentionInDays: 365,
  });
  it('passes when the key admits the regional logs principal for the group', () => {
    expect(run('XR-01', [key([ROOT, LOGS]), group])).toEqual([]);
  });
  it('reports a key whose logs statement is for another region', () => {
    const west = { ...LOGS, Principal: { Service: 'logs.us-west-2.amazonaws.com' } };
    expect(run('XR-01', [key([ROOT, west]), group])).toEqual([
      expect.objectContaining({
        level: 'mandatory',
        urn: group.urn,
        message: expect.stringMatching(
          /^key key does not admit logs.us-east-1.amazonaws.com for arn:aws:logs:us-east-1:123456789012:log-group:\/app\. Fix:/,
        ) as unknown,
      }),
    ]);
  });
  it('reports a logs statement scoped to other log groups', () => {
    const other = {
      ...LOGS,
      Condition: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn':
            'arn:aws:logs:us-east-1:123456789012:log-group:/other*',
        },
      },
    };
    expect(run('XR-01', [key([ROOT, other]), group])[0]?.message).toMatch(/does not admit/);
  });
  it('reports a log group whose key is not declared as advisory, not as a pass', () => {
    const foreign = res(T.logGroup, 'x', { name: '/x', kmsKeyId: arn('kms', 'key/other') });
    expect(run('XR-01', [key([ROOT, LOGS]), foreign])).toEqual([
      expect.objectContaining({
        level: 'advisory',
        message: expect.stringMatching(/not declared here/) as unknown,
      }),
    ]);
  });
});

describe('XR-05 keys admit the data services', () => {
  const cluster = res(T.rdsCluster, 'db', {
    kmsKeyId: KEY_ARN,
    manageMasterUserPassword: true,
    masterUserSecretKmsKeyId: KEY_ARN,
  });
  it('passes with ViaService statements for rds and secretsmanager', () => {
    expect(run('XR-05', [key([ROOT, via('rds'), via('secretsmanager')]), cluster])).toEqual([]);
  });
  it('reports a key that never names rds', () => {
    const found = run('XR-05', [key([ROOT, via('secretsmanager')]), cluster]);
    expect(found.map((v) => v.message)).toEqual([
      expect.stringMatching(
        /^key key \(kmsKeyId\) does not admit rds.us-east-1.amazonaws.com through kms:ViaService/,
      ),
    ]);
  });
});

describe('LOG-04 implicit log groups are declared', () => {
  const cluster = res(T.rdsCluster, 'db', {
    clusterIdentifier: 'phi-db',
    enabledCloudwatchLogsExports: ['postgresql'],
  });
  it('passes when /aws/rds/cluster/<id>/postgresql exists', () => {
    const group = res(T.logGroup, 'pg', { name: '/aws/rds/cluster/phi-db/postgresql' });
    expect(run('LOG-04', [cluster, group])).toEqual([]);
  });
  it('reports the missing export group', () => {
    expect(run('LOG-04', [cluster])[0]?.message).toMatch(
      /^the postgresql log export would go to undeclared log group \/aws\/rds\/cluster\/phi-db\/postgresql/,
    );
  });
});

describe('XR-03 execution role versus secrets and key', () => {
  const secretArn = arn('secretsmanager', 'secret:db-AbCdEf');
  const role = withState(res(T.role, 'exec', { assumeRolePolicy: '{}' }), {
    arn: 'arn:aws:iam::123456789012:role/exec',
    name: 'exec',
  });
  const task = res(T.taskDefinition, 'task', {
    executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
    containerDefinitions: json([
      {
        name: 'app',
        secrets: [{ name: 'DB', valueFrom: `${secretArn}:password::` }],
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/app' } },
      },
    ]),
  });
  const policy = (statements: unknown[]) =>
    withState(
      res(T.iamPolicy, 'exec-policy', {
        policy: json({ Version: '2012-10-17', Statement: statements }),
      }),
      {
        arn: 'arn:aws:iam::123456789012:policy/exec-policy',
      },
    );
  const attach = res(T.rolePolicyAttachment, 'exec-attach', {
    role: 'exec',
    policyArn: 'arn:aws:iam::123456789012:policy/exec-policy',
  });
  const least = [
    { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [secretArn] },
    {
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: KEY_ARN,
      Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } },
    },
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: [arn('logs', 'log-group:/app'), arn('logs', 'log-group:/app:*')],
    },
  ];
  it('passes a least-privilege execution policy', () => {
    expect(run('XR-03', [key([ROOT]), role, task, policy(least), attach])).toEqual([]);
  });
  it('reports reading another secret and decrypting without ViaService', () => {
    const broad = [
      {
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: [secretArn, arn('secretsmanager', 'secret:other-XyZ123')],
      },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY_ARN },
    ];
    expect(
      run('XR-03', [key([ROOT]), role, task, policy(broad), attach]).map(
        (v) => v.message.split('. Fix')[0],
      ),
    ).toEqual([
      `execution role exec reads secrets the task does not use: ${arn('secretsmanager', 'secret:other-XyZ123')}`,
      'execution role exec decrypts without kms:ViaService = Secrets Manager of this region',
    ]);
  });
  it('reports a key that admits neither the account nor the role', () => {
    const found = run('XR-03', [key([LOGS]), role, task, policy(least), attach]);
    expect(found.map((v) => v.message.split('. Fix')[0])).toEqual([
      'key key does not admit role exec for kms:Decrypt: the key policy neither names the ' +
        'role for kms:Decrypt nor delegates them to the root of account 123456789012',
    ]);
  });
  it('reports a key that delegates only to another account', () => {
    const foreign = { ...ROOT, Principal: { AWS: 'arn:aws:iam::999999999999:root' } };
    const found = run('XR-03', [key([foreign]), role, task, policy(least), attach]);
    expect(found.map((v) => v.message.split('. Fix')[0])).toEqual([
      'key key does not admit role exec for kms:Decrypt: the key policy neither names the ' +
        'role for kms:Decrypt nor delegates them to the root of account 123456789012',
    ]);
  });
});

describe('XR-09 security-group graph', () => {
  const sg = (name: string) =>
    withState(res(T.securityGroup, name, { vpcId: 'vpc-1' }), { id: `sg-${name}` });
  const [albSg, taskSg, dbSg] = [sg('alb'), sg('task'), sg('db')];
  const lb = res(T.loadBalancer, 'alb', { securityGroups: ['sg-alb'] });
  const svc = res(T.ecsService, 'svc', { networkConfiguration: { securityGroups: ['sg-task'] } });
  const db = res(T.rdsCluster, 'db', { vpcSecurityGroupIds: ['sg-db'] });
  const rule = (name: string, inputs: Record<string, unknown>) =>
    res(T.ingressRule, name, { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ...inputs });
  const base = [albSg, taskSg, dbSg, lb, svc, db];
  it('passes internet 443 on the ALB group and 5432 from the task group on the database', () => {
    const rules = [
      rule('alb-in', { securityGroupId: 'sg-alb', cidrIpv4: '0.0.0.0/0' }),
      rule('db-in', {
        securityGroupId: 'sg-db',
        fromPort: 5432,
        toPort: 5432,
        referencedSecurityGroupId: 'sg-task',
      }),
    ];
    expect(run('XR-09', [...base, ...rules])).toEqual([]);
  });
  it('reports internet ingress on the task group and a database port range', () => {
    const rules = [
      rule('task-in', { securityGroupId: 'sg-task', cidrIpv4: '0.0.0.0/0' }),
      rule('db-in', {
        securityGroupId: 'sg-db',
        fromPort: 0,
        toPort: 65535,
        referencedSecurityGroupId: 'sg-alb',
      }),
    ];
    expect(run('XR-09', [...base, ...rules]).map((v) => v.message.split('. Fix')[0])).toEqual([
      'task admits the internet (tcp/443) but is not the internet-facing load balancer group on tcp/443',
      'the database group admits tcp/0-65535, not only 5432',
      'the database group admits alb, which no ECS service uses',
    ]);
  });
});

describe('XR-10 subnet placement', () => {
  const subnet = (name: string) =>
    withState(res(T.subnet, name, { vpcId: 'vpc-1' }), { id: `subnet-${name}` });
  const table = (name: string) =>
    withState(res(T.routeTable, name, { vpcId: 'vpc-1' }), { id: `rtb-${name}` });
  const assoc = (s: string, t: string) =>
    res(T.routeTableAssociation, `${s}-${t}`, {
      subnetId: `subnet-${s}`,
      routeTableId: `rtb-${t}`,
    });
  const graph = [
    subnet('pub'),
    subnet('priv'),
    subnet('iso'),
    table('public'),
    table('private'),
    table('isolated'),
    assoc('pub', 'public'),
    assoc('priv', 'private'),
    assoc('iso', 'isolated'),
    res(T.route, 'public-default', {
      routeTableId: 'rtb-public',
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: 'igw-1',
    }),
    res(T.route, 'private-default', {
      routeTableId: 'rtb-private',
      destinationCidrBlock: '0.0.0.0/0',
      natGatewayId: 'nat-1',
    }),
  ];
  it('passes tasks in private and databases in isolated subnets', () => {
    const svc = res(T.ecsService, 'svc', { networkConfiguration: { subnets: ['subnet-priv'] } });
    const dbSubnets = res(T.rdsSubnetGroup, 'db', { subnetIds: ['subnet-iso'] });
    expect(run('XR-10', [...graph, svc, dbSubnets])).toEqual([]);
  });
  it('reports tasks in a public subnet and a cache in a private one', () => {
    const svc = res(T.ecsService, 'svc', { networkConfiguration: { subnets: ['subnet-pub'] } });
    const cacheSubnets = res(T.cacheSubnetGroup, 'cache', { subnetIds: ['subnet-priv'] });
    expect(
      run('XR-10', [...graph, svc, cacheSubnets]).map((v) => v.message.split('. Fix')[0]),
    ).toEqual([
      'ECS tasks use public subnet pub',
      'a data store subnet group use private subnet priv',
    ]);
  });
});

describe('XR-06 Aurora cluster parameter group', () => {
  const group = (inputs: Record<string, unknown>, stateName?: string) =>
    withState(
      res(T.rdsClusterParameterGroup, 'db-params', {
        family: 'aurora-postgresql16',
        parameters: [{ name: 'rds.force_ssl', value: '1', applyMethod: 'pending-reboot' }],
        ...inputs,
      }),
      stateName ? { id: stateName, name: stateName } : {},
    );
  const cluster = (groupName: string, engineVersion = '16.4') =>
    res(T.rdsCluster, 'db', {
      engine: 'aurora-postgresql',
      engineVersion,
      dbClusterParameterGroupName: groupName,
    });
  const messages = (resources: PlanResource[]) =>
    run('XR-06', resources).map((v) => v.message.split('. Fix')[0]);
  it.each<[string, PlanResource[], string[]]>([
    [
      'a declared group (by name input) with force_ssl and family',
      [group({ name: 'pg16' }), cluster('pg16')],
      [],
    ],
    [
      'a declared group (by physical name)',
      [group({}, 'db-params-1a2b'), cluster('db-params-1a2b')],
      [],
    ],
    [
      'a group that is not declared',
      [group({}, 'db-params-1a2b'), cluster('elsewhere')],
      ['parameter group elsewhere is not declared in this program'],
    ],
    [
      'no group declared at all',
      [cluster('default.aurora-postgresql16')],
      ['parameter group default.aurora-postgresql16 is not declared in this program'],
    ],
    [
      'a group without rds.force_ssl',
      [
        group({ name: 'pg16', parameters: [{ name: 'log_connections', value: '1' }] }),
        cluster('pg16'),
      ],
      ['parameter group db-params sets rds.force_ssl to (unset), not 1'],
    ],
    [
      'a group with rds.force_ssl = 0',
      [
        group({ name: 'pg16', parameters: [{ name: 'rds.force_ssl', value: '0' }] }),
        cluster('pg16'),
      ],
      ['parameter group db-params sets rds.force_ssl to "0", not 1'],
    ],
    [
      'a family of another major version',
      [group({ name: 'pg16' }), cluster('pg16', '15.8')],
      [
        'parameter group db-params has family "aurora-postgresql16"; aurora-postgresql 15.8 ' +
          'needs aurora-postgresql15',
      ],
    ],
  ])('%s', (_case, resources, expected) => {
    expect(messages(resources)).toEqual(expected);
  });
});

describe('XR-12 Service Connect TLS', () => {
  const trust = json({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'ecs.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  });
  const role = withState(res(T.role, 'tls', { assumeRolePolicy: trust }), {
    arn: 'arn:aws:iam::123456789012:role/tls',
    name: 'tls',
  });
  const managed = res(T.rolePolicyAttachment, 'tls-managed', {
    role: 'tls',
    policyArn:
      'arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity',
  });
  const svc = (pca: string) =>
    res(T.ecsService, `svc-${pca}`, {
      serviceConnectConfiguration: {
        enabled: true,
        services: [
          {
            portName: 'https',
            tls: {
              issuerCertAuthority: {
                awsPcaAuthorityArn: arn('acm-pca', `certificate-authority/${pca}`),
              },
              kmsKey: KEY_ARN,
              roleArn: 'arn:aws:iam::123456789012:role/tls',
            },
          },
        ],
      },
    });
  const TLS_ACTIONS = [
    'kms:Encrypt',
    'kms:Decrypt',
    'kms:GenerateDataKey',
    'kms:GenerateDataKeyPair',
    'kms:DescribeKey',
  ];
  const keyGrant = (resource: string) => [
    withState(
      res(T.iamPolicy, 'tls-key', {
        policy: json({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: TLS_ACTIONS, Resource: resource }],
        }),
      }),
      { arn: 'arn:aws:iam::123456789012:policy/tls-key' },
    ),
    res(T.rolePolicyAttachment, 'tls-key', {
      role: 'tls',
      policyArn: 'arn:aws:iam::123456789012:policy/tls-key',
    }),
  ];
  const namedInKey = {
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::123456789012:role/tls' },
    Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyPair'],
    Resource: '*',
  };
  const foreignRoot = { ...ROOT, Principal: { AWS: 'arn:aws:iam::999999999999:root' } };
  const other = arn('kms', 'key/ffffffff-0000-4000-8000-000000000000');
  const missing = 'kms:Encrypt, kms:Decrypt, kms:GenerateDataKey, kms:GenerateDataKeyPair';
  const refused = `key key does not admit role tls for ${missing}: `;
  it.each<[string, unknown[], PlanResource[], string[]]>([
    ['the key policy names the role', [namedInKey], [], []],
    ['root delegation plus the role policy on the key', [ROOT], keyGrant(KEY_ARN), []],
    [
      'root delegation plus a role policy on another key',
      [ROOT],
      keyGrant(other),
      [
        refused +
          `the key policy delegates to account 123456789012, but no IAM policy of the role ` +
          `grants ${missing} on this key's ARN`,
      ],
    ],
    [
      'a foreign account root, even with the role policy on the key',
      [foreignRoot],
      keyGrant(KEY_ARN),
      [
        refused +
          `the key policy neither names the role for ${missing} nor delegates them to the ` +
          'root of account 123456789012',
      ],
    ],
    [
      'root delegation alone',
      [ROOT],
      [],
      [
        refused +
          `the key policy delegates to account 123456789012, but no IAM policy of the role ` +
          `grants ${missing} on this key's ARN`,
      ],
    ],
  ])('key access: %s', (_case, statements, extra, messages) => {
    expect(
      run('XR-12', [key(statements), role, managed, ...extra, svc('a')]).map(
        (v) => v.message.split('. Fix')[0],
      ),
    ).toEqual(messages);
  });
  it('passes one CA, a declared key and the ECS infrastructure role', () => {
    expect(
      run('XR-12', [key([ROOT]), role, managed, ...keyGrant(KEY_ARN), svc('a'), svc('a')]),
    ).toEqual([]);
  });
  it('reports two CAs and a role without the managed policy', () => {
    expect(
      run('XR-12', [key([ROOT]), role, ...keyGrant(KEY_ARN), svc('a'), svc('b')]).map(
        (v) => v.message.split('. Fix')[0],
      ),
    ).toEqual([
      'TLS role tls lacks service-role/AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity',
      'TLS role tls lacks service-role/AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity',
      'Service Connect TLS uses 2 different Private CAs',
    ]);
  });
});

describe('single-pairing stack policies', () => {
  const vpc = withState(res(T.vpc, 'vpc', { cidrBlock: '10.0.0.0/16' }), { id: 'vpc-1' });
  it.each([
    ['VPC-01', [vpc, res(T.flowLog, 'fl', { vpcId: 'vpc-1' })], [vpc], /^the VPC has no flow log/],
    [
      'VPC-03',
      [vpc, res(T.defaultSecurityGroup, 'd', { vpcId: 'vpc-1', ingress: [], egress: [] })],
      [
        vpc,
        res(T.defaultSecurityGroup, 'd', {
          vpcId: 'vpc-1',
          ingress: [{ protocol: '-1' }],
          egress: [],
        }),
      ],
      /keeps 1 ingress rule/,
    ],
    [
      'SM-02',
      [
        withState(res(T.secret, 's', {}), { arn: 'arn:s' }),
        res(T.secretRotation, 'r', { secretId: 'arn:s' }),
      ],
      [res(T.secret, 's', {})],
      /^the secret is never rotated/,
    ],
    [
      'RDS-11',
      [
        withState(res(T.rdsCluster, 'c', {}), { id: 'c1' }),
        res(T.rdsClusterInstance, 'w', { clusterIdentifier: 'c1' }),
        res(T.rdsClusterInstance, 'r', { clusterIdentifier: 'c1' }),
      ],
      [
        withState(res(T.rdsCluster, 'c', {}), { id: 'c1' }),
        res(T.rdsClusterInstance, 'w', { clusterIdentifier: 'c1' }),
      ],
      /^the cluster has 1 instance\(s\)/,
    ],
    [
      'ALB-06',
      [
        withState(res(T.loadBalancer, 'lb', {}), { arn: 'arn:lb' }),
        res(T.wafAssociation, 'waf', { resourceArn: 'arn:lb' }),
      ],
      [withState(res(T.loadBalancer, 'lb', {}), { arn: 'arn:lb' })],
      /no WAF web ACL/,
    ],
  ] as const)('%s', (id, good, bad, message) => {
    expect(run(id, [...good])).toEqual([]);
    const found = run(id, [...bad]);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toMatch(message);
    expect(found[0]?.level).toBe('mandatory');
  });
});
