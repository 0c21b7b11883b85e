import { github } from 'projen';
import { JobPermission, JobStep } from 'projen/lib/github/workflows-model';
import { versions } from './versions';

/**
 * Third-party actions, by major version.
 *
 * Why not commit SHAs: a SHA must be looked up in the action's own repository, and these machines
 * cannot reach GitHub. README.md ("Hardening a fork") lists these actions and how to pin them; a
 * test fails if an action is used here without being pinned to a SHA or listed there.
 */
export const ACTIONS = {
  checkout: 'actions/checkout@v4',
  setupNode: 'actions/setup-node@v4',
  uploadArtifact: 'actions/upload-artifact@v4',
  awsCredentials: 'aws-actions/configure-aws-credentials@v4',
  pulumi: 'pulumi/actions@v6',
} as const;

/** The Pulumi CLI release matching the pinned SDK (both come from one release of pulumi). */
const PULUMI_CLI_VERSION = versions.pulumi;

/** The Node.js version CI uses; the same minimum as package.json's `engines`. */
const NODE_VERSION = '20.19';

type Env = 'dev' | 'staging' | 'prod';

const READ_ONLY = { contents: JobPermission.READ };
/** OpenID Connect: the job may ask GitHub for a token to assume an AWS role. */
const ASSUME_ROLE = { contents: JobPermission.READ, idToken: JobPermission.WRITE };

const RUNS_ON = ['ubuntu-latest'];
const NX_ENV = { NX_NO_CLOUD: 'true', NX_DAEMON: 'false' };

function setupSteps(fullHistory: boolean): JobStep[] {
  return [
    {
      name: 'Check out',
      uses: ACTIONS.checkout,
      // Nx compares against the base commit, so the history must be there.
      with: { 'fetch-depth': fullHistory ? 0 : 1, 'persist-credentials': false },
    },
    {
      name: 'Set up Node.js',
      uses: ACTIONS.setupNode,
      with: { 'node-version': NODE_VERSION, cache: 'npm' },
    },
    { name: 'Install from the lockfile', run: 'npm ci' },
  ];
}

/**
 * On a push, the commit before it may not exist here: the first push of a branch reports forty
 * zeros, and a force-push an unreachable commit. Then everything counts as affected (the root).
 */
const AFFECTED_BASE_STEP: JobStep = {
  name: 'Choose the affected base',
  run: [
    'if ! git cat-file -e "${NX_BASE}^{commit}" 2>/dev/null; then',
    '  echo "NX_BASE=$(git rev-list --max-parents=0 HEAD | tail -n 1)" >> "$GITHUB_ENV"',
    'fi',
  ].join('\n'),
};

/** lint, typecheck, test and plan of what changed between NX_BASE and NX_HEAD. */
function checkSteps(): JobStep[] {
  return [
    ...setupSteps(true),
    AFFECTED_BASE_STEP,
    {
      name: 'Lint, type-check, test and plan what the change affects',
      run: 'npx nx affected -t lint typecheck test plan --base="$NX_BASE" --head="$NX_HEAD"',
    },
    {
      name: 'Summarize the plans',
      if: 'always()',
      run: 'npx tsx tools/scripts/plan-summary.ts >> "$GITHUB_STEP_SUMMARY"',
    },
    {
      name: 'Upload plans and diagrams',
      if: 'always()',
      uses: ACTIONS.uploadArtifact,
      with: {
        name: 'plans',
        path: 'stacks/*/plan/',
        'if-no-files-found': 'ignore',
        'retention-days': 14,
      },
    },
  ];
}

/**
 * Steps that give a job AWS credentials and the Pulumi CLI. The role, region and state backend
 * are variables of the job's GitHub environment, so each environment assumes its own role.
 */
function cloudSteps(): JobStep[] {
  return [
    {
      name: 'Assume the environment role (OpenID Connect, no stored keys)',
      uses: ACTIONS.awsCredentials,
      with: {
        'role-to-assume': '${{ vars.AWS_ROLE_ARN }}',
        'aws-region': '${{ vars.AWS_REGION }}',
        'role-session-name': 'phi-platform-${{ github.run_id }}',
      },
    },
    {
      name: 'Install the Pulumi CLI',
      uses: ACTIONS.pulumi,
      // The CLI of the same release as the SDK the lockfile pins, not whatever is newest.
      with: { 'pulumi-version': PULUMI_CLI_VERSION },
    },
    { name: 'Log in to the state backend', run: 'pulumi login "$PULUMI_BACKEND_URL"' },
  ];
}

const CLOUD_ENV = { ...NX_ENV, PULUMI_BACKEND_URL: '${{ vars.PULUMI_BACKEND_URL }}' };

function previewJob(env: Env, needs: string[]): github.workflows.Job {
  return {
    name: `Preview ${env}`,
    needs,
    runsOn: RUNS_ON,
    timeoutMinutes: 30,
    permissions: ASSUME_ROLE,
    // A read-only role, kept apart from the deploy environment so previews need no approval.
    environment: `${env}-preview`,
    env: CLOUD_ENV,
    steps: [
      ...setupSteps(false),
      ...cloudSteps(),
      { name: `pulumi preview (policy pack enforced)`, run: `npx nx run stacks-${env}:preview` },
    ],
  };
}

