/**
 * Table tests: for every resource policy a compliant and a violating input, with the message
 * the violation must carry.
 */
import { evaluatePolicies, policyById, PolicyResult, RESOURCE_TYPES as T } from '../src';
import { arn, json, KEY_ARN, res } from './fixtures';

function run(
  id: string,
  type: string,
  inputs: Record<string, unknown>,
  secretPaths?: string[],
): PolicyResult {
  const policy = policyById(id);
  if (!policy) throw new Error(`no policy ${id}`);
  return evaluatePolicies([res(type, 'subject', inputs, { secretPaths })], {
    policies: [policy],
    waivers: [],
    region: 'us-east-1',
    partition: 'aws',
    accountId: '123456789012',
  });
}

const keyPolicy = (statements: unknown[]) => json({ Version: '2012-10-17', Statement: statements });
const rootStatement = {
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::123456789012:root' },
  Action: 'kms:*',
  Resource: '*',
};
const doc = (statement: Record<string, unknown>) =>
  json({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] });
const container = (overrides: Record<string, unknown> = {}) => ({
  name: 'app',
  image: 'app:1',
  user: '1000:1000',
  readonlyRootFilesystem: true,
  privileged: false,
  portMappings: [{ name: 'https', containerPort: 443, protocol: 'tcp' }],
  logConfiguration: {
    logDriver: 'awslogs',
    options: { 'awslogs-group': '/app', 'awslogs-region': 'us-east-1' },
  },
  secrets: [{ name: 'DB_PASSWORD', valueFrom: arn('secretsmanager', 'secret:db-AbCdEf') }],
  environment: [{ name: 'LOG_LEVEL', value: 'info' }],
  ...overrides,
});
const task = (
  containerOverrides: Record<string, unknown> = {},
  inputs: Record<string, unknown> = {},
) => ({
  family: 'app',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
  taskRoleArn: 'arn:aws:iam::123456789012:role/task',
  containerDefinitions: json([container(containerOverrides)]),
  ...inputs,
});
const sgRule = (inputs: Record<string, unknown>) => ({
  securityGroupId: 'sg-0123456789abcdef0',
  ipProtocol: 'tcp',
  fromPort: 443,
  toPort: 443,
  ...inputs,
});
const cluster = (inputs: Record<string, unknown> = {}) => ({
  engine: 'aurora-postgresql',
  storageEncrypted: true,
  kmsKeyId: KEY_ARN,
  backupRetentionPeriod: 30,
  preferredBackupWindow: '03:00-04:00',
  deletionProtection: true,
  finalSnapshotIdentifier: 'final',
  enabledCloudwatchLogsExports: ['postgresql'],
  manageMasterUserPassword: true,
  masterUserSecretKmsKeyId: KEY_ARN,
  dbClusterParameterGroupName: 'phi-db-params',
  dbSubnetGroupName: 'phi-db',
  vpcSecurityGroupIds: ['sg-0123456789abcdef0'],
  ...inputs,
});
const cache = (inputs: Record<string, unknown> = {}) => ({
  atRestEncryptionEnabled: true,
  kmsKeyId: KEY_ARN,
  transitEncryptionEnabled: true,
  transitEncryptionMode: 'required',
  authToken: 'x'.repeat(32),
  subnetGroupName: 'phi-cache',
  securityGroupIds: ['sg-0123456789abcdef0'],
  snapshotRetentionLimit: 15,
  ...inputs,
});
const service = (inputs: Record<string, unknown> = {}) => ({
  launchType: 'FARGATE',
  networkConfiguration: { assignPublicIp: false, subnets: ['subnet-1'], securityGroups: ['sg-1'] },
  serviceConnectConfiguration: {
    enabled: true,
    services: [
      {
        portName: 'https',
        tls: {
          issuerCertAuthority: { awsPcaAuthorityArn: arn('acm-pca', 'certificate-authority/x') },
          kmsKey: KEY_ARN,
          roleArn: 'arn:aws:iam::123456789012:role/sc-tls',
        },
      },
    ],
  },
  ...inputs,
});

type Row = [
  id: string,
  type: string,
  good: Record<string, unknown>,
  bad: Record<string, unknown>,
  message: RegExp,
  badSecretPaths?: string[],
];

