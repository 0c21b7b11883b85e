import { installMocks, isSecretOutput, unwrap } from '../src';
import { smallProgram } from '../examples/small-program';

describe('small program in us-west-1', () => {
  test('records zones, ARNs and secrets', async () => {
    const rt = installMocks({ region: 'us-west-1' });
    const { value } = await rt.run(() => smallProgram());
    expect(await unwrap(value.zoneNames)).toEqual(['us-west-1a', 'us-west-1b']);
    expect(await isSecretOutput(value.password)).toBe(true);
    expect(rt.byType('aws:ec2/subnet:Subnet').map((s) => s.state['availabilityZoneId'])).toEqual([
      'usw1-az1',
      'usw1-az3',
    ]);
    const key = rt.one('aws:kms/key:Key');
    expect(key.state['arn']).toBe(`arn:aws:kms:us-west-1:123456789012:key/${key.id}`);
    expect(rt.one('aws:secretsmanager/secretVersion:SecretVersion').secretPaths).toEqual([
      'secretString',
    ]);
  });
});
