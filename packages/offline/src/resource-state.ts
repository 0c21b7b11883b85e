import { IdSource } from './ids';
import { placeholderPem, pcaCertificateState } from './private-ca-state';
import { randomIdValues, randomStringValue } from './random-values';
import { regionShortCode, zoneIdOf } from './zones';

/** Where a resource is created: the runtime's region unless a provider or `region` overrides. */
export interface ResourceContext {
  readonly region: string;
  readonly partition: string;
  readonly dnsSuffix: string;
  readonly accountId: string;
}

export interface StateResult {
  /** The physical id, or undefined for component resources. */
  readonly id: string | undefined;
  /** Attributes AWS computes; merged over the inputs by the caller. */
  readonly computed: Record<string, unknown>;
}

type Inputs = Record<string, unknown>;

/**
 * The creation time reported for every resource (IAM's `createDate`, the certificate
 * validation's id). A fixed instant rather than the clock, so a plan is the same on every run.
 */
const MOCK_CREATED_AT = '2024-01-01T00:00:00.000Z';
type Builder = (name: string, inputs: Inputs, ctx: ResourceContext, ids: IdSource) => StateResult;

function arn(ctx: ResourceContext, service: string, region: string, resource: string): string {
  return ['arn', ctx.partition, service, region, ctx.accountId, resource].join(':');
}

