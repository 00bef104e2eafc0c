#!/usr/bin/env bash
# Checks a dist tarball as a machine without Swift would use it: unpacked in a temporary folder
# outside the checkout, run with an empty environment, no libswift* among its libraries, and the
# schema bundle found beside the binary (--version names where it read the schemas from; the
# source-tree fallback compiled into the binary must not be the one used).
set -euo pipefail
tarball=$(realpath "$1")
version=$2
repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d /tmp/cfntool-dist-check.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
tar -C "$tmp" -xzf "$tarball"
root=$(echo "$tmp"/cfntool-*)
bin=$root/bin/cfntool
fail() { echo "check-dist: $*" >&2; exit 1; }

echo "check-dist: the libraries it needs:"; ldd "$bin" | sed "s/^/  /"
[ -x "$bin" ] || fail "no bin/cfntool in the tarball"
[ -f "$root/share/cfntool/schemas/index.txt" ] || fail "no share/cfntool/schemas/index.txt in the tarball"
[ -f "$root/README.md" ] && [ -f "$root/CHANGELOG.md" ] || fail "README.md or CHANGELOG.md missing"
if ldd "$bin" | grep -i 'swift\|Foundation\|dispatch\|BlocksRuntime'; then
  fail "the binary still links the Swift runtime dynamically"
fi
# What the README's Install section says the tarball needs besides libc (and libm, libpthread...).
needed=$(ldd "$bin" | awk '{print $1}' | grep -v -E '^(linux-vdso|/lib64/ld-linux|libc\.so|libm\.so|libpthread|libdl|librt|libutil)' | sort | tr '\n' ' ')
[ "$needed" = "libgcc_s.so.1 libstdc++.so.6 libyaml-0.so.2 " ] ||
  fail "the libraries it needs are not the README's (libyaml-0.so.2, libstdc++.so.6, libgcc_s.so.1): $needed"

cd "$tmp"
v=$(env -i PATH=/usr/bin:/bin "$bin" --version)
echo "$v"
case "$v" in
  "cfntool $version (schemas: cfn-lint "*" from $root/share/cfntool/schemas)") ;;
  *) fail "--version does not name $version and the schemas beside the binary: $v" ;;
esac

cp "$repo/templates/serverless-api.yaml" "$tmp/good.yaml"
env -i PATH=/usr/bin:/bin "$bin" lint good.yaml || fail "lint of a clean template did not exit 0"
# An unknown property is found only through the resource schemas.
printf 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySecondz: 5\n' > "$tmp/bad.yaml"
set +e
out=$(env -i PATH=/usr/bin:/bin "$bin" lint bad.yaml)
status=$?
set -e
[ "$status" = 1 ] && grep -q E3002 <<<"$out" || fail "the schema rule E3002 did not fire (exit $status): $out"
env -i PATH=/usr/bin:/bin "$bin" schema AWS::SQS::Queue > /dev/null || fail "schema AWS::SQS::Queue failed"
# Where the kernel allows a private mount namespace (root, or unprivileged namespaces), run once
# more with the Swift toolchain and this checkout hidden under empty folders.
toolchain=$(dirname "$(dirname "$(dirname "$(realpath "$(command -v swift 2>/dev/null || echo /usr/bin/true)")")")")
if [ -d "$toolchain/usr/lib/swift" ] && unshare -m true 2>/dev/null; then
  hidden=$(unshare -m sh -c "mount -t tmpfs none '$toolchain' && mount -t tmpfs none '$repo' && cd '$tmp' &&
    env -i PATH=/usr/bin:/bin '$bin' --version && env -i PATH=/usr/bin:/bin '$bin' lint good.yaml && echo lint-ok") ||
    fail "with $toolchain and $repo hidden: $hidden"
  grep -q lint-ok <<<"$hidden" || fail "with $toolchain and $repo hidden: $hidden"
  echo "check-dist: runs with $toolchain and $repo hidden: $(head -1 <<<"$hidden")"
else
  echo "check-dist: no private mount namespace here: the toolchain was not hidden (ldd shows no Swift library)"
fi
echo "check-dist: $(basename "$tarball") ($(du -h "$tarball" | cut -f1)) runs without Swift and finds its schemas"
