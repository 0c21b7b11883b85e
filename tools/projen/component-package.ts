import { PhiPackage, PhiPackageOptions } from './phi-package';
import { versions } from './versions';

export interface ComponentPackageOptions
  extends Omit<PhiPackageOptions, 'outdir' | 'packageName' | 'nxName' | 'private'> {
  /** Short name: folder `packages/<name>`, package `@phi-platform/<name>`, Nx project `<name>`. */
  readonly name: string;
  /** Pulumi SDKs the package needs from its consumer (one copy of the runtime per program). */
  readonly pulumiPeers?: Array<'aws' | 'random' | 'policy'>;
}

const PEER_VERSIONS = {
  aws: ['@pulumi/aws', versions.pulumiAws],
  random: ['@pulumi/random', versions.pulumiRandom],
  policy: ['@pulumi/policy', versions.pulumiPolicy],
} as const;

/**
 * A published building block under `packages/`. The Pulumi SDKs are peer dependencies so that a
 * program holds a single copy of the Pulumi runtime (two copies break resource registration).
 */
export class ComponentPackage extends PhiPackage {
  constructor(options: ComponentPackageOptions) {
    super({
      ...options,
      outdir: `packages/${options.name}`,
      packageName: options.name,
      nxName: options.name,
    });
    this.addPeerDeps(`@pulumi/pulumi@^${versions.pulumi}`);
    for (const peer of options.pulumiPeers ?? []) {
      const [name, version] = PEER_VERSIONS[peer];
      this.addPeerDeps(`${name}@^${version}`);
    }
  }
}
