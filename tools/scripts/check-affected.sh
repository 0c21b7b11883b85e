#!/usr/bin/env bash
# Checks that Nx sees the package graph: in a throw-away clone, a commit that touches only
# packages/compute must make `nx affected -t test` select compute and what depends on it
# (platform and the three stacks), and nothing it does not affect (core, crypto, networking...).
set -euo pipefail

root=$(git rev-parse --show-toplevel)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

git clone --quiet "$root" "$scratch/repo"
cd "$scratch/repo"
ln -s "$root/node_modules" node_modules
printf '\n// A change that only touches compute.\n' >> packages/compute/src/index.ts
git -c user.name=check -c user.email=check@127.0.0.1 commit --quiet -am 'chore: touch compute'

export NX_DAEMON=false NX_NO_CLOUD=true
actual=$(npx nx show projects --affected --base=HEAD~1 --head=HEAD --withTarget=test \
  | sort | tr '\n' ' ')
expected='compute platform stacks-dev stacks-prod stacks-staging '

echo "nx affected -t test after a compute-only commit: $actual"
if [ "$actual" != "$expected" ]; then
  echo "expected exactly: $expected" >&2
  exit 1
fi
echo 'affected check passed: compute and its dependents only'
