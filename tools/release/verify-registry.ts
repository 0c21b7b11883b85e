/**
 * `npx projen release:verify` (after the pack check): the publish round trip a consumer sees.
 *
 * Starts Verdaccio on 127.0.0.1, publishes @phi-platform/compute, everything it needs at run time
 * and @phi-platform/offline, each packed from this workspace's build at its current version; then
 * a scratch project in a temporary folder outside the workspace installs compute and offline from
 * Verdaccio (every other package from the npm registry, through a scoped registry line) and runs
 * a small Pulumi program with them under the offline mocks. Verdaccio is stopped by its process
 * id whatever happens. Set PHI_KEEP_SCRATCH=1 to keep the temporary folder for a post-mortem.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { versions } from '../projen/versions';
import { startVerdaccio } from './verdaccio';
import {
  npm,
  publishedPackages,
  runtimeClosure,
  SCOPE,
  WorkspacePackage,
} from './workspace-packages';

const execFileAsync = promisify(execFile);
const started = Date.now();
function step(message: string): void {
  process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
}

/** npm config for one folder: our scope from Verdaccio with the token, the rest as configured. */
function npmrc(registryUrl: string, token: string, scopedOnly: boolean): string {
  const host = registryUrl.replace(/^http:/, '');
  const lines = [`${SCOPE}:registry=${registryUrl}`, `${host}:_authToken=${token}`];
  if (!scopedOnly) lines.unshift(`registry=${registryUrl}`);
  return `${lines.join('\n')}\n`;
}

async function publishAll(
  dir: string,
  registryUrl: string,
  token: string,
  pkgs: WorkspacePackage[],
): Promise<void> {
  mkdirSync(dir);
  // A package.json makes this folder npm's project root, so its .npmrc is the one used.
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  writeFileSync(join(dir, '.npmrc'), npmrc(registryUrl, token, false));
  for (const pkg of pkgs) {
    assert.ok(existsSync(join(pkg.dir, 'lib', 'index.js')), `${pkg.name} is not built`);
  }
  // One npm start for every tarball; the publishes are independent, so they run side by side.
  const packed = JSON.parse(
    npm(
      [
        'pack',
        ...pkgs.map((p) => p.dir),
        '--json',
        '--silent',
        '--ignore-scripts',
        '--pack-destination',
        dir,
      ],
      dir,
    ),
  ) as { name: string; version: string; filename: string }[];
  assert.equal(packed.length, pkgs.length, 'npm pack did not pack every package');
  await Promise.all(
    packed.map(async ({ name, version, filename }) => {
      await execFileAsync(
        'npm',
        ['publish', filename, '--provenance=false', '--ignore-scripts', '--loglevel=warn'],
        { cwd: dir },
      );
      step(`published ${name}@${version}`);
    }),
  );
}

const PROGRAM = `'use strict';
// Installed from the local registry: the consumer's view of the packages.
const { installMocks, unwrap } = require('@phi-platform/offline');

async function main() {
  const runtime = installMocks({ region: 'eu-central-1' });
  // Loaded after the mocks are installed, as a consumer's test would.
  const { EncryptionKey } = require('@phi-platform/crypto');
  const { ServiceCluster } = require('@phi-platform/compute');
  const result = await runtime.run(() => {
    const key = new EncryptionKey('platform', { environment: 'dev' });
    const cluster = new ServiceCluster('orders', { kmsKeyArn: key.keyArn, environment: 'dev' });
    return { key, cluster };
  });
  const { key, cluster } = result.value;
  process.stdout.write(JSON.stringify({
    keyArn: await unwrap(key.keyArn),
    clusterArn: await unwrap(cluster.clusterArn),
    logGroupKeys: runtime.byType('aws:cloudwatch/logGroup:LogGroup').map((g) => g.inputs.kmsKeyId),
    types: [...new Set(runtime.resources().map((r) => r.type))].sort(),
    resolved: {
      compute: require.resolve('@phi-platform/compute'),
      pulumi: require.resolve('@pulumi/pulumi'),
    },
  }));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + '\\n');
  process.exit(1);
});
`;

