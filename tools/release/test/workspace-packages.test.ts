import { inPublishOrder, runtimeClosure, WorkspacePackage } from '../workspace-packages';

function pkg(project: string, runtimeDeps: string[] = []): WorkspacePackage {
  return {
    project,
    name: `@phi-platform/${project}`,
    version: '1.0.0',
    dir: `/w/packages/${project}`,
    runtimeDeps,
  };
}

const graph = [
  pkg('compute', ['core', 'crypto', 'networking']),
  pkg('core'),
  pkg('crypto', ['core']),
  pkg('data', ['core', 'crypto', 'networking']),
  pkg('networking', ['core']),
  pkg('offline'),
  pkg('platform', ['compute', 'data', 'offline']),
];

describe('inPublishOrder', () => {
  it('puts every dependency before its dependents', () => {
    const order = inPublishOrder(graph).map((p) => p.project);
    for (const p of graph) {
      for (const dep of p.runtimeDeps) {
        expect(order.indexOf(dep)).toBeLessThan(order.indexOf(p.project));
      }
    }
    expect(order).toHaveLength(graph.length);
  });

  it('names a cycle', () => {
    expect(() => inPublishOrder([pkg('a', ['b']), pkg('b', ['a'])])).toThrow(
      'dependency cycle: a -> b -> a',
    );
  });
});

describe('runtimeClosure', () => {
  it('is compute and what it needs, not data or platform', () => {
    expect(runtimeClosure(graph, ['compute', 'offline']).map((p) => p.project)).toEqual([
      'core',
      'crypto',
      'networking',
      'compute',
      'offline',
    ]);
  });

  it('refuses a project that is not published', () => {
    expect(() => runtimeClosure(graph, ['stacks-prod'])).toThrow(
      'stacks-prod is not a published package under packages/',
    );
  });
});
