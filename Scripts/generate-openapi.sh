#!/usr/bin/env bash
# Regenerates Sources/VerityAPI/Generated from Sources/VerityAPI/openapi.yaml with swift-openapi-generator's
# CLI. The generated code is committed (a clean build then skips building the generator); with --check it
# regenerates into a temporary folder and fails when the committed code differs (the CI drift check).
set -euo pipefail
cd "$(dirname "$0")/.."
version=1.14.3
tool_dir=.build-openapi-generator
if [ ! -x "$tool_dir/src/.build/release/swift-openapi-generator" ] && [ ! -x "$tool_dir/src/.build/debug/swift-openapi-generator" ]; then
    rm -rf "$tool_dir"
    git clone -q --depth 1 --branch "$version" https://github.com/apple/swift-openapi-generator "$tool_dir/src" 2>/dev/null \
        || git clone -q --branch "$version" https://github.com/apple/swift-openapi-generator "$tool_dir/src"
    (cd "$tool_dir/src" && swift build -c debug --product swift-openapi-generator >&2)
fi
generator=
for candidate in "$tool_dir"/src/.build/release/swift-openapi-generator "$tool_dir"/src/.build/debug/swift-openapi-generator; do
    if [ -x "$candidate" ]; then generator=$candidate; break; fi
done
out=Sources/VerityAPI/Generated
if [ "${1:-}" = "--check" ]; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    "$generator" generate --config Sources/VerityAPI/openapi-generator-config.yaml --output-directory "$tmp" Sources/VerityAPI/openapi.yaml >/dev/null
    if ! diff -ru "$out" "$tmp" >/dev/null; then
        diff -ru "$out" "$tmp" | head -40 >&2
        echo "generate-openapi: Sources/VerityAPI/Generated is out of date; run Scripts/generate-openapi.sh and commit." >&2
        exit 1
    fi
    echo "generate-openapi: generated code matches openapi.yaml"
else
    mkdir -p "$out"
    "$generator" generate --config Sources/VerityAPI/openapi-generator-config.yaml --output-directory "$out" Sources/VerityAPI/openapi.yaml
fi
