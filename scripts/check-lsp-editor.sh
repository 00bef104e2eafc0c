#!/usr/bin/env bash
# A real editor on `cfntool lsp`, on a corpus template: Neovim headless with its built-in LSP
# client (scripts/lsp/nvim-check.lua), or Emacs in batch with eglot (scripts/lsp/eglot-check.el).
# Checks that the diagnostics are `cfntool lint`'s findings (their lines), that hover on a `!Ref`
# names the resource it points at, that definition goes to that resource, and (Neovim) that the
# preferred quick fix of a finding edits the buffer.
# Usage: scripts/check-lsp-editor.sh nvim|emacs [BIN]   (skips when the editor is not installed)
set -euo pipefail
cd "$(dirname "$0")/.."
EDITOR_NAME=${1:?nvim or emacs}
BIN=$(realpath "${2:-.build/debug/cfntool}")
FILE=$(realpath ../shared/corpus/templates/aws-cloudformation-templates/ElastiCache/Elasticache-snapshot.yaml)
# The `!Ref InternetGateway` of PublicInternetRoute.
LINE=$(grep -n 'GatewayId: !Ref InternetGateway' "$FILE" | head -1 | cut -d: -f1)
COL=$(($(sed -n "${LINE}p" "$FILE" | awk '{print index($0, "InternetGateway")}') + 2))
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
case $EDITOR_NAME in
  nvim)
    command -v nvim >/dev/null || { echo "check-lsp-editor: nvim not installed, skipped (apt-get install neovim)"; exit 0; }
    VERSION="Neovim $(nvim --version | head -1 | cut -d' ' -f2)"
    run() { timeout 60 nvim --headless -u NONE -i NONE -n -c "luafile scripts/lsp/nvim-check.lua" "$FILE"; } ;;
  emacs)
    command -v emacs >/dev/null || { echo "check-lsp-editor: emacs not installed, skipped (apt-get install emacs-nox elpa-eglot)"; exit 0; }
    VERSION="Emacs $(emacs --version | head -1 | cut -d' ' -f3)"
    # Debian's elpa-eglot and what it needs, found without site-start (-Q).
    LOADS=()
    for d in /usr/share/emacs/site-lisp/elpa/{eglot,project,xref,seq,jsonrpc,flymake,eldoc,external-completion}-*; do
      [ -d "$d" ] && LOADS+=(-L "$d")
    done
    run() { timeout 60 emacs --batch -Q "${LOADS[@]}" -l scripts/lsp/eglot-check.el "$FILE"; } ;;
  *) echo "usage: $0 nvim|emacs [BIN]"; exit 64 ;;
esac
CFNTOOL_BIN=$BIN CFNTOOL_POS="$LINE:$COL" run > "$OUT" 2>&1 || { cat "$OUT"; echo "check-lsp-editor: $EDITOR_NAME failed"; exit 1; }
clean=$(tr -d '\r' < "$OUT" | sed 's/^ *//')
# Lines only: Emacs' flymake does not show the rule ids.
got=$(echo "$clean" | grep '^diagnostic=' | cut -d= -f2 | sed 's/^.*://' | sort -n)
want=$({ "$BIN" lint --format json "$FILE" || true; } \
  | python3 -c 'import json,sys; [print(f["Location"]["Start"]["LineNumber"]) for f in json.load(sys.stdin)]' | sort -n)
fail=0
if [ -z "$got" ] || [ "$got" != "$want" ]; then
  echo "check-lsp-editor: diagnostics differ from lint's (lines):"; diff <(echo "$want") <(echo "$got") || true; fail=1
fi
echo "$clean" | grep -q '^hover=.*resource `AWS::EC2::InternetGateway`' || { echo "check-lsp-editor: no hover naming the InternetGateway resource"; fail=1; }
def=$(echo "$clean" | grep '^definition=' | cut -d= -f2 | head -1)
[ "$(sed -n "${def:-0}p" "$FILE" | tr -d ' ')" = "InternetGateway:" ] || { echo "check-lsp-editor: definition went to line ${def:-none}"; fail=1; }
if [ "$EDITOR_NAME" = nvim ]; then
  # The template's first safe fix is a redundant DependsOn entry (W3005): one line goes.
  echo "$clean" | grep -q "^codeaction=Remove '" || { echo "check-lsp-editor: no preferred quick fix offered"; fail=1; }
  applied=$(echo "$clean" | grep '^applied=' | cut -d= -f2)
  [ -n "$applied" ] && [ "${applied#*:}" -lt "${applied%:*}" ] || { echo "check-lsp-editor: the quick fix did not edit the buffer ($applied)"; fail=1; }
fi
if [ $fail -ne 0 ]; then cat "$OUT"; exit 1; fi
echo "check-lsp-editor: $VERSION: $(echo "$got" | wc -l) diagnostics at lint's lines, hover and definition answered$([ "$EDITOR_NAME" = nvim ] && echo ", a quick fix applied")"
