import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliIo, runCli } from '../src/cli/program';
import { PlanJson } from '../src/plan';
import { programOf, stackDir } from './plan-support';

function capture(cwd: string): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd, env: {} },
    out,
    err,
  };
}

describe('phi-stack plan', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'phi-plan-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses --config=backupRetentionDays=7 before running anything, exit 2', async () => {
    const c = capture(stackDir('prod'));
    const code = await runCli(
      [
        'plan',
        '--stack',
        'prod',
        '--config=backupRetentionDays=7',
        `--json=${join(dir, 'p.json')}`,
      ],
      c.io,
    );
    expect(code).toBe(2);
    expect(c.err.join('')).toBe(
      [
        'phi-stack plan: Invalid settings for stack "prod" (Pulumi.prod.yaml) (1):',
        '  - phi-platform:backupRetentionDays: got 7; allowed: a whole number from 30 to 35' +
          ' (HIPAA baseline of 30 days; Aurora keeps at most 35)',
        '',
      ].join('\n'),
    );
    expect(c.out).toEqual([]);
    expect(() => readFileSync(join(dir, 'p.json'))).toThrow();
  });

  it('reports several bad settings and a namespaced key together', async () => {
    const c = capture(stackDir('dev'));
    const code = await runCli(
      [
        'plan',
        '--stack=dev',
        '--config',
        'phi-platform:zoneCount=1',
        '--config',
        'natGateways=none',
        '--config',
        'aws:region=Mars',
      ],
      c.io,
    );
    expect(code).toBe(2);
    const lines = c.err.join('').split('\n');
    expect(lines[0]).toBe(
      'phi-stack plan: Invalid settings for stack "dev" (Pulumi.dev.yaml) (3):',
    );
    expect(lines.slice(1, 4).map((l) => l.split(': got')[0])).toEqual([
      '  - aws:region',
      '  - phi-platform:zoneCount',
      '  - phi-platform:natGateways',
    ]);
  });

  it('refuses a region AWS does not have, exit 2', async () => {
    const c = capture(stackDir('dev'));
    expect(await runCli(['plan', '--stack=dev', '--region=mars-north-1'], c.io)).toBe(2);
    expect(c.err.join('')).toMatch(/^phi-stack plan: .*mars-north-1/);
  });

  it.each([['us-iso-east-1', 'aws-iso']])(
    'refuses %s (partition %s) before registering anything, exit 2',
    async (region, partition) => {
      const c = capture(stackDir('dev'));
      expect(await runCli(['plan', '--stack=dev', `--region=${region}`], c.io)).toBe(2);
      expect(c.err.join('')).toBe(
        [
          'phi-stack plan: Invalid settings for stack "dev" (1):',
          `  - aws:region: got "${region}"; allowed: a region of the aws, aws-us-gov, aws-cn ` +
            `partitions (partition ${partition} is not supported by the platform)`,
          '',
        ].join('\n'),
      );
      expect(c.out).toEqual([]);
    },
  );

  it('writes the JSON contract, prints the tree and summary, and leaks no secret', async () => {
    const c = capture(stackDir('staging'));
    const json = join(dir, 'plan.json');
    const code = await runCli(
      [
        'plan',
        '--stack',
        'staging',
        '--region',
        'us-gov-west-1',
        `--json=${json}`,
        `--mermaid=${join(dir, 'plan.mmd')}`,
        '--program',
        programOf('staging'),
      ],
      c.io,
    );
    const diagram = readFileSync(join(dir, 'plan.mmd'), 'utf8');
    expect(diagram.split('\n')[0]).toMatch(/^(flowchart|graph) /);
    expect(diagram).toContain('svc0 -->|TLS 5432| db0');
    const plan = JSON.parse(readFileSync(json, 'utf8')) as PlanJson;
    expect(Object.keys(plan)).toEqual([
      'stack',
      'project',
      'region',
      'partition',
      'accountId',
      'resources',
      'outputs',
      'policyPack',
      'violations',
      'waivers',
    ]);
    expect(code).toBe(0);
    expect(plan.violations.filter((v) => v.level === 'mandatory')).toEqual([]);
    expect(plan).toMatchObject({
      stack: 'staging',
      project: 'phi-platform',
      region: 'us-gov-west-1',
    });
    expect(Object.keys(plan.resources[0]!).sort()).toEqual(
      ['dependsOn', 'inputs', 'name', 'parent', 'secretPaths', 'type', 'urn'].sort(),
    );
    const rg = plan.resources.find(
      (r) => r.type === 'aws:elasticache/replicationGroup:ReplicationGroup',
    )!;
    expect(rg.secretPaths).toEqual(['authToken']);
    expect(rg.inputs.authToken).toBe('[secret]');
    expect(plan.outputs.vpcId).toMatch(/^vpc-/);
    const stdout = c.out.join('');
    expect(stdout).toContain('phi-platform/staging (us-gov-west-1, partition aws-us-gov)');
    expect(stdout).toContain('aws:rds/cluster:Cluster phi-db-cluster');
    expect(stdout).toMatch(/Policy pack phi-platform-hipaa@\S+: \d+ policies/);
    expect(stdout).toContain(`Wrote the plan JSON to ${json}`);
  });

  it('writes a Mermaid diagram of tiers, services, stores and the key', async () => {
    const c = capture(stackDir('prod'));
    const out = join(dir, 'prod.mmd');
    await runCli(
      [
        'plan',
        '--stack',
        'prod',
        '--format=mermaid',
        `--out=${out}`,
        '--program',
        programOf('prod'),
      ],
      c.io,
    );
    const diagram = readFileSync(out, 'utf8');
    expect(diagram.split('\n')[0]).toBe('flowchart LR');
    for (const part of [
      'subgraph public["public subnets x3"]',
      'subgraph private["private subnets x3"]',
      'subgraph isolated["isolated subnets x3"]',
      'Aurora PostgreSQL 16.4, 2 instance(s)',
      'ElastiCache valkey, 3 node(s)',
      'internet -->|HTTPS 443| alb0',
      'svc0 -->|TLS 5432| db0',
      'key0 -.->|encrypts| db0',
      'key0 -.->|encrypts| cache0',
    ]) {
      expect(diagram).toContain(part);
    }
  });
});
