import { installMocks, unwrap } from '@phi-platform/offline';
import { awsContext, regionalServiceHost } from '../src';

describe('awsContext', () => {
  it.each([
    ['us-east-1', 'aws', 'amazonaws.com'],
    ['ap-southeast-7', 'aws', 'amazonaws.com'],
    ['us-gov-west-1', 'aws-us-gov', 'amazonaws.com'],
    ['cn-northwest-1', 'aws-cn', 'amazonaws.com.cn'],
  ])(
    'reads region, account, partition and DNS suffix from the provider in %s',
    async (region, partition, dnsSuffix) => {
      const rt = installMocks({ region, accountId: '210987654321' });
      const { value } = await rt.run(() => awsContext());
      const ctx = await unwrap(value);
      expect(ctx).toEqual({ region, accountId: '210987654321', partition, dnsSuffix });
      expect(regionalServiceHost('secretsmanager', ctx)).toBe(
        `secretsmanager.${region}.${dnsSuffix}`,
      );
    },
  );
});
