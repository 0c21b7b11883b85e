/**
 * Exact versions of the toolchain, in one place.
 *
 * Why exact: npm resolves a range to the newest release whose `engines.node` fits the running
 * Node, so a range gives Node 20 and Node 22 machines different SDKs. These versions are the
 * set measured to install and work together on Node 20 (Pulumi SDK 3.249+ needs Node 22).
 */
export const versions = {
  pulumi: '3.248.0',
  pulumiAws: '7.48.0',
  pulumiRandom: '4.21.2',
  pulumiPolicy: '1.21.0',
  projen: '0.103.25',
  constructs: '10.8.1',
  tsx: '4.23.15',
  typescript: '5.9.3',
  typesNode: '20.19.43',
  nx: '24.0.6',
  jest: '30.5.2',
  swcJest: '0.2.39',
  swcCore: '1.16.22',
  typesJest: '30.0.0',
  eslint: '10.16.0',
  eslintJs: '10.0.1',
  typescriptEslint: '8.74.0',
  pulumiEslint: '0.3.1',
  prettier: '3.6.2',
  // AWS's own partition table (regions, partitions, DNS suffixes), as shipped with the SDK v3.
  awsSdkUtilEndpoints: '3.996.55',
  zod: '4.6.7',
  commander: '14.0.3',
  yaml: '2.9.1',
  verdaccio: '6.8.0',
  actionValidator: '0.6.0',
} as const;

/** `name@version` for a dependency list. */
export function pin(name: string, version: string): string {
  return `${name}@${version}`;
}