function str(inputs: Inputs, key: string): string | undefined {
  const v = inputs[key];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function num(inputs: Inputs, key: string): number | undefined {
  const v = inputs[key];
  return typeof v === 'number' ? v : undefined;
}

/** The last segment of an ARN's resource part (`...:cluster/name` -> `name`), or the value. */
function lastSegment(value: string): string {
  const afterColon = value.split(':').pop() ?? value;
  return afterColon.split('/').pop() ?? afterColon;
}

/** Name given in `key`, or `<prefix><random>` from `<key>Prefix`, or an auto-name. */
function nameOf(
  ids: IdSource,
  name: string,
  inputs: Inputs,
  key = 'name',
  opts: { maxLength?: number; lower?: boolean } = {},
): string {
  const given = str(inputs, key);
  if (given !== undefined) return given;
  const prefix = str(inputs, `${key}Prefix`);
  if (prefix !== undefined) return prefix + ids.digits(26);
  return ids.autoName(name, opts);
}

function ec2(prefix: string, arnType: string): Builder {
  return (_name, _inputs, ctx, ids) => {
    const id = ids.ec2Id(prefix);
    return {
      id,
      computed: { arn: arn(ctx, 'ec2', ctx.region, `${arnType}/${id}`), ownerId: ctx.accountId },
    };
  };
}

function nameIdArn(
  service: string,
  arnResource: (n: string) => string,
  opts: { maxLength?: number; lower?: boolean; global?: boolean } = {},
): Builder {
  return (name, inputs, ctx, ids) => {
    const n = nameOf(ids, name, inputs, 'name', opts);
    return {
      id: n,
      computed: { name: n, arn: arn(ctx, service, opts.global ? '' : ctx.region, arnResource(n)) },
    };
  };
}

function iamPath(inputs: Inputs): string {
  return str(inputs, 'path') ?? '/';
}

function rdsHost(ids: IdSource, id: string, ctx: ResourceContext, kind: string): string {
  // <id>.<kind><12 chars>.<region>.rds.amazonaws.com. In AWS China the service comes first
  // (<id>....rds.cn-north-1.amazonaws.com.cn), as the endpoints in use there show; not checked
  // against an AWS page.
  const tail =
    ctx.partition === 'aws-cn'
      ? `rds.${ctx.region}.${ctx.dnsSuffix}`
      : `${ctx.region}.rds.${ctx.dnsSuffix}`;
  return `${id}.${kind}${ids.alnumLower(12)}.${tail}`;
}

function enginePort(inputs: Inputs): number {
  const given = num(inputs, 'port');
  if (given !== undefined) return given;
  const engine = str(inputs, 'engine') ?? '';
  if (engine.includes('postgres')) return 5432;
  if (engine.includes('sqlserver')) return 1433;
  if (engine.includes('oracle')) return 1521;
  return 3306;
}

function loadBalancerLike(kind: 'lb' | 'tg'): Builder {
  return (name, inputs, ctx, ids) => {
    const n = nameOf(ids, name, inputs, 'name', { maxLength: 32 });
    const suffix = ids.hex(16);
    if (kind === 'tg') {
      const arnSuffix = `targetgroup/${n}/${suffix}`;
      return {
        id: arn(ctx, 'elasticloadbalancing', ctx.region, arnSuffix),
        computed: {
          name: n,
          arn: arn(ctx, 'elasticloadbalancing', ctx.region, arnSuffix),
          arnSuffix,
        },
      };
    }
    const lbType = str(inputs, 'loadBalancerType') ?? 'application';
    const short = lbType === 'network' ? 'net' : lbType === 'gateway' ? 'gwy' : 'app';
    const arnSuffix = `${short}/${n}/${suffix}`;
    const internal = inputs['internal'] === true ? 'internal-' : '';
    return {
      id: arn(ctx, 'elasticloadbalancing', ctx.region, `loadbalancer/${arnSuffix}`),
      computed: {
        name: n,
        arn: arn(ctx, 'elasticloadbalancing', ctx.region, `loadbalancer/${arnSuffix}`),
        arnSuffix,
        dnsName: `${internal}${n}-${ids.digits(10)}.${ctx.region}.elb.${ctx.dnsSuffix}`,
        loadBalancerType: lbType,
      },
    };
  };
}

/** The same for an ingress and an egress rule: `sgr-` id and a security-group-rule ARN. */
function securityGroupRuleState(ctx: ResourceContext, ids: IdSource): StateResult {
  const id = ids.ec2Id('sgr');
  return {
    id,
    computed: {
      securityGroupRuleId: id,
      arn: arn(ctx, 'ec2', ctx.region, `security-group-rule/${id}`),
    },
  };
}

function listener(_name: string, inputs: Inputs, ctx: ResourceContext, ids: IdSource): StateResult {
  const lbArn = str(inputs, 'loadBalancerArn') ?? '';
  const lbPart = lbArn.split(':loadbalancer/')[1] ?? `app/unknown/${ids.hex(16)}`;
  const a = arn(ctx, 'elasticloadbalancing', ctx.region, `listener/${lbPart}/${ids.hex(16)}`);
  return { id: a, computed: { arn: a } };
}

function certificate(
  _name: string,
  inputs: Inputs,
  ctx: ResourceContext,
  ids: IdSource,
): StateResult {
  const a = arn(ctx, 'acm', ctx.region, `certificate/${ids.uuid()}`);
  const domain = str(inputs, 'domainName');
  const sans = Array.isArray(inputs['subjectAlternativeNames'])
    ? (inputs['subjectAlternativeNames'] as unknown[]).filter(
        (s): s is string => typeof s === 'string',
      )
    : [];
  const isPrivate = str(inputs, 'certificateAuthorityArn') !== undefined;
  const domains = [...new Set([...(domain === undefined ? [] : [domain]), ...sans])];
  const dvo = isPrivate
    ? []
    : domains.map((d) => ({
        domainName: d,
        resourceRecordName: `_${ids.hex(32)}.${d.replace(/^\*\./, '')}.`,
        resourceRecordType: 'CNAME',
        resourceRecordValue: `_${ids.hex(32)}.${ids.alnumLower(10)}.acm-validations.aws.`,
      }));
  return {
    id: a,
    computed: {
      arn: a,
      domainValidationOptions: dvo,
      status: isPrivate ? 'ISSUED' : 'PENDING_VALIDATION',
      type: isPrivate ? 'PRIVATE' : 'AMAZON_ISSUED',
      validationMethod: isPrivate ? 'NONE' : (str(inputs, 'validationMethod') ?? 'DNS'),
    },
  };
}

/** State builders per type token. Types missing here are recorded with a generic id. */
const BUILDERS: Record<string, Builder> = {
  // --- KMS ---
  'aws:kms/key:Key': (_name, _inputs, ctx, ids) => {
    const id = ids.uuid();
    return { id, computed: { keyId: id, arn: arn(ctx, 'kms', ctx.region, `key/${id}`) } };
  },
  'aws:kms/alias:Alias': (name, inputs, ctx, ids) => {
    const n = str(inputs, 'name') ?? `alias/${ids.autoName(name)}`;
    const target = str(inputs, 'targetKeyId') ?? '';
    const targetKeyArn = target.startsWith('arn:')
      ? target
      : arn(ctx, 'kms', ctx.region, `key/${target}`);
    return { id: n, computed: { name: n, arn: arn(ctx, 'kms', ctx.region, n), targetKeyArn } };
  },
  // --- CloudWatch Logs ---
  'aws:cloudwatch/logGroup:LogGroup': (name, inputs, ctx, ids) => {
    const n = nameOf(ids, name, inputs);
    // The provider reports the ARN without the trailing ":*" that IAM policies need.
    return { id: n, computed: { name: n, arn: arn(ctx, 'logs', ctx.region, `log-group:${n}`) } };
  },
  // --- Secrets Manager ---
  'aws:secretsmanager/secret:Secret': (name, inputs, ctx, ids) => {
    const n = nameOf(ids, name, inputs);
    const a = arn(ctx, 'secretsmanager', ctx.region, `secret:${n}-${ids.alnum(6)}`);
    return { id: a, computed: { name: n, arn: a } };
  },
  'aws:secretsmanager/secretVersion:SecretVersion': (_name, inputs, _ctx, ids) => {
    const secretId = str(inputs, 'secretId') ?? '';
    const versionId = ids.uuid();
    return {
      id: `${secretId}|${versionId}`,
      computed: {
        arn: secretId,
        versionId,
        versionStages: inputs['versionStages'] ?? ['AWSCURRENT'],
      },
    };
  },
  'aws:secretsmanager/secretPolicy:SecretPolicy': (_name, inputs, _ctx, ids) => ({
    id: str(inputs, 'secretArn') ?? ids.uuid(),
    computed: {},
  }),
  // --- IAM (global: no region in the ARN) ---
  'aws:iam/role:Role': (name, inputs, ctx, ids) => {
    const n = nameOf(ids, name, inputs, 'name', { maxLength: 64 });
    return {
      id: n,
      computed: {
        name: n,
        path: iamPath(inputs),
        arn: arn(ctx, 'iam', '', `role${iamPath(inputs)}${n}`),
        uniqueId: `AROA${ids.alnumUpper(17)}`,
        createDate: MOCK_CREATED_AT,
      },
    };
  },
  'aws:iam/policy:Policy': (name, inputs, ctx, ids) => {
    const n = nameOf(ids, name, inputs, 'name', { maxLength: 128 });
    const a = arn(ctx, 'iam', '', `policy${iamPath(inputs)}${n}`);
    return {
      id: a,
      computed: { name: n, path: iamPath(inputs), arn: a, policyId: `ANPA${ids.alnumUpper(17)}` },
    };
  },
  'aws:iam/rolePolicy:RolePolicy': (name, inputs, _ctx, ids) => {
    const n = nameOf(ids, name, inputs, 'name', { maxLength: 128 });
    return { id: `${str(inputs, 'role') ?? ''}:${n}`, computed: { name: n } };
  },
  'aws:iam/rolePolicyAttachment:RolePolicyAttachment': (_name, inputs, _ctx, ids) => ({
    id: `${str(inputs, 'role') ?? ''}-${ids.digits(26)}`,
    computed: {},
  }),
  'aws:iam/instanceProfile:InstanceProfile': (name, inputs, ctx, ids) => {
    const n = nameOf(ids, name, inputs, 'name', { maxLength: 128 });
    return {
      id: n,
      computed: {
        name: n,
        arn: arn(ctx, 'iam', '', `instance-profile${iamPath(inputs)}${n}`),
        uniqueId: `AIPA${ids.alnumUpper(17)}`,
      },
    };
  },
  // --- EC2 / VPC ---
  'aws:ec2/vpc:Vpc': (_name, _inputs, ctx, ids) => {
    const id = ids.ec2Id('vpc');
    const mainRt = ids.ec2Id('rtb');
    return {
      id,
      computed: {
        arn: arn(ctx, 'ec2', ctx.region, `vpc/${id}`),
        ownerId: ctx.accountId,
        defaultSecurityGroupId: ids.ec2Id('sg'),
        defaultNetworkAclId: ids.ec2Id('acl'),
        defaultRouteTableId: mainRt,
        mainRouteTableId: mainRt,
        dhcpOptionsId: ids.ec2Id('dopt'),
        instanceTenancy: 'default',
      },
    };
  },
  'aws:ec2/subnet:Subnet': (_name, inputs, ctx, ids) => {
    const id = ids.ec2Id('subnet');
    const az = str(inputs, 'availabilityZone');
    const azId =
      str(inputs, 'availabilityZoneId') ??
      (az === undefined ? undefined : zoneIdOf(ctx.region, az));
    return {
      id,
      computed: {
        arn: arn(ctx, 'ec2', ctx.region, `subnet/${id}`),
        ownerId: ctx.accountId,
        ...(azId === undefined ? {} : { availabilityZoneId: azId }),
      },
    };
  },
  'aws:ec2/routeTable:RouteTable': ec2('rtb', 'route-table'),
  'aws:ec2/route:Route': (_name, inputs, _ctx, ids) => ({
    id: `r-${str(inputs, 'routeTableId') ?? 'rtb'}${ids.digits(10)}`,
    computed: { state: 'active', origin: 'CreateRoute' },
  }),
  'aws:ec2/routeTableAssociation:RouteTableAssociation': (_name, _inputs, _ctx, ids) => ({
    id: ids.ec2Id('rtbassoc'),
    computed: {},
  }),
  'aws:ec2/internetGateway:InternetGateway': ec2('igw', 'internet-gateway'),
  'aws:ec2/internetGatewayAttachment:InternetGatewayAttachment': (_name, inputs) => ({
    id: `${str(inputs, 'internetGatewayId') ?? ''}:${str(inputs, 'vpcId') ?? ''}`,
    computed: {},
  }),
  'aws:ec2/eip:Eip': (_name, _inputs, ctx, ids) => {
    const id = ids.ec2Id('eipalloc');
    return {
      id,
      computed: {
        allocationId: id,
        arn: arn(ctx, 'ec2', ctx.region, `elastic-ip/${id}`),
        // 198.51.100.0/24 is TEST-NET-2 (RFC 5737): never a real address.
        publicIp: `198.51.100.${1 + ids.int(254)}`,
        domain: 'vpc',
      },
    };
  },
  'aws:ec2/natGateway:NatGateway': (_name, _inputs, ctx, ids) => {
    const id = `nat-${ids.hex(17)}`;
    return {
      id,
      computed: {
        arn: arn(ctx, 'ec2', ctx.region, `natgateway/${id}`),
        networkInterfaceId: ids.ec2Id('eni'),
        privateIp: `10.0.${ids.int(255)}.${1 + ids.int(250)}`,
        connectivityType: 'public',
      },
    };
  },
  'aws:ec2/securityGroup:SecurityGroup': (name, inputs, ctx, ids) => {
    const id = ids.ec2Id('sg');
    const n = nameOf(ids, name, inputs, 'name', { maxLength: 255 });
    return {
      id,
      computed: {
        name: n,
        arn: arn(ctx, 'ec2', ctx.region, `security-group/${id}`),
        ownerId: ctx.accountId,
      },
    };
  },
  'aws:ec2/defaultSecurityGroup:DefaultSecurityGroup': (_name, _inputs, ctx, ids) => {
    const id = ids.ec2Id('sg');
    return {
      id,
      computed: {
        name: 'default',
        arn: arn(ctx, 'ec2', ctx.region, `security-group/${id}`),
        ownerId: ctx.accountId,
      },
    };
  },
  'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule': (_name, _inputs, ctx, ids) =>
    securityGroupRuleState(ctx, ids),
  'aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule': (_name, _inputs, ctx, ids) =>
    securityGroupRuleState(ctx, ids),
  'aws:ec2/securityGroupRule:SecurityGroupRule': (_name, _inputs, _ctx, ids) => {
    const id = ids.ec2Id('sgr');
    return { id: `sgrule-${ids.digits(10)}`, computed: { securityGroupRuleId: id } };
  },
  'aws:ec2/vpcEndpoint:VpcEndpoint': (_name, inputs, ctx, ids) => {
    const id = ids.ec2Id('vpce');
    const type = str(inputs, 'vpcEndpointType') ?? 'Gateway';
    const service = str(inputs, 'serviceName') ?? '';
    const short = service.split('.').pop() ?? service;
    const computed: Record<string, unknown> = {
      arn: arn(ctx, 'ec2', ctx.region, `vpc-endpoint/${id}`),
      ownerId: ctx.accountId,
      state: 'available',
      vpcEndpointType: type,
    };
    if (type === 'Gateway') {
      computed['prefixListId'] = `pl-${ids.hex(8)}`;
    } else {
      computed['dnsEntries'] = [
        {
          dnsName: `${id}-${ids.alnumLower(8)}.${short}.${ctx.region}.vpce.${ctx.dnsSuffix}`,
          hostedZoneId: `Z${ids.alnumUpper(13)}`,
        },
      ];
      computed['networkInterfaceIds'] = (
        Array.isArray(inputs['subnetIds']) ? inputs['subnetIds'] : []
      ).map(() => ids.ec2Id('eni'));
    }
    return { id, computed };
  },
  'aws:ec2/flowLog:FlowLog': ec2('fl', 'vpc-flow-log'),
  'aws:ec2/networkAcl:NetworkAcl': ec2('acl', 'network-acl'),
  'aws:ec2/defaultNetworkAcl:DefaultNetworkAcl': ec2('acl', 'network-acl'),
  'aws:ec2/defaultRouteTable:DefaultRouteTable': ec2('rtb', 'route-table'),
  // --- RDS ---
  'aws:rds/cluster:Cluster': (name, inputs, ctx, ids) => {
    const id = nameOf(ids, name, inputs, 'clusterIdentifier', { maxLength: 63, lower: true });
    const computed: Record<string, unknown> = {
      clusterIdentifier: id,
      arn: arn(ctx, 'rds', ctx.region, `cluster:${id}`),
      clusterResourceId: `cluster-${ids.alnumUpper(26)}`,
      endpoint: rdsHost(ids, id, ctx, 'cluster-'),
      readerEndpoint: rdsHost(ids, id, ctx, 'cluster-ro-'),
      port: enginePort(inputs),
    };
    if (inputs['manageMasterUserPassword'] === true) {
      computed['masterUserSecrets'] = [
        {
          kmsKeyId:
            str(inputs, 'masterUserSecretKmsKeyId') ??
            arn(ctx, 'kms', ctx.region, `key/${ids.uuid()}`),
          secretArn: arn(
            ctx,
            'secretsmanager',
            ctx.region,
            `secret:rds!cluster-${ids.uuid()}-${ids.alnum(6)}`,
          ),
          secretStatus: 'active',
        },
      ];
    }
    return { id, computed };
  },
  'aws:rds/clusterInstance:ClusterInstance': (name, inputs, ctx, ids) => {
    const id = nameOf(ids, name, inputs, 'identifier', { maxLength: 63, lower: true });
    return {
      id,
      computed: {
        identifier: id,
        arn: arn(ctx, 'rds', ctx.region, `db:${id}`),
        dbiResourceId: `db-${ids.alnumUpper(26)}`,
        endpoint: rdsHost(ids, id, ctx, ''),
        port: enginePort(inputs),
        writer: false,
      },
    };
  },
  'aws:rds/instance:Instance': (name, inputs, ctx, ids) => {
    const id = nameOf(ids, name, inputs, 'identifier', { maxLength: 63, lower: true });
    const host = rdsHost(ids, id, ctx, '');
    const port = enginePort(inputs);
    return {
      id,
      computed: {
        identifier: id,
        arn: arn(ctx, 'rds', ctx.region, `db:${id}`),
        resourceId: `db-${ids.alnumUpper(26)}`,
        address: host,
        endpoint: `${host}:${port}`,
        port,
      },
    };
  },
  'aws:rds/clusterParameterGroup:ClusterParameterGroup': nameIdArn(
    'rds',
    (n) => `cluster-pg:${n}`,
    {
      lower: true,
      maxLength: 255,
    },
  ),
  'aws:rds/parameterGroup:ParameterGroup': nameIdArn('rds', (n) => `pg:${n}`, {
    lower: true,
    maxLength: 255,
  }),
  'aws:rds/subnetGroup:SubnetGroup': nameIdArn('rds', (n) => `subgrp:${n}`, {
    lower: true,
    maxLength: 255,
  }),
  // --- ElastiCache ---
  'aws:elasticache/replicationGroup:ReplicationGroup': (name, inputs, ctx, ids) => {
    const id = nameOf(ids, name, inputs, 'replicationGroupId', { maxLength: 40, lower: true });
    const code = regionShortCode(ctx.region) ?? ctx.region;
    const host = `${id}.${ids.alnumLower(6)}.${code}.cache.${ctx.dnsSuffix}`;
    const clusterMode =
      str(inputs, 'clusterMode') === 'enabled' || (num(inputs, 'numNodeGroups') ?? 1) > 1;
    const nodes = num(inputs, 'numCacheClusters') ?? 1;
    return {
      id,
      computed: {
        replicationGroupId: id,
        arn: arn(ctx, 'elasticache', ctx.region, `replicationgroup:${id}`),
        port: num(inputs, 'port') ?? 6379,
        ...(clusterMode
          ? { configurationEndpointAddress: `clustercfg.${host}` }
          : { primaryEndpointAddress: `master.${host}`, readerEndpointAddress: `replica.${host}` }),
        memberClusters: Array.from(
          { length: nodes },
          (_v, i) => `${id}-${String(i + 1).padStart(3, '0')}`,
        ),
      },
    };
  },
  'aws:elasticache/subnetGroup:SubnetGroup': nameIdArn('elasticache', (n) => `subnetgroup:${n}`, {
    lower: true,
    maxLength: 255,
  }),
  'aws:elasticache/parameterGroup:ParameterGroup': nameIdArn(
    'elasticache',
    (n) => `parametergroup:${n}`,
    {
      lower: true,
      maxLength: 255,
    },
  ),
  // --- ECS ---
  'aws:ecs/cluster:Cluster': (name, inputs, ctx, ids) => {
    const n = nameOf(ids, name, inputs, 'name', { maxLength: 255 });
    const a = arn(ctx, 'ecs', ctx.region, `cluster/${n}`);
    return { id: a, computed: { name: n, arn: a } };
  },
  'aws:ecs/taskDefinition:TaskDefinition': (name, inputs, ctx, ids) => {
    const family = str(inputs, 'family') ?? ids.autoName(name);
    const without = arn(ctx, 'ecs', ctx.region, `task-definition/${family}`);
    return {
      id: family,
      computed: { family, revision: 1, arn: `${without}:1`, arnWithoutRevision: without },
    };
  },
  'aws:ecs/service:Service': (name, inputs, ctx, ids) => {
    const n = nameOf(ids, name, inputs, 'name', { maxLength: 255 });
    const cluster = str(inputs, 'cluster');
    const clusterName = cluster === undefined ? 'default' : lastSegment(cluster);
    const a = arn(ctx, 'ecs', ctx.region, `service/${clusterName}/${n}`);
    return { id: a, computed: { name: n, arn: a, cluster: cluster ?? clusterName } };
  },
  // --- Cloud Map ---
  'aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace': (_name, _inputs, ctx, ids) => {
    const id = `ns-${ids.alnumLower(16)}`;
    return {
      id,
      computed: {
        arn: arn(ctx, 'servicediscovery', ctx.region, `namespace/${id}`),
        hostedZone: `Z${ids.alnumUpper(13)}`,
      },
    };
  },
  'aws:servicediscovery/httpNamespace:HttpNamespace': (_name, _inputs, ctx, ids) => {
    const id = `ns-${ids.alnumLower(16)}`;
    return {
      id,
      computed: {
        arn: arn(ctx, 'servicediscovery', ctx.region, `namespace/${id}`),
        httpName: _inputs['name'],
      },
    };
  },
  // --- Load balancing (aws.lb and its aws.alb aliases) ---
  'aws:lb/loadBalancer:LoadBalancer': loadBalancerLike('lb'),
  'aws:alb/loadBalancer:LoadBalancer': loadBalancerLike('lb'),
  'aws:lb/targetGroup:TargetGroup': loadBalancerLike('tg'),
  'aws:alb/targetGroup:TargetGroup': loadBalancerLike('tg'),
  'aws:lb/listener:Listener': listener,
  'aws:alb/listener:Listener': listener,
  // --- Certificates ---
  'aws:acm/certificate:Certificate': certificate,
  'aws:acm/certificateValidation:CertificateValidation': (_name, inputs) => ({
    id: MOCK_CREATED_AT,
    computed: { certificateArn: inputs['certificateArn'] },
  }),
  'aws:acmpca/certificateAuthority:CertificateAuthority': (_name, _inputs, ctx, ids) => {
    const a = arn(ctx, 'acm-pca', ctx.region, `certificate-authority/${ids.uuid()}`);
    return {
      id: a,
      computed: {
        arn: a,
        status: 'PENDING_CERTIFICATE',
        serial: '',
        // What a new CA offers to be signed (by itself for a root, by a parent otherwise).
        certificateSigningRequest: placeholderPem(ids, 'CERTIFICATE REQUEST', 300),
      },
    };
  },
  'aws:acmpca/certificate:Certificate': (_name, inputs, _ctx, ids) =>
    pcaCertificateState(inputs, ids),
  // Terraform keys the installed certificate by its CA; it computes nothing else.
  'aws:acmpca/certificateAuthorityCertificate:CertificateAuthorityCertificate': (_name, inputs) => {
    const ca = str(inputs, 'certificateAuthorityArn');
    if (ca === undefined) {
      throw new Error(
        'aws.acmpca.CertificateAuthorityCertificate: certificateAuthorityArn is required',
      );
    }
    return { id: ca, computed: {} };
  },
  // --- Route 53 (global) ---
  'aws:route53/zone:Zone': (_name, inputs, ctx, ids) => {
    const zoneId = `Z${ids.alnumUpper(20)}`;
    return {
      id: zoneId,
      computed: {
        zoneId,
        arn: arn({ ...ctx, accountId: '' }, 'route53', '', `hostedzone/${zoneId}`),
        nameServers: ['ns-1.awsdns-00.com.', 'ns-2.awsdns-00.net.'],
        name: inputs['name'],
      },
    };
  },
  'aws:route53/record:Record': (_name, inputs) => {
    const zone = str(inputs, 'zoneId') ?? '';
    const n = str(inputs, 'name') ?? '';
    const t = str(inputs, 'type') ?? '';
    return { id: `${zone}_${n}_${t}`, computed: { fqdn: n } };
  },
  // --- S3 (bucket names are global: no region or account in the ARN) ---
  'aws:s3/bucket:Bucket': (name, inputs, ctx, ids) => {
    const b = nameOf(ids, name, inputs, 'bucket', { lower: true, maxLength: 63 });
    return {
      id: b,
      computed: {
        bucket: b,
        arn: arn({ ...ctx, accountId: '' }, 's3', '', b),
        bucketDomainName: `${b}.s3.${ctx.dnsSuffix}`,
        bucketRegionalDomainName: `${b}.s3.${ctx.region}.${ctx.dnsSuffix}`,
      },
    };
  },
  // --- random ---
  // Password and string results are (or may be) secrets: they come from the random source and
  // differ on every run, so a value found in a plan or log can only have leaked from this run.
  // RandomId and RandomUuid name things and are drawn from the resource's stream instead.
  'random:index/randomPassword:RandomPassword': (_name, inputs) => {
    const result = randomStringValue(inputs);
    return { id: 'none', computed: { result } };
  },
  'random:index/randomString:RandomString': (_name, inputs) => {
    const result = randomStringValue(inputs);
    return { id: result, computed: { result } };
  },
  'random:index/randomId:RandomId': (_name, inputs, _ctx, ids) => {
    const bytes = ids.idBytes(num(inputs, 'byteLength') ?? 8);
    const values = randomIdValues(bytes, str(inputs, 'prefix') ?? '');
    const { id, ...rest } = values;
    return { id, computed: rest };
  },
  'random:index/randomUuid:RandomUuid': (_name, _inputs, _ctx, ids) => {
    const result = ids.uuid();
    return { id: result, computed: { result } };
  },
};

/** True if the mocks build realistic state (ids, ARNs) for this type. */
export function isKnownType(type: string): boolean {
  return type in BUILDERS;
}

/** Types with realistic state, sorted (for docs and errors). */
export function knownTypes(): string[] {
  return Object.keys(BUILDERS).sort();
}

/**
 * The id and computed attributes for a new resource, every invented value drawn from `ids` (the
 * resource's own stream, see ids.ts). Unknown custom types get a generic id (`<name>-<8 hex>`)
 * and no ARN: inventing an ARN format would hide a real gap.
 */
export function buildState(
  type: string,
  name: string,
  inputs: Inputs,
  ctx: ResourceContext,
  ids: IdSource,
): StateResult {
  const builder = BUILDERS[type];
  if (builder === undefined) {
    return { id: `${name}-${ids.hex(8)}`, computed: {} };
  }
  return builder(name, inputs, ctx, ids);
}
