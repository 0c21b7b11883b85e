import { PhiPlatform, PlatformSettings } from '../src';

/** A small dev-sized environment without ingress, built from settings given in code. */
export function exampleSettings(region: string): PlatformSettings {
  return {
    environment: 'dev',
    region,
    cidrBlock: '10.50.0.0/16',
    zoneCount: 2,
    natGateways: 'single',
    deletionProtection: false,
    backupRetentionDays: 30,
    logRetentionDays: 365,
    database: { engineVersion: '16.4', instanceClass: 'db.t4g.medium', readers: 1 },
    cache: {
      engine: 'valkey',
      engineVersion: '8.0',
      nodeType: 'cache.t4g.small',
      nodes: 1,
      failover: false,
    },
    service: { image: 'public.ecr.aws/nginx/nginx:1.27', cpu: 256, memory: 512, desiredCount: 1 },
    ingress: { enabled: false },
  };
}

export function buildExample(region: string): Promise<PhiPlatform> {
  return PhiPlatform.create('example', exampleSettings(region));
}