function installScratch(dir: string, registryUrl: string, token: string, pkgs: WorkspacePackage[]) {
  mkdirSync(dir);
  const ours = Object.fromEntries(pkgs.map((p) => [p.name, p.version]));
  const manifest = {
    name: 'phi-platform-consumer',
    private: true,
    dependencies: {
      [`${SCOPE}/compute`]: ours[`${SCOPE}/compute`],
      [`${SCOPE}/crypto`]: ours[`${SCOPE}/crypto`],
      [`${SCOPE}/offline`]: ours[`${SCOPE}/offline`],
      // The peers a consumer provides, pinned like the workspace pins them.
      '@pulumi/pulumi': versions.pulumi,
      '@pulumi/aws': versions.pulumiAws,
      '@pulumi/random': versions.pulumiRandom,
    },
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, undefined, 2)}\n`);
  writeFileSync(join(dir, '.npmrc'), npmrc(registryUrl, token, true));
  writeFileSync(join(dir, 'program.js'), PROGRAM);
  npm(
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--ignore-scripts',
      '--loglevel=error',
    ],
    dir,
  );
}

interface ProgramOutput {
  keyArn: string;
  clusterArn: string;
  logGroupKeys: unknown[];
  types: string[];
  resolved: { compute: string; pulumi: string };
}

function checkScratch(dir: string, registryUrl: string, pkgs: WorkspacePackage[]): void {
  for (const pkg of pkgs.filter((p) => existsSync(join(dir, 'node_modules', p.name)))) {
    const installed = join(dir, 'node_modules', pkg.name);
    assert.ok(!lstatSync(installed).isSymbolicLink(), `${pkg.name} is a link, not an install`);
    assert.ok(!existsSync(join(installed, 'src')), `${pkg.name} was installed with its sources`);
  }
  const listed = npm(['view', `${SCOPE}/compute`, 'versions', '--json'], dir);
  step(`${SCOPE}/compute versions in ${registryUrl}: ${listed.trim().replace(/\s+/g, ' ')}`);

  const output = JSON.parse(
    execFileSync(process.execPath, ['program.js'], { cwd: dir, encoding: 'utf8' }),
  ) as ProgramOutput;
  assert.equal(relative(dir, output.resolved.compute).split('/')[0], 'node_modules');
  assert.equal(relative(dir, output.resolved.pulumi).split('/')[0], 'node_modules');
  assert.match(output.keyArn, /^arn:aws:kms:eu-central-1:123456789012:key\/[0-9a-f-]{36}$/);
  assert.match(output.clusterArn, /^arn:aws:ecs:eu-central-1:123456789012:cluster\/.+/);
  for (const type of ['aws:ecs/cluster:Cluster', 'aws:kms/key:Key']) {
    assert.ok(output.types.includes(type), `the program registered no ${type}`);
  }
  assert.ok(output.logGroupKeys.length > 0, 'the cluster created no log group');
  for (const key of output.logGroupKeys) assert.equal(key, output.keyArn);
  step(`program ran: ${output.types.length} resource types, cluster ${output.clusterArn}`);
}

async function main(): Promise<void> {
  const pkgs = runtimeClosure(publishedPackages(), ['compute', 'offline']);
  step(`packages to publish: ${pkgs.map((p) => `${p.name}@${p.version}`).join(', ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'phi-release-verify-'));
  const registry = await startVerdaccio(dir);
  step(`verdaccio ${registry.url} up, pid ${registry.pid}`);
  try {
    await publishAll(join(dir, 'publish'), registry.url, registry.token, pkgs);
    installScratch(join(dir, 'consumer'), registry.url, registry.token, pkgs);
    step('consumer project installed');
    checkScratch(join(dir, 'consumer'), registry.url, pkgs);
  } finally {
    await registry.stop();
    step(`verdaccio pid ${registry.pid} stopped`);
    if (process.env.PHI_KEEP_SCRATCH === '1') step(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  step('release round trip passed');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