const ROWS: Row[] = [
  [
    'KMS-01',
    T.kmsKey,
    { enableKeyRotation: true, rotationPeriodInDays: 365 },
    { enableKeyRotation: false },
    /key rotation is disabled/,
  ],
  [
    'KMS-01',
    T.kmsKey,
    { enableKeyRotation: true },
    { enableKeyRotation: true, rotationPeriodInDays: 730 },
    /rotationPeriodInDays is 730/,
  ],
  [
    'KMS-02',
    T.kmsKey,
    {
      policy: keyPolicy([
        rootStatement,
        {
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: { StringEquals: { 'kms:CallerAccount': '123456789012' } },
        },
      ]),
    },
    {
      policy: keyPolicy([
        rootStatement,
        { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' },
      ]),
    },
    /statement #2 of the key policy allows any principal/,
  ],
  [
    'KMS-03',
    T.kmsKey,
    {
      policy: keyPolicy([
        rootStatement,
        {
          Effect: 'Allow',
          Principal: { Service: 'logs.us-east-1.amazonaws.com' },
          Action: 'kms:Encrypt*',
          Resource: '*',
          Condition: {
            ArnLike: {
              'kms:EncryptionContext:aws:logs:arn':
                'arn:aws:logs:us-east-1:123456789012:log-group:*',
            },
          },
        },
      ]),
    },
    {
      policy: keyPolicy([
        rootStatement,
        {
          Sid: 'Logs',
          Effect: 'Allow',
          Principal: { Service: 'logs.us-east-1.amazonaws.com' },
          Action: 'kms:Encrypt*',
          Resource: '*',
        },
      ]),
    },
    /statement "Logs" grants logs.us-east-1.amazonaws.com use of the key without a scoping condition/,
  ],
  [
    'KMS-03',
    T.kmsKey,
    { policy: keyPolicy([rootStatement]) },
    {},
    /the key has no explicit policy/,
  ],
  [
    'KMS-04',
    T.kmsKey,
    { bypassPolicyLockoutSafetyCheck: false },
    { bypassPolicyLockoutSafetyCheck: true },
    /bypassPolicyLockoutSafetyCheck is true/,
  ],
  [
    'KMS-05',
    T.kmsKey,
    { deletionWindowInDays: 30 },
    { deletionWindowInDays: 7 },
    /deletionWindowInDays is 7/,
  ],
  ['KMS-05', T.kmsKey, { isEnabled: true }, { isEnabled: false }, /the key is disabled/],
  [
    'VPC-02',
    T.flowLog,
    {
      trafficType: 'ALL',
      logDestination: arn('logs', 'log-group:/vpc'),
      iamRoleArn: 'arn:aws:iam::123456789012:role/fl',
    },
    { trafficType: 'REJECT', logDestination: 'x', iamRoleArn: 'y' },
    /trafficType is "REJECT", not ALL/,
  ],
  [
    'VPC-04',
    T.subnet,
    { mapPublicIpOnLaunch: false },
    { mapPublicIpOnLaunch: true },
    /mapPublicIpOnLaunch is true/,
  ],
  [
    'VPC-05',
    T.route,
    { destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-0abc' },
    { destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-0abc' },
    /routes 0.0.0.0\/0 to internet gateway "igw-0abc"/,
  ],
  [
    'VPC-05',
    T.routeTable,
    { routes: [{ cidrBlock: '10.0.0.0/8', gatewayId: 'igw-0abc' }] },
    { routes: [{ ipv6CidrBlock: '::/0', gatewayId: 'igw-0abc' }] },
    /routes ::\/0 to internet gateway/,
  ],
  [
    'SG-01',
    T.ingressRule,
    sgRule({ referencedSecurityGroupId: 'sg-1' }),
    sgRule({ fromPort: 8080, toPort: 8080, cidrIpv4: '0.0.0.0/0' }),
    /rule admits the internet to tcp\/8080/,
  ],
  [
    'SG-01',
    T.ingressRule,
    sgRule({ cidrIpv4: '10.0.0.0/16' }),
    sgRule({ cidrIpv6: '::/0' }),
    /admits HTTPS \(tcp\/443\) from the internet/,
  ],
  [
    'SG-02',
    T.ingressRule,
    sgRule({ cidrIpv4: '0.0.0.0/0' }),
    sgRule({ fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' }),
    /admits the internet to port 22/,
  ],
  [
    'SG-02',
    T.securityGroup,
    { ingress: [{ protocol: 'tcp', fromPort: 5432, toPort: 5432, securityGroups: ['sg-1'] }] },
    { ingress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'] }] },
    /ingress\[0\] admits the internet to all protocols and ports/,
  ],
  [
    'SG-02',
    T.securityGroupRule,
    {
      type: 'ingress',
      protocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      sourceSecurityGroupId: 'sg-1',
      securityGroupId: 'sg-2',
    },
    {
      type: 'ingress',
      protocol: 'tcp',
      fromPort: 3000,
      toPort: 4000,
      cidrBlocks: ['0.0.0.0/0'],
      securityGroupId: 'sg-2',
    },
    /port 3306/,
  ],
  [
    'SG-03',
    T.ingressRule,
    sgRule({ referencedSecurityGroupId: 'sg-1' }),
    sgRule({ cidrIpv4: '10.0.1.0/24' }),
    /admits 10.0.1.0\/24 by CIDR \(tcp\/443\)/,
  ],
  [
    'SG-04',
    T.egressRule,
    sgRule({ referencedSecurityGroupId: 'sg-1' }),
    { securityGroupId: 'sg-1', ipProtocol: '-1', cidrIpv4: '0.0.0.0/0' },
    /lets all traffic out to the internet/,
  ],
  [
    'LOG-01',
    T.logGroup,
    { kmsKeyId: KEY_ARN },
    { kmsKeyId: 'alias/aws/logs' },
    /uses the AWS-managed key alias\/aws\/logs/,
  ],
  ['LOG-01', T.logGroup, { kmsKeyId: KEY_ARN }, { kmsKeyId: 'alias/phi' }, /a key ARN is required/],
  [
    'LOG-02',
    T.logGroup,
    { retentionInDays: 365 },
    { retentionInDays: 0 },
    /its records never expire/,
  ],
  [
    'LOG-03',
    T.logGroup,
    { retentionInDays: 2192 },
    { retentionInDays: 7 },
    /retentionInDays is 7, below 365/,
  ],
  [
    'IAM-01',
    T.iamPolicy,
    { policy: doc({ Action: 's3:GetObject', Resource: arn('s3', 'b/*') }) },
    { policy: doc({ Action: '*', Resource: '*' }) },
    /allows every action on every resource/,
  ],
  [
    'IAM-01',
    T.rolePolicyAttachment,
    { policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    { policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    /attaches AdministratorAccess/,
  ],
  [
    'IAM-02',
    T.rolePolicy,
    { policy: doc({ Action: 'kms:Decrypt', Resource: KEY_ARN }) },
    { policy: doc({ Action: 'kms:*', Resource: KEY_ARN }) },
    /allows kms:\*/,
  ],
  [
    'IAM-03',
    T.iamPolicy,
    { policy: doc({ Action: 'ecr:GetAuthorizationToken', Resource: '*' }) },
    { policy: doc({ Action: ['secretsmanager:GetSecretValue'], Resource: '*' }) },
    /grants secretsmanager:GetSecretValue on Resource "\*"/,
  ],
  [
    'IAM-04',
    T.iamPolicy,
    { policy: doc({ Action: 'kms:Decrypt', Resource: KEY_ARN }) },
    {
      policy: doc({
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': 'x' } },
      }),
    },
    /allows kms:Decrypt on every key/,
  ],
  [
    'IAM-05',
    T.role,
    { assumeRolePolicy: '{}' },
    { inlinePolicies: [{ name: 'x', policy: doc({ Action: 's3:GetObject', Resource: 'x' }) }] },
    /declares 1 inline policies/,
  ],
  [
    'IAM-06',
    T.rolePolicyAttachment,
    { policyArn: 'arn:aws-us-gov:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole' },
    { policyArn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' },
    /attaches the AWS-managed policy AmazonS3FullAccess/,
  ],
  [
    'IAM-07',
    T.role,
    {
      assumeRolePolicy: doc({
        Principal: { Service: 'ecs-tasks.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
      }),
    },
    {
      assumeRolePolicy: doc({
        Principal: { Service: 'ecs-tasks.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
    },
    /trusts ecs-tasks.amazonaws.com without aws:SourceAccount or aws:SourceArn/,
  ],
  [
    'IAM-07',
    T.role,
    {
      assumeRolePolicy: doc({
        Principal: { AWS: 'arn:aws:iam::123456789012:root' },
        Action: 'sts:AssumeRole',
      }),
    },
    { assumeRolePolicy: doc({ Principal: '*', Action: 'sts:AssumeRole' }) },
    /trusts every principal/,
  ],
  [
    'IAM-08',
    T.iamPolicy,
    { policy: doc({ Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/x' }) },
    { policy: doc({ Action: ['iam:AttachRolePolicy', 'iam:PassRole'], Resource: '*' }) },
    /grants iam:AttachRolePolicy, iam:PassRole on "\*"/,
  ],
  [
    'RDS-01',
    T.rdsCluster,
    cluster(),
    cluster({ storageEncrypted: false }),
    /storageEncrypted is false/,
  ],
  [
    'RDS-02',
    T.rdsCluster,
    cluster(),
    cluster({ kmsKeyId: undefined }),
    /the cluster has no kmsKeyId/,
  ],
  [
    'RDS-03',
    T.rdsCluster,
    cluster(),
    cluster({ backupRetentionPeriod: 7 }),
    /backupRetentionPeriod is 7/,
  ],
  [
    'RDS-05',
    T.rdsCluster,
    cluster(),
    cluster({ deletionProtection: false, skipFinalSnapshot: true }),
    /deletionProtection is false/,
  ],
  [
    'RDS-07',
    T.rdsCluster,
    cluster(),
    cluster({ enabledCloudwatchLogsExports: [] }),
    /no postgresql log/,
  ],
  [
    'RDS-09',
    T.rdsCluster,
    cluster(),
    cluster({ manageMasterUserPassword: false, masterPassword: 'hunter2hunter2' }),
    /masterPassword is stored in state in clear/,
    [],
  ],
  [
    'RDS-12',
    T.rdsCluster,
    cluster(),
    cluster({ dbClusterParameterGroupName: 'default.aurora-postgresql16' }),
    /dbClusterParameterGroupName is "default.aurora-postgresql16"/,
  ],
  [
    'RDS-13',
    T.rdsCluster,
    cluster(),
    cluster({ vpcSecurityGroupIds: [] }),
    /vpcSecurityGroupIds is empty/,
  ],
  [
    'RDSI-01',
    T.rdsClusterInstance,
    { publiclyAccessible: false },
    {},
    /publiclyAccessible is \(unset\)/,
  ],
  [
    'RDSI-04',
    T.rdsClusterInstance,
    { performanceInsightsEnabled: true, performanceInsightsKmsKeyId: KEY_ARN },
    { performanceInsightsEnabled: true },
    /Performance Insights has no performanceInsightsKmsKeyId/,
  ],
  [
    'PGP-01',
    T.rdsClusterParameterGroup,
    { parameters: [{ name: 'rds.force_ssl', value: '1' }] },
    { parameters: [{ name: 'rds.force_ssl', value: '0' }] },
    /rds.force_ssl is "0", not 1/,
  ],
  [
    'EC-01',
    T.replicationGroup,
    cache(),
    cache({ atRestEncryptionEnabled: false }),
    /atRestEncryptionEnabled is false/,
  ],
  [
    'EC-02',
    T.replicationGroup,
    cache(),
    cache({ kmsKeyId: 'alias/aws/elasticache' }),
    /AWS-managed key/,
  ],
  [
    'EC-03',
    T.replicationGroup,
    cache(),
    cache({ transitEncryptionMode: 'preferred' }),
    /transitEncryptionMode is "preferred"/,
  ],
  [
    'EC-04',
    T.replicationGroup,
    cache(),
    cache({ authToken: undefined }),
    /no userGroupIds and no authToken/,
  ],
  [
    'EC-04',
    T.replicationGroup,
    { userGroupIds: ['g'] },
    cache(),
    /authToken is stored in state in clear/,
    [],
  ],
  [
    'EC-05',
    T.replicationGroup,
    cache(),
    cache({ snapshotRetentionLimit: 1 }),
    /snapshotRetentionLimit is 1/,
  ],
  [
    'EC-07',
    T.replicationGroup,
    cache(),
    cache({ subnetGroupName: undefined }),
    /subnetGroupName is \(unset\)/,
  ],
  ['SM-01', T.secret, { kmsKeyId: KEY_ARN }, {}, /the secret has no kmsKeyId/],
  [
    'SM-06',
    T.secret,
    { kmsKeyId: KEY_ARN },
    { policy: doc({ Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }) },
    /statement #1 admits every principal/,
  ],
  [
    'SM-08',
    T.secretVersion,
    { secretId: 'x' },
    { secretId: 'x', secretString: 'plain' },
    /secretString is stored in state in clear/,
    [],
  ],
  ['TD-01', T.taskDefinition, task(), task({}, { networkMode: 'host' }), /networkMode is "host"/],
  [
    'TD-02',
    T.taskDefinition,
    task(),
    task({ readonlyRootFilesystem: false }),
    /container "app" has a writable root filesystem/,
  ],
  ['TD-03', T.taskDefinition, task(), task({ privileged: true }), /container "app" is privileged/],
  ['TD-04', T.taskDefinition, task(), task({ user: '0:0' }), /container "app" runs as root/],
  ['TD-05', T.taskDefinition, task(), task({}, { pidMode: 'host' }), /pidMode is host/],
  [
    'TD-06',
    T.taskDefinition,
    task(),
    task({
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': '/app', 'awslogs-region': 'eu-west-1' },
      },
    }),
    /logs to region eu-west-1, not the deploying region us-east-1/,
  ],
  [
    'TD-07',
    T.taskDefinition,
    task(),
    task({ environment: [{ name: 'DB_PASSWORD', value: 'x' }] }),
    /passes DB_PASSWORD in environment/,
  ],
  [
    'TD-08',
    T.taskDefinition,
    task(),
    task({}, { taskRoleArn: 'arn:aws:iam::123456789012:role/exec' }),
    /taskRoleArn equals executionRoleArn/,
  ],
  [
    'TD-11',
    T.taskDefinition,
    task(),
    task({}, { volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1' } }] }),
    /volume "data" has no EFS TLS/,
  ],
  [
    'TD-12',
    T.taskDefinition,
    task(),
    task({ portMappings: [{ containerPort: 8080 }] }),
    /listens on 8080, not 443/,
  ],
  [
    'SVC-01',
    T.ecsService,
    service(),
    service({
      networkConfiguration: { assignPublicIp: true, subnets: ['s'], securityGroups: ['g'] },
    }),
    /assignPublicIp is true/,
  ],
  ['SVC-02', T.ecsService, service(), service({ launchType: 'EC2' }), /launchType is "EC2"/],
  [
    'SVC-03',
    T.ecsService,
    service(),
    service({ serviceConnectConfiguration: { enabled: true, services: [{ portName: 'https' }] } }),
    /Service Connect port "https" has no TLS/,
  ],
  [
    'SVC-05',
    T.ecsService,
    service(),
    service({ enableExecuteCommand: true }),
    /ECS Exec is enabled/,
  ],
  [
    'ECS-01',
    T.ecsCluster,
    { settings: [{ name: 'containerInsights', value: 'enhanced' }] },
    {},
    /Container Insights is not enabled/,
  ],
  [
    'ALB-01',
    T.loadBalancer,
    { dropInvalidHeaderFields: true },
    {},
    /dropInvalidHeaderFields is \(unset\)/,
  ],
  [
    'ALB-02',
    T.loadBalancer,
    { accessLogs: { enabled: true, bucket: 'logs' } },
    { accessLogs: { enabled: false, bucket: 'logs' } },
    /access logs are not enabled/,
  ],
  ['ALB-03', T.loadBalancer, { enableDeletionProtection: true }, {}, /deletion protection is off/],
  [
    'LSN-01',
    T.listener,
    {
      protocol: 'HTTP',
      defaultActions: [
        { type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } },
      ],
    },
    { protocol: 'HTTP', defaultActions: [{ type: 'forward', targetGroupArn: 'x' }] },
    /serves traffic instead of redirecting/,
  ],
  [
    'LSN-02',
    T.listener,
    { protocol: 'HTTPS', port: 443, certificateArn: arn('acm', 'certificate/x') },
    { protocol: 'HTTPS', port: 8443, certificateArn: arn('acm', 'certificate/x') },
    /port is 8443, not 443/,
  ],
  [
    'LSN-03',
    T.listener,
    { protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' },
    { protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-2016-08' },
    /sslPolicy is "ELBSecurityPolicy-2016-08"/,
  ],
  [
    'TG-01',
    T.targetGroup,
    { protocol: 'HTTPS', port: 443, targetType: 'ip', healthCheck: { protocol: 'HTTPS' } },
    { protocol: 'HTTP', port: 443, targetType: 'ip', healthCheck: { protocol: 'HTTPS' } },
    /protocol is "HTTP", not "HTTPS"/,
  ],
  [
    'ACM-01',
    T.certificate,
    { validationMethod: 'DNS' },
    { validationMethod: 'EMAIL' },
    /validationMethod is "EMAIL"/,
  ],
  [
    'ACM-02',
    T.certificateAuthority,
    { certificateAuthorityConfiguration: { keyAlgorithm: 'EC_prime256v1' } },
    { certificateAuthorityConfiguration: { keyAlgorithm: 'RSA_1024' } },
    /keyAlgorithm is "RSA_1024"/,
  ],
];

describe.each(ROWS)('%s on %s', (id, type, good, bad, message, badSecretPaths) => {
  it('passes the compliant input', () => {
    const result = run(id, type, good, ['authToken', 'masterPassword', 'secretString']);
    expect(result.violations.filter((v) => v.level === 'mandatory' || v.policy === id)).toEqual([]);
  });

  it('reports the violating input with a remediation', () => {
    const result = run(id, type, bad, badSecretPaths);
    const found = result.violations.filter((v) => v.policy === id);
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((v) => v.message).join('\n')).toMatch(message);
    expect(found[0]?.message).toMatch(/\. Fix: .+/);
    expect(found[0]?.level).toBe(policyById(id)?.level);
    expect(found[0]?.urn).toBe(`urn:pulumi:test::proj::${type}::subject`);
  });
});

describe('TD-07 secrets come only from Secrets Manager', () => {
  const messages = (overrides: Record<string, unknown>) =>
    run('TD-07', T.taskDefinition, task(overrides)).violations.map(
      (v) => v.message.split('. Fix')[0],
    );
  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'a Secrets Manager ARN with a JSON key',
      { secrets: [{ name: 'DB', valueFrom: `${arn('secretsmanager', 'secret:db-AbCdEf')}:pw::` }] },
      [],
    ],
    [
      'an SSM parameter',
      { secrets: [{ name: 'DB', valueFrom: arn('ssm', 'parameter/db') }] },
      ['container "app" secret "DB" comes from service ssm, not a Secrets Manager ARN'],
    ],
    [
      'an SSM parameter in GovCloud',
      { secrets: [{ name: 'API', valueFrom: 'arn:aws-us-gov:ssm:us-gov-west-1:1:parameter/a' }] },
      ['container "app" secret "API" comes from service ssm, not a Secrets Manager ARN'],
    ],
    [
      'a bare parameter name',
      { secrets: [{ name: 'DB', valueFrom: 'db-password' }] },
      [
        'container "app" secret "DB" comes from "db-password" (not an ARN), not a Secrets Manager ARN',
      ],
    ],
    [
      'a database URL with user:password@ in environment',
      { environment: [{ name: 'DATABASE_URL', value: 'postgres://app:hunter2@db:5432/app' }] },
      [
        'container "app" passes "DATABASE_URL" in environment: its value is a URL with user:password@ ' +
          'credentials',
      ],
    ],
    [
      'a URL without credentials in environment',
      { environment: [{ name: 'DATABASE_URL', value: 'postgres://db.internal:5432/app' }] },
      [],
    ],
    [
      'a user but no password in a URL',
      { environment: [{ name: 'U', value: 'https://a@b/c' }] },
      [],
    ],
  ])('%s', (_case, overrides, expected) => {
    expect(messages(overrides)).toEqual(expected);
  });
});

describe('unknown values', () => {
  it('reports an unknown input as advisory, never as a pass or a mandatory finding', () => {
    const { UNKNOWN } = jest.requireActual<typeof import('../src')>('../src');
    const result = run('RDS-01', T.rdsCluster, { storageEncrypted: UNKNOWN });
    expect(result.violations).toEqual([
      expect.objectContaining({
        policy: 'RDS-01',
        level: 'advisory',
        message: 'Not evaluated: storageEncrypted is not known yet',
      }),
    ]);
  });

  it('still reports a known-bad value next to an unknown one', () => {
    const { UNKNOWN } = jest.requireActual<typeof import('../src')>('../src');
    const result = run('RDS-05', T.rdsCluster, {
      deletionProtection: false,
      skipFinalSnapshot: UNKNOWN,
    });
    expect(result.violations.map((v) => [v.level, v.message.split('.')[0]])).toEqual([
      ['mandatory', 'deletionProtection is false'],
      ['advisory', 'Not evaluated: skipFinalSnapshot is not known yet'],
    ]);
  });

  it('does not judge a JSON input the plan redacted as a secret', () => {
    const result = run('TD-02', T.taskDefinition, task({}, { containerDefinitions: '[secret]' }));
    expect(result.violations).toEqual([
      expect.objectContaining({
        level: 'advisory',
        message: 'Not evaluated: containerDefinitions are not known yet',
      }),
    ]);
  });
});