/**
 * `pulumi up` of one environment. One deployment per stack at a time, across workflows, and a
 * running deployment is never cancelled: a half-applied update is worse than a queued one.
 */
function deployJob(env: Env, needs: string[], condition?: string): github.workflows.Job {
  return {
    name: `Deploy ${env}`,
    needs: needs.length > 0 ? needs : undefined,
    if: condition,
    runsOn: RUNS_ON,
    timeoutMinutes: 90,
    permissions: ASSUME_ROLE,
    environment: env,
    concurrency: { group: `deploy-${env}`, 'cancel-in-progress': false },
    env: CLOUD_ENV,
    steps: [
      ...setupSteps(false),
      ...cloudSteps(),
      {
        name: `pulumi up (policy pack enforced)`,
        run: `npx nx run stacks-${env}:up -- --yes`,
      },
    ],
  };
}

/** The GitHub Actions workflows a team that forks the repository gets. */
export function addWorkflows(gh: github.GitHub): void {
  const pr = new github.GithubWorkflow(gh, 'pull-request', {
    concurrencyOptions: {
      group: 'pull-request-${{ github.event.pull_request.number }}',
      cancelInProgress: true,
    },
  });
  pr.on({ pullRequest: { branches: ['main'] } });
  pr.addJobs({
    checks: {
      name: 'Affected checks and plans',
      runsOn: RUNS_ON,
      timeoutMinutes: 45,
      permissions: READ_ONLY,
      env: {
        ...NX_ENV,
        NX_BASE: '${{ github.event.pull_request.base.sha }}',
        NX_HEAD: '${{ github.event.pull_request.head.sha }}',
      },
      steps: checkSteps(),
    },
  });

  const main = new github.GithubWorkflow(gh, 'main');
  main.on({ push: { branches: ['main'] } });
  main.addJobs({
    checks: {
      name: 'Affected checks and plans',
      runsOn: RUNS_ON,
      timeoutMinutes: 45,
      permissions: READ_ONLY,
      env: { ...NX_ENV, NX_BASE: '${{ github.event.before }}', NX_HEAD: '${{ github.sha }}' },
      steps: checkSteps(),
    },
    'preview-staging': previewJob('staging', ['checks']),
    'preview-prod': previewJob('prod', ['checks']),
    'deploy-dev': deployJob('dev', ['checks']),
    'deploy-staging': deployJob('staging', ['deploy-dev', 'preview-staging']),
  });

  const deploy = new github.GithubWorkflow(gh, 'deploy');
  deploy.on({
    workflowDispatch: {
      inputs: {
        environment: {
          description: 'Environment to deploy (prod waits for the approval of its environment)',
          required: true,
          type: 'choice',
          options: ['dev', 'staging', 'prod'],
        },
      },
    },
  });
  deploy.addJobs(
    Object.fromEntries(
      (['dev', 'staging', 'prod'] as const).map((env) => [
        `deploy-${env}`,
        // Only main is deployed: a branch reaches an environment through a pull request.
        deployJob(env, [], `inputs.environment == '${env}' && github.ref == 'refs/heads/main'`),
      ]),
    ),
  );

  const release = new github.GithubWorkflow(gh, 'release');
  release.on({ workflowDispatch: {} });
  release.addJobs({
    release: {
      name: 'Release the building-block packages',
      // Releases are cut from main only; the version commit and tags go back to it.
      if: "github.ref == 'refs/heads/main'",
      runsOn: RUNS_ON,
      timeoutMinutes: 30,
      // Version commits and tags are pushed; the OIDC token signs npm provenance.
      permissions: { contents: JobPermission.WRITE, idToken: JobPermission.WRITE },
      concurrency: { group: 'release', 'cancel-in-progress': false },
      env: { ...NX_ENV, NPM_CONFIG_PROVENANCE: 'true' },
      steps: [
        {
          name: 'Check out',
          uses: ACTIONS.checkout,
          with: { 'fetch-depth': 0 },
        },
        {
          name: 'Set up Node.js for the registry',
          uses: ACTIONS.setupNode,
          with: {
            'node-version': NODE_VERSION,
            cache: 'npm',
            'registry-url': "${{ vars.NPM_REGISTRY_URL || 'https://registry.npmjs.org' }}",
          },
        },
        { name: 'Install from the lockfile', run: 'npm ci' },
        { name: 'Check everything', run: 'npm test' },
        {
          name: 'Set the release author',
          run: [
            'git config user.name "github-actions[bot]"',
            'git config user.email "41898282+github-actions[bot]@users.noreply.github.com"',
          ].join('\n'),
        },
        {
          name: 'Version, tag and publish changed packages',
          // --push: the version commit and the tags go back to main with the published packages.
          run: 'npm run release -- --yes --push',
          env: { NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' },
        },
      ],
    },
  });
}
