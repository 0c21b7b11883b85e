#!/usr/bin/env bash
# Shows what a release proposes after a change to one package. In a throw-away clone, every
# published package is tagged as released at its current version; then a commit touches only
# packages/data, and `npm run release -- --dry-run` must propose data (its own commit) and
# platform (the only published package that depends on data), and nothing else.
# Usage: tools/release/check-data-release.sh [source repo, default: this checkout]
set -euo pipefail

root=$(git rev-parse --show-toplevel)
source_repo=${1:-$root}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

git clone --quiet "$source_repo" "$scratch/repo"
cd "$scratch/repo"
ln -s "$root/node_modules" node_modules
git config user.name release-check
git config user.email release-check@127.0.0.1

for manifest in packages/*/package.json; do
  tag=$(node -e 'const m = require(process.argv[1]);
    if (!m.private) console.log(`${m.nx.name}@${m.version}`)' "$PWD/$manifest")
  [ -n "$tag" ] && git tag "$tag"
done
echo "baseline tags: $(git tag --list | tr '\n' ' ')"

printf '\nA change that only touches data.\n' >> packages/data/README.md
git commit --quiet -am 'feat(data): a change that only touches data'

export NX_DAEMON=false NX_NO_CLOUD=true
npm run --silent release -- --dry-run > "$scratch/plan.txt" 2>&1 || {
  cat "$scratch/plan.txt" >&2
  exit 1
}
sed -n '/^Release plan/,$p' "$scratch/plan.txt"

actual=$(sed -n '/^Release plan/,/^  unchanged:/p' "$scratch/plan.txt" \
  | sed -n 's/^  \([a-z-]*\): .* -> .*$/\1/p' | sort | tr '\n' ' ')
expected='data platform '
if [ "$actual" != "$expected" ]; then
  echo "release dry run after a data-only commit proposed: '$actual'; expected exactly: '$expected'" >&2
  exit 1
fi
changed=$(git status --porcelain | grep -v '^?? node_modules$' || true)
if [ -n "$changed" ]; then
  echo "the dry run changed files: $changed" >&2
  exit 1
fi
echo 'release check passed: data and its dependent platform only'
