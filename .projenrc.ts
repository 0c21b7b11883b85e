// The only hand-edited project file. Every other configuration file is generated from here;
// run `npx projen` after changing it. The classes live in tools/projen/.
import {
  ComponentPackage,
  pin,
  ReleaseTasks,
  StackPackage,
  versions,
  Workspace,
} from './tools/projen';

const root = new Workspace();

// Building blocks, published as @phi-platform/<name>. Dependencies point one way:
// core <- crypto <- networking <- data / compute <- platform <- stacks.
new ComponentPackage({
  parent: root,
  name: 'core',
  description: 'Naming, tags, partition-aware ARNs, typed IAM policy documents, config errors',
  pulumiPeers: ['aws'],
  workspaceDevDeps: ['offline'],
});
new ComponentPackage({
  parent: root,
  name: 'offline',
  description: 'AWS-aware Pulumi mocks and a resource recorder for tests and offline plans',
  pulumiPeers: ['aws'],
  deps: [pin('@aws-sdk/util-endpoints', versions.awsSdkUtilEndpoints)],
  devDeps: [pin('@pulumi/random', versions.pulumiRandom)],
});
new ComponentPackage({
  parent: root,
  name: 'crypto',
  description: 'EncryptionKey (customer-managed KMS key and its policy) and GeneratedSecret',
  pulumiPeers: ['aws', 'random'],
  workspaceDeps: ['core'],
  workspaceDevDeps: ['offline'],
});
new ComponentPackage({
  parent: root,
  name: 'networking',
  description: 'Network (VPC, subnet tiers, NAT, flow logs, endpoints) and security-group helpers',
  pulumiPeers: ['aws'],
  workspaceDeps: ['core'],
  workspaceDevDeps: ['offline'],
});
new ComponentPackage({
  parent: root,
  name: 'data',
  description: 'AuroraPostgres and RedisCache: encrypted, TLS-only, backed up',
  pulumiPeers: ['aws', 'random'],
  workspaceDeps: ['core', 'crypto', 'networking'],
  workspaceDevDeps: ['offline'],
});
new ComponentPackage({
  parent: root,
  name: 'compute',
  description: 'ServiceCluster, TlsService (Fargate on 443) and HttpsIngress',
  pulumiPeers: ['aws'],
  workspaceDeps: ['core', 'crypto', 'networking'],
  workspaceDevDeps: ['offline'],
});
new ComponentPackage({
  parent: root,
  name: 'policies',
  description: 'The HIPAA policy pack (Pulumi CrossGuard) and its offline evaluator',
  pulumiPeers: ['aws', 'policy'],
  // The directory `pulumi --policy-pack` takes: PulumiPolicy.yaml and its package.json.
  extraPublishedFiles: ['pack/PulumiPolicy.yaml', 'pack/package.json'],
  workspaceDeps: ['core'],
  workspaceDevDeps: ['offline'],
});
new ComponentPackage({
  parent: root,
  name: 'platform',
  description: 'One environment of the platform composed from the blocks, its settings, phi-stack',
  pulumiPeers: ['aws', 'random'],
  workspaceDeps: ['core', 'crypto', 'networking', 'data', 'compute', 'offline', 'policies'],
  deps: [
    pin('zod', versions.zod),
    pin('commander', versions.commander),
    pin('yaml', versions.yaml),
  ],
  // A committed shim, so npm links the command before the package is built.
  bin: { 'phi-stack': 'bin/phi-stack.js' },
  extraPublishedFiles: ['bin/phi-stack.js'],
});

// Environments: private Pulumi projects that differ only in their Pulumi.<env>.yaml.
for (const env of ['dev', 'staging', 'prod'] as const) {
  new StackPackage({
    parent: root,
    env,
    description: `The ${env} environment of the platform`,
    workspaceDeps: ['platform'],
  });
}

// Independent versions and publishing of packages/* (docs/releasing.md).
new ReleaseTasks(root);

// Plan wall time and memory per stack and across regions (tools/bench/plan-bench.ts).
root.addTask('bench', {
  description: 'Benchmark phi-stack plan: per stack, across regions, vs. loading the SDKs',
  exec: 'tsx tools/bench/plan-bench.ts',
});

root.synth();
