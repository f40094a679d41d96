#!/usr/bin/env bash
# Lint: swift-format (the toolchain's `swift format`) with the repository's .swift-format, over every
# hand-written Swift file. Any finding fails the run. Generated OpenAPI code is left as the generator wrote
# it. To fix the findings in place: Scripts/lint.sh --fix
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files -- 'Package.swift' 'Sources/*.swift' 'Tests/*.swift' | grep -v '^Sources/VerityAPI/Generated/')
if [[ "${1:-}" == "--fix" ]]; then
    swift format format --in-place --parallel "${files[@]}"
fi
swift format lint --strict --parallel "${files[@]}"
echo "lint: ${#files[@]} files clean"
