/**
 * The published packages of the workspace (packages/*, never stacks/*), read from their
 * package.json files, and the npm commands the release and its checks share.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const WORKSPACE_ROOT = resolve(__dirname, '..', '..');
export const SCOPE = '@phi-platform';

export interface WorkspacePackage {
  /** Nx project name, which is also the folder name and the commit scope (`core`). */
  readonly project: string;
  /** npm name (`@phi-platform/core`). */
  readonly name: string;
  readonly version: string;
  /** Absolute folder. */
  readonly dir: string;
  /** Sibling packages needed at run time (dependencies and peer dependencies), by project. */
  readonly runtimeDeps: string[];
}

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** Every package under packages/ that is not private, sorted by name. */
export function publishedPackages(root = WORKSPACE_ROOT): WorkspacePackage[] {
  const parent = join(root, 'packages');
  const result: WorkspacePackage[] = [];
  for (const project of readdirSync(parent).sort()) {
    const manifestPath = join(parent, project, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (manifest.private === true) continue;
    const siblings = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })
      .filter((name) => name.startsWith(`${SCOPE}/`))
      .map((name) => name.slice(SCOPE.length + 1));
    result.push({
      project,
      name: manifest.name,
      version: manifest.version,
      dir: join(parent, project),
      runtimeDeps: siblings.sort(),
    });
  }
  return result;
}

/** Dependencies before dependents, so a registry never holds a package whose deps are missing. */
export function inPublishOrder(packages: readonly WorkspacePackage[]): WorkspacePackage[] {
  const byProject = new Map(packages.map((p) => [p.project, p]));
  const ordered: WorkspacePackage[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (pkg: WorkspacePackage, path: string[]): void => {
    const seen = state.get(pkg.project);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      throw new Error(`dependency cycle: ${[...path, pkg.project].join(' -> ')}`);
    }
    state.set(pkg.project, 'visiting');
    for (const dep of pkg.runtimeDeps) {
      const target = byProject.get(dep);
      if (target) visit(target, [...path, pkg.project]);
    }
    state.set(pkg.project, 'done');
    ordered.push(pkg);
  };
  for (const pkg of packages) visit(pkg, []);
  return ordered;
}

/** `project` and every sibling it needs at run time, transitively. */
export function runtimeClosure(
  packages: readonly WorkspacePackage[],
  projects: readonly string[],
): WorkspacePackage[] {
  const byProject = new Map(packages.map((p) => [p.project, p]));
  const wanted = new Set<string>();
  const add = (project: string): void => {
    if (wanted.has(project)) return;
    const pkg = byProject.get(project);
    if (!pkg) throw new Error(`${project} is not a published package under packages/`);
    wanted.add(project);
    pkg.runtimeDeps.forEach(add);
  };
  projects.forEach(add);
  return inPublishOrder(packages.filter((p) => wanted.has(p.project)));
}

/** Runs npm and returns its standard output; npm's own messages go to our stderr. */
export function npm(args: readonly string[], cwd: string): string {
  return execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
}
