#!/usr/bin/env bash
# Proves the hooks of .pre-commit-hooks.yaml work from a clone, as another repository uses
# them: pre-commit (from PyPI) installs them from this repository's committed HEAD into a
# scratch git repository holding a copy of data/, then a good change must pass and a bad one
# must fail with its diagnostic.
# Usage: .ci/precommit.sh REPO TOOLS (TOOLS has venv/bin/pre-commit).
set -euo pipefail
repo=$1
tools=$2
rev=$(git -C "$repo" rev-parse HEAD)
scratch="$tools/precommit-scratch"
export PRE_COMMIT_HOME="$tools/precommit-home"
rm -rf "$scratch"
mkdir -p "$scratch"
cp -r "$repo/data" "$scratch/data"
cd "$scratch"
git init -q
git config user.email ci@example.invalid
git config user.name ci
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: treatywatch-validate
      - id: treatywatch-fmt
YAML
git add -A
git commit -q -m "data"
pc="$tools/venv/bin/pre-commit"

echo "--- a good change: a new claim, correctly written"
cat > data/claims/lavrov-2019-02-02-ci-good.yaml <<'YAML'
id: lavrov-2019-02-02-ci-good
date: 2019-02-02
claimant: sergey-lavrov
on_behalf_of: rus
kind: other
treaty: inf
summary: A claim added by the CI check of the pre-commit hooks.
sources:
  - source: lendman-2019-02-03
YAML
git add -A
"$pc" run --all-files --show-diff-on-failure

echo "--- a bad change: a claimant who is not in the record"
sed -i 's/claimant: sergey-lavrov/claimant: sergei-lavrov/' data/claims/lavrov-2019-02-02-ci-good.yaml
git add -A
if "$pc" run --all-files >"$scratch/bad.log" 2>&1; then
  cat "$scratch/bad.log"
  echo "the hooks passed a claim whose claimant does not exist"
  exit 1
fi
cat "$scratch/bad.log"
grep -q "error\[unknown-reference\]" "$scratch/bad.log"
grep -q "data/claims/lavrov-2019-02-02-ci-good.yaml:3" "$scratch/bad.log"
echo "pre-commit hooks: the good change passed, the bad one failed on its line"
