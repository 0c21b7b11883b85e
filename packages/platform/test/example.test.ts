import { installMocks } from '@phi-platform/offline';
import { buildExample } from '../examples/environment';

describe('examples/environment.ts', () => {
  it('builds a two-zone environment in ap-southeast-7', async () => {
    const rt = installMocks({ region: 'ap-southeast-7', stack: 'dev' });
    await rt.run(() => buildExample('ap-southeast-7'));
    expect(rt.byType('aws:ec2/subnet:Subnet')).toHaveLength(6);
    expect(rt.one('aws:kms/key:Key').state.arn).toMatch(
      /^arn:aws:kms:ap-southeast-7:123456789012:key\//,
    );
    expect(rt.byType('aws:rds/clusterInstance:ClusterInstance')).toHaveLength(2);
  });
});
