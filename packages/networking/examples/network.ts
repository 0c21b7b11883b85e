/**
 * A network for one environment, plus the security groups an application and its database
 * would use. Run by test/example.test.ts under the offline mocks.
 */
import { Network, TrafficGroup } from '../src';

export function buildNetwork(flowLogKmsKeyArn: string): {
  network: Network;
  app: TrafficGroup;
  database: TrafficGroup;
} {
  const network = new Network('platform', {
    cidrBlock: '10.20.0.0/16',
    zoneCount: 2,
    natGateways: 'single',
    flowLogKmsKeyArn,
    environment: 'dev',
  });

  const app = new TrafficGroup('app', {
    vpcId: network.vpcId,
    description: 'Application tasks: HTTPS in from the load balancer',
  });
  const database = new TrafficGroup('database', {
    vpcId: network.vpcId,
    description: 'Aurora PostgreSQL: 5432 from the application only',
  });

  database.allowFrom('postgres-from-app', {
    sourceSecurityGroupId: app.securityGroupId,
    port: 5432,
    description: 'PostgreSQL from the application tasks',
  });
  app.allowTo('postgres-to-database', {
    destinationSecurityGroupId: database.securityGroupId,
    port: 5432,
    description: 'PostgreSQL to the database',
  });
  app.allowTo('https-to-endpoints', {
    destinationSecurityGroupId: network.endpointSecurityGroupId,
    port: 443,
    description: 'HTTPS to the AWS API endpoints',
  });
  return { network, app, database };
}
