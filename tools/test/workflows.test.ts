import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Reads the workflows projen generated, as GitHub would see them. */
const root = join(__dirname, '..', '..');
const dir = join(root, '.github', 'workflows');
const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  name?: string;
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  environment?: string;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  'timeout-minutes'?: number;
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

function load(name: string): Workflow {
  return parse(readFileSync(join(dir, `${name}.yml`), 'utf8')) as Workflow;
}

const workflows = Object.fromEntries(
  files.map((f) => [f.replace(/\.yml$/, ''), load(f.slice(0, -4))]),
);
const allJobs = Object.entries(workflows).flatMap(([wf, w]) =>
  Object.entries(w.jobs).map(([id, job]) => ({ id: `${wf}/${id}`, job })),
);

describe('generated GitHub workflows', () => {
  it('are the four the repository documents', () => {
    expect(files.sort()).toEqual(['deploy.yml', 'main.yml', 'pull-request.yml', 'release.yml']);
  });

  it.each(files)('%s passes action-validator', (file) => {
    const bin = join(root, 'node_modules', '.bin', 'action-validator');
    // Throws (and fails the test) when the validator reports anything.
    const out = execFileSync(bin, [join(dir, file)], { encoding: 'utf8' });
    expect(out).toBe('');
  });

  it('pull requests fetch full history and compare with the pull request base', () => {
    const job = workflows['pull-request']!.jobs.checks!;
    const checkout = job.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
    expect(job.env?.NX_BASE).toBe('${{ github.event.pull_request.base.sha }}');
    expect(job.env?.NX_HEAD).toBe('${{ github.event.pull_request.head.sha }}');
    const affected = job.steps.find((s) => s.run?.startsWith('npx nx affected'));
    expect(affected?.run).toBe(
      'npx nx affected -t lint typecheck test plan --base="$NX_BASE" --head="$NX_HEAD"',
    );
    const setup = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setup?.with?.cache).toBe('npm');
    expect(job.steps.map((s) => s.run)).toContain('npm ci');
  });

  it('pull requests upload plan JSON and diagrams and write a job summary', () => {
    const steps = workflows['pull-request']!.jobs.checks!.steps;
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.path).toBe('stacks/*/plan/');
    expect(upload?.if).toBe('always()');
    expect(steps.some((s) => s.run?.includes('>> "$GITHUB_STEP_SUMMARY"'))).toBe(true);
  });

  it('gives every job least permissions: read by default, OIDC only where a role is assumed', () => {
    for (const { id, job } of allJobs) {
      expect({ id, contents: job.permissions?.contents }).toEqual({
        id,
        contents: id === 'release/release' ? 'write' : 'read',
      });
      const assumesRole = job.steps.some((s) =>
        s.uses?.startsWith('aws-actions/configure-aws-credentials@'),
      );
      const publishes = id === 'release/release';
      expect({ id, idToken: job.permissions?.['id-token'] }).toEqual({
        id,
        idToken: assumesRole || publishes ? 'write' : undefined,
      });
      expect(Object.keys(job.permissions ?? {}).sort()).toEqual(
        assumesRole || publishes ? ['contents', 'id-token'] : ['contents'],
      );
    }
  });

  it('puts a timeout on every job', () => {
    for (const { id, job } of allJobs) {
      expect({ id, timeout: typeof job['timeout-minutes'] }).toEqual({ id, timeout: 'number' });
    }
  });

  it('previews staging and prod on main with the Pulumi CLI and OIDC credentials', () => {
    const jobs = workflows.main!.jobs;
    for (const env of ['staging', 'prod']) {
      const job = jobs[`preview-${env}`]!;
      expect(job.needs).toBe('checks');
      expect(job.steps.map((s) => s.uses).filter(Boolean)).toEqual(
        expect.arrayContaining(['pulumi/actions@v6', 'aws-actions/configure-aws-credentials@v4']),
      );
      expect(job.steps.at(-1)?.run).toBe(`npx nx run stacks-${env}:preview`);
    }
  });

  it('deploys dev then staging after merge, one deployment per stack, never cancelled', () => {
    const jobs = workflows.main!.jobs;
    expect(jobs['deploy-dev']!.needs).toBe('checks');
    expect(jobs['deploy-staging']!.needs).toEqual(['deploy-dev', 'preview-staging']);
    expect(jobs['deploy-prod']).toBeUndefined();
    for (const env of ['dev', 'staging']) {
      expect(jobs[`deploy-${env}`]!.concurrency).toEqual({
        group: `deploy-${env}`,
        'cancel-in-progress': false,
      });
    }
  });

  it('deploys prod only on demand, behind the protected prod environment', () => {
    const deploy = workflows.deploy!;
    expect(Object.keys(deploy.on)).toEqual(['workflow_dispatch']);
    const prod = deploy.jobs['deploy-prod']!;
    expect(prod.environment).toBe('prod');
    expect(prod.if).toBe("inputs.environment == 'prod' && github.ref == 'refs/heads/main'");
    expect(prod.concurrency).toEqual({ group: 'deploy-prod', 'cancel-in-progress': false });
    expect(prod.steps.at(-1)?.run).toBe('npx nx run stacks-prod:up -- --yes');
  });

  it('chooses the root as the affected base when the pushed-over commit is unknown', () => {
    for (const wf of ['pull-request', 'main']) {
      const steps = workflows[wf]!.jobs.checks!.steps;
      const choose = steps.findIndex((s) => s.name === 'Choose the affected base');
      const affected = steps.findIndex((s) => s.run?.startsWith('npx nx affected'));
      expect({ wf, before: choose >= 0 && choose < affected }).toEqual({ wf, before: true });
      expect(steps[choose]!.run).toContain('git rev-list --max-parents=0 HEAD');
    }
  });

  it('installs the Pulumi CLI of the pinned SDK release', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'stacks', 'prod', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const installs = allJobs.flatMap(({ job }) =>
      job.steps.filter((s) => s.uses?.startsWith('pulumi/actions@')),
    );
    expect(installs.length).toBeGreaterThan(0);
    for (const step of installs) {
      expect(step.with?.['pulumi-version']).toBe(pkg.dependencies['@pulumi/pulumi']);
    }
  });

  it('releases from main only', () => {
    expect(workflows.release!.jobs.release!.if).toBe("github.ref == 'refs/heads/main'");
  });

  it('publishes releases with provenance', () => {
    const job = workflows.release!.jobs.release!;
    expect(job.env?.NPM_CONFIG_PROVENANCE).toBe('true');
    expect(job.steps.at(-1)?.run).toBe('npm run release -- --yes --push');
  });

  it('pins every action to a commit SHA, or lists it in README hardening steps', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const hardening = readme.slice(readme.indexOf('## Hardening a fork'));
    const uses = new Set(
      allJobs.flatMap(({ job }) => job.steps.map((s) => s.uses)).filter(Boolean),
    );
    expect(uses.size).toBeGreaterThan(0);
    for (const ref of uses as Set<string>) {
      const pinned = /@[0-9a-f]{40}$/.test(ref);
      const listed = hardening.includes(`\`${ref}\``);
      expect({ ref, pinnedOrListed: pinned || listed }).toEqual({ ref, pinnedOrListed: true });
    }
  });

  it('never echoes a secret into a command line', () => {
    for (const { id, job } of allJobs) {
      for (const step of job.steps) {
        expect({ id, run: step.run ?? '' }).not.toEqual({
          id,
          run: expect.stringContaining('secrets.'),
        });
      }
    }
  });
});
