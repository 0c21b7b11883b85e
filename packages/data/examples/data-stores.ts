import * as pulumi from '@pulumi/pulumi';
import { EncryptionKey } from '@phi-platform/crypto';
import { AuroraPostgres, RedisCache } from '../src';

/** Where the example places the stores; a real stack passes a Network's outputs. */
export interface DataStoresInput {
  readonly vpcId: pulumi.Input<string>;
  readonly isolatedSubnetIds: pulumi.Input<string>[];
  /** The application's security group, the only one allowed to connect. */
  readonly appSecurityGroupId: pulumi.Input<string>;
  readonly environment?: string;
}

/**
 * A platform key, an Aurora PostgreSQL cluster (RDS-managed master password, one reader) and a
 * Valkey cache, both reachable only from the application's security group.
 */
export function dataStores(input: DataStoresInput) {
  const environment = input.environment ?? 'dev';
  const key = new EncryptionKey('platform', { description: 'PHI data at rest', environment });

  const db = new AuroraPostgres('records', {
    vpcId: input.vpcId,
    subnetIds: input.isolatedSubnetIds,
    engineVersion: '16.4',
    kmsKeyArn: key.keyArn,
    allowedSecurityGroupIds: { app: input.appSecurityGroupId },
    instances: { instanceClass: 'db.r6g.large', readers: 1 },
    environment,
  });

  const cache = new RedisCache('sessions', {
    vpcId: input.vpcId,
    subnetIds: input.isolatedSubnetIds,
    kmsKeyArn: key.keyArn,
    engine: 'valkey',
    engineVersion: '8.0',
    allowedSecurityGroupIds: { app: input.appSecurityGroupId },
    environment,
  });

  return {
    key,
    db,
    cache,
    appDbStatement: db.connectStatement('app_user', 'ConnectAsAppUser'),
  };
}
