/**
 * How `nx release` reads and writes versions in our package.json files (nx.json points
 * `release.version.versionActions` here). Nx's own implementation ships in @nx/js, which has no
 * release for Nx 24, and writing the file ourselves keeps it byte-for-byte what projen writes:
 * two-space JSON, key order kept, sibling ranges always `^<new version>`.
 */
import { join } from 'node:path';
import { VersionActions } from 'nx/release';
import type { ProjectGraph, Tree } from 'nx/src/devkit-exports';

const DEPENDENCY_COLLECTIONS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
] as const;

type Manifest = { name?: string; version?: string } & Partial<
  Record<(typeof DEPENDENCY_COLLECTIONS)[number], Record<string, string>>
>;

function readManifest(tree: Tree, path: string): Manifest {
  const text = tree.read(path, 'utf-8');
  if (text === null) throw new Error(`${path} does not exist`);
  return JSON.parse(text) as Manifest;
}

function writeManifest(tree: Tree, path: string, manifest: Manifest): void {
  tree.write(path, `${JSON.stringify(manifest, undefined, 2)}\n`);
}

export default class PackageJsonVersionActions extends VersionActions {
  validManifestFilenames = ['package.json'];
  // Nx would run Prettier over what we wrote; projen does not, and the two must agree.
  override excludeManifestsFromFormatting = true;

  private get manifestPath(): string {
    return join(this.projectGraphNode.data.root, 'package.json');
  }

  readCurrentVersionFromSourceManifest(
    tree: Tree,
  ): Promise<{ currentVersion: string; manifestPath: string } | null> {
    const { version } = readManifest(tree, this.manifestPath);
    if (!version) return Promise.resolve(null);
    return Promise.resolve({ currentVersion: version, manifestPath: this.manifestPath });
  }

  // Current versions come from git tags (then disk); asking a registry is not configured.
  readCurrentVersionFromRegistry(): Promise<null> {
    return Promise.resolve(null);
  }

  readCurrentVersionOfDependency(
    tree: Tree,
    projectGraph: ProjectGraph,
    dependencyProjectName: string,
  ): Promise<{ currentVersion: string | null; dependencyCollection: string | null }> {
    const packageName = packageNameOf(tree, projectGraph, dependencyProjectName);
    const manifest = readManifest(tree, this.manifestPath);
    for (const collection of DEPENDENCY_COLLECTIONS) {
      const range = manifest[collection]?.[packageName];
      if (range !== undefined) {
        return Promise.resolve({ currentVersion: range, dependencyCollection: collection });
      }
    }
    return Promise.resolve({ currentVersion: null, dependencyCollection: null });
  }

  updateProjectVersion(tree: Tree, newVersion: string): Promise<string[]> {
    const logs: string[] = [];
    for (const { manifestPath } of this.manifestsToUpdate) {
      const manifest = readManifest(tree, manifestPath);
      manifest.version = newVersion;
      writeManifest(tree, manifestPath, manifest);
      logs.push(`✍️  New version ${newVersion} written to manifest: ${manifestPath}`);
    }
    return Promise.resolve(logs);
  }

  /** `dependenciesToUpdate` maps Nx project names to the full new range (prefix included). */
  updateProjectDependencies(
    tree: Tree,
    projectGraph: ProjectGraph,
    dependenciesToUpdate: Record<string, string>,
  ): Promise<string[]> {
    const updates = Object.entries(dependenciesToUpdate).map(
      ([project, range]) => [packageNameOf(tree, projectGraph, project), range] as const,
    );
    if (updates.length === 0) return Promise.resolve([]);
    const logs: string[] = [];
    for (const { manifestPath } of this.manifestsToUpdate) {
      const manifest = readManifest(tree, manifestPath);
      let changed = 0;
      for (const collection of DEPENDENCY_COLLECTIONS) {
        const deps = manifest[collection];
        if (!deps) continue;
        for (const [name, range] of updates) {
          if (deps[name] !== undefined && deps[name] !== range) {
            deps[name] = range;
            changed += 1;
          }
        }
      }
      if (changed > 0) {
        writeManifest(tree, manifestPath, manifest);
        logs.push(`✍️  Updated ${changed} dependency range(s) in manifest: ${manifestPath}`);
      }
    }
    return Promise.resolve(logs);
  }
}

function packageNameOf(tree: Tree, projectGraph: ProjectGraph, project: string): string {
  const node = projectGraph.nodes[project];
  if (!node) throw new Error(`Nx project ${project} is not in the project graph`);
  const { name } = readManifest(tree, join(node.data.root, 'package.json'));
  if (!name) throw new Error(`${node.data.root}/package.json has no name`);
  return name;
}
