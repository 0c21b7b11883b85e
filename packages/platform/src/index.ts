// The library a stack program loads. The CLI and the offline plan (src/cli, src/plan) pull in
// the mocks and the policy pack, so they are deliberately not exported from here.
export * from './AccessLogBucket';
export * from './PhiPlatform';
export * from './PublicCertificate';
export * from './regions';
export * from './ServiceConnectAuthority';
export * from './settings';
export * from './stack-config';
export * from './WebFirewall';
