import { PlanJson, PlanResourceJson } from './plan-json';

/**
 * A Mermaid flowchart of the planned platform for a pull request: the network tiers, what runs
 * in each, the data stores, the key and every kind of resource it encrypts. It is drawn from the
 * recorded resources, so it shows what the program really builds.
 */

const T = {
  vpc: 'aws:ec2/vpc:Vpc',
  subnet: 'aws:ec2/subnet:Subnet',
  nat: 'aws:ec2/natGateway:NatGateway',
  key: 'aws:kms/key:Key',
  cluster: 'aws:rds/cluster:Cluster',
  instance: 'aws:rds/clusterInstance:ClusterInstance',
  cache: 'aws:elasticache/replicationGroup:ReplicationGroup',
  service: 'aws:ecs/service:Service',
  lb: 'aws:lb/loadBalancer:LoadBalancer',
  pca: 'aws:acmpca/certificateAuthority:CertificateAuthority',
  cert: 'aws:acm/certificate:Certificate',
} as const;

/** Groups of key users that are drawn as one node with a count. */
const USER_GROUPS: Readonly<Record<string, string>> = {
  'aws:cloudwatch/logGroup:LogGroup': 'CloudWatch log groups',
  'aws:secretsmanager/secret:Secret': 'Secrets Manager secrets',
  'aws:iam/policy:Policy': 'IAM policies granting use',
  'aws:rds/clusterInstance:ClusterInstance': 'Performance Insights',
};

function id(prefix: string, index: number): string {
  return `${prefix}${index}`;
}

function label(text: string): string {
  return `"${text.replace(/"/g, "'")}"`;
}

function tierOf(subnet: PlanResourceJson): string {
  const name = subnet.name.toLowerCase();
  for (const tier of ['public', 'private', 'isolated']) {
    if (name.includes(tier)) return tier;
  }
  return 'other';
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function mentions(resource: PlanResourceJson, value: string): boolean {
  return JSON.stringify(resource.inputs).includes(value);
}

export interface DiagramFacts {
  /** URN of each KMS key to its ARN, to find what the key encrypts. */
  readonly keyArns: ReadonlyMap<string, string>;
}

export function renderMermaid(plan: PlanJson, facts: DiagramFacts): string {
  const of = (type: string) => plan.resources.filter((r) => r.type === type);
  const lines = ['flowchart LR'];
  const nodeOf = new Map<string, string>();

  const vpc = of(T.vpc)[0];
  const cidr = typeof vpc?.inputs.cidrBlock === 'string' ? ` ${vpc.inputs.cidrBlock}` : '';
  const subnets = of(T.subnet);
  const count = (tier: string) => subnets.filter((s) => tierOf(s) === tier).length;

  const lbs = of(T.lb);
  const services = of(T.service);
  const clusters = of(T.cluster);
  const caches = of(T.cache);
  const instances = of(T.instance);

  if (lbs.length > 0) lines.push(`  internet((Internet))`);
  lines.push(`  subgraph vpc[${label(`VPC${cidr}, ${plan.region}`)}]`);
  lines.push(`    subgraph public[${label(`public subnets x${count('public')}`)}]`);
  lbs.forEach((lb, i) => {
    nodeOf.set(lb.urn, id('alb', i));
    lines.push(`      ${id('alb', i)}[${label(`ALB ${lb.name} (HTTPS 443)`)}]`);
  });
  lines.push(`      nat[${label(`NAT gateways x${of(T.nat).length}`)}]`);
  lines.push('    end');
  lines.push(`    subgraph private[${label(`private subnets x${count('private')}`)}]`);
  services.forEach((svc, i) => {
    nodeOf.set(svc.urn, id('svc', i));
    lines.push(`      ${id('svc', i)}[${label(`Fargate service ${svc.name} (TLS 443)`)}]`);
  });
  lines.push('    end');
  lines.push(`    subgraph isolated[${label(`isolated subnets x${count('isolated')}`)}]`);
  clusters.forEach((db, i) => {
    const members = instances.filter((x) => x.parent === db.parent).length;
    const version =
      typeof db.inputs.engineVersion === 'string' ? ` ${db.inputs.engineVersion}` : '';
    nodeOf.set(db.urn, id('db', i));
    lines.push(
      `      ${id('db', i)}[(${label(`Aurora PostgreSQL${version}, ${members} instance(s)`)})]`,
    );
  });
  caches.forEach((cache, i) => {
    const nodes =
      typeof cache.inputs.numCacheClusters === 'number' ? cache.inputs.numCacheClusters : 1;
    const engine = typeof cache.inputs.engine === 'string' ? cache.inputs.engine : 'cache';
    nodeOf.set(cache.urn, id('cache', i));
    lines.push(`      ${id('cache', i)}[(${label(`ElastiCache ${engine}, ${nodes} node(s)`)})]`);
  });
  lines.push('    end');
  lines.push('  end');

  // Traffic: the internet reaches only the ALB; services reach the data stores over TLS.
  lbs.forEach((_, i) => lines.push(`  internet -->|HTTPS 443| ${id('alb', i)}`));
  lbs.forEach((_, i) =>
    services.forEach((__, j) => lines.push(`  ${id('alb', i)} -->|TLS 443| ${id('svc', j)}`)),
  );
  services.forEach((_, j) => {
    clusters.forEach((__, i) => lines.push(`  ${id('svc', j)} -->|TLS 5432| ${id('db', i)}`));
    caches.forEach((__, i) => lines.push(`  ${id('svc', j)} -->|TLS 6379| ${id('cache', i)}`));
    lines.push(`  ${id('svc', j)} -->|egress| nat`);
  });
  of(T.pca).forEach((pca, i) => {
    lines.push(`  ${id('pca', i)}[${label(`Private CA ${text(pca.inputs.usageMode)}`)}]`);
    services.forEach((_, j) =>
      lines.push(`  ${id('pca', i)} -.->|Service Connect certs| ${id('svc', j)}`),
    );
  });
  of(T.cert).forEach((cert, i) => {
    lines.push(`  ${id('cert', i)}[${label(`ACM certificate ${text(cert.inputs.domainName)}`)}]`);
    lbs.forEach((_, j) => lines.push(`  ${id('cert', i)} -.-> ${id('alb', j)}`));
  });

  // The key and what it encrypts: named nodes where drawn above, counted groups otherwise.
  let groupIndex = 0;
  of(T.key).forEach((key, k) => {
    const arn = facts.keyArns.get(key.urn);
    lines.push(`  ${id('key', k)}{{${label(`KMS key ${key.name}`)}}}`);
    if (arn === undefined) return;
    const users = plan.resources.filter((r) => r.urn !== key.urn && mentions(r, arn));
    const grouped = new Map<string, number>();
    const direct = new Set<string>();
    for (const user of users) {
      const node = nodeOf.get(user.urn);
      if (node !== undefined) direct.add(node);
      else if (user.type === T.service) continue;
      else {
        const group = USER_GROUPS[user.type] ?? user.type.split(':')[1]?.split('/')[0] ?? user.type;
        grouped.set(group, (grouped.get(group) ?? 0) + 1);
      }
    }
    for (const node of direct) lines.push(`  ${id('key', k)} -.->|encrypts| ${node}`);
    for (const [group, n] of grouped) {
      const node = id('uses', groupIndex++);
      lines.push(`  ${node}[${label(`${group} x${n}`)}]`);
      const verb = group === USER_GROUPS['aws:iam/policy:Policy'] ? 'may be used by' : 'encrypts';
      lines.push(`  ${id('key', k)} -.->|${verb}| ${node}`);
    }
  });
  return `${lines.join('\n')}\n`;
}
