#!/usr/bin/env node
// The `phi-stack` command. This file is committed (not compiled) so that npm links the command
// when it installs the workspace, before the package has been built.
'use strict';
const path = require('node:path');

const compiled = path.join(__dirname, '..', 'lib', 'cli', 'main.js');
try {
  require.resolve(compiled);
} catch {
  process.stderr.write(
    'phi-stack: @phi-platform/platform is not built yet (no lib/cli/main.js).\n' +
      'Run it through Nx, which builds first: npx nx run stacks-<env>:plan\n' +
      'or build it: npx nx run platform:build\n',
  );
  process.exit(2);
}
require(compiled);
