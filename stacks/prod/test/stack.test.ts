import { installMocks, unwrap } from '@phi-platform/offline';
import { readStackConfig, readStackProject } from '@phi-platform/platform';
import { join } from 'node:path';

const stackDir = join(__dirname, '..');

describe('the prod stack in its own region', () => {
  it('has the shape its settings ask for', async () => {
    const { project } = readStackProject(stackDir);
    const { config } = readStackConfig(stackDir, 'prod', project);
    expect(config['aws:region']).toBe('eu-central-1');
    const rt = installMocks({ region: 'eu-central-1', stack: 'prod', project, config });
    const run = await rt.run(async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const program = require('../src') as () => Promise<Record<string, unknown>>;
      return program();
    });
    expect(await unwrap(run.value.availabilityZones)).toHaveLength(3);
    expect(rt.byType('aws:ec2/subnet:Subnet')).toHaveLength(3 * 3);
    expect(rt.byType('aws:ec2/natGateway:NatGateway')).toHaveLength(3);
    expect(rt.byType('aws:rds/clusterInstance:ClusterInstance')).toHaveLength(2);
    expect(rt.one('aws:elasticache/replicationGroup:ReplicationGroup').inputs).toMatchObject({
      numCacheClusters: 3,
      automaticFailoverEnabled: true,
    });
    expect(rt.byType('aws:lb/loadBalancer:LoadBalancer')).toHaveLength(1);
    expect(rt.one('aws:rds/cluster:Cluster').inputs.deletionProtection).toBe(true);
  });
});
