export * from './arn-checks';
export * from './EncryptionKey';
export * from './GeneratedSecret';
export * from './key-policy';
export * from './secret-presets';
export * from './statements';
