import { installMocks, unwrap } from '@phi-platform/offline';
import { dataStores } from '../examples/data-stores';
import { NETWORK, REGIONS } from './helpers';

describe.each(REGIONS)('examples/data-stores in $region', ({ region, partition }) => {
  it('builds the key, the database and the cache', async () => {
    const rt = installMocks({ region });
    const { value } = await rt.run(() =>
      dataStores({
        vpcId: NETWORK.vpcId,
        isolatedSubnetIds: NETWORK.isolatedSubnetIds,
        appSecurityGroupId: NETWORK.appSecurityGroupId,
      }),
    );
    expect(rt.byType('phi-platform:data:AuroraPostgres')).toHaveLength(1);
    expect(rt.byType('phi-platform:data:RedisCache')).toHaveLength(1);
    expect(rt.byType('aws:rds/clusterInstance:ClusterInstance')).toHaveLength(2);
    const resourceId = rt.one('aws:rds/cluster:Cluster').state['clusterResourceId'] as string;
    expect(await unwrap(value.appDbStatement)).toEqual({
      Sid: 'ConnectAsAppUser',
      Effect: 'Allow',
      Action: 'rds-db:connect',
      Resource: `arn:${partition}:rds-db:${region}:123456789012:dbuser:${resourceId}/app_user`,
    });
    const outputs = rt.one('phi-platform:data:AuroraPostgres').outputs ?? {};
    expect(Object.keys(outputs).sort()).toEqual([
      'clusterArn',
      'clusterIdentifier',
      'clusterResourceId',
      'endpoint',
      'logGroupName',
      'masterSecretArn',
      'parameterGroupName',
      'port',
      'readerEndpoint',
      'securityGroupId',
    ]);
  });
});
