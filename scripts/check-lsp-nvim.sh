#!/usr/bin/env bash
# A real editor on `cfntool lsp`: Neovim headless, its built-in LSP client, on a corpus template.
# Checks that the diagnostics are `cfntool lint`'s findings (rule and line), that hover on a
# `Ref` names the resource it points at, and that definition goes to that resource.
# Usage: scripts/check-lsp-nvim.sh [BIN]   (skips with a message when nvim is not installed)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/debug/cfntool}")
command -v nvim >/dev/null || { echo "check-lsp-nvim: nvim not installed, skipped (apt-get install neovim)"; exit 0; }
FILE=$(realpath ../shared/corpus/templates/aws-cloudformation-templates/ElastiCache/Elasticache-snapshot.yaml)
# The `!Ref InternetGateway` of PublicInternetRoute (line 68 of the file).
POS=$(grep -n 'GatewayId: !Ref InternetGateway' "$FILE" | head -1 | cut -d: -f1)
COL=$(($(sed -n "${POS}p" "$FILE" | awk '{print index($0, "InternetGateway")}') + 2))
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
CFNTOOL_BIN=$BIN CFNTOOL_POS="$POS:$COL" timeout 60 nvim --headless -u NONE -i NONE -n \
  -c "luafile scripts/lsp/nvim-check.lua" "$FILE" > "$OUT" 2>&1 || { cat "$OUT"; echo "check-lsp-nvim: nvim failed"; exit 1; }
tr -d '\r' < "$OUT" | sed 's/^ *//' > "$OUT.clean"
got=$(grep '^diagnostic=' "$OUT.clean" | cut -d= -f2 | sort)
want=$({ "$BIN" lint --format json "$FILE" || true; } | python3 -c 'import json,sys; [print("%s:%d" % (f["Rule"]["Id"], f["Location"]["Start"]["LineNumber"])) for f in json.load(sys.stdin)]' | sort)
fail=0
if [ "$got" != "$want" ] || [ -z "$got" ]; then echo "check-lsp-nvim: diagnostics differ from lint:"; diff <(echo "$want") <(echo "$got") || true; fail=1; fi
grep -q '^hover=.*resource `AWS::EC2::InternetGateway`' "$OUT.clean" || { echo "check-lsp-nvim: no hover naming the InternetGateway resource"; fail=1; }
def=$(grep '^definition=' "$OUT.clean" | cut -d= -f2)
[ "$(sed -n "${def:-0}p" "$FILE" | tr -d ' ')" = "InternetGateway:" ] || { echo "check-lsp-nvim: definition went to line ${def:-none}"; fail=1; }
rm -f "$OUT.clean"
if [ $fail -ne 0 ]; then cat "$OUT"; exit 1; fi
echo "check-lsp-nvim: Neovim $(nvim --version | head -1 | cut -d' ' -f2): $(echo "$got" | wc -l) diagnostics as lint's, hover and definition answered"
