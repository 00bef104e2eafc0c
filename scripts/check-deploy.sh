#!/usr/bin/env bash
# `make check-deploy`: the README's Serverless deploy recipe (split section, the blocks marked
# `<!-- check-deploy: first|later|every -->`), run as written against moto's S3 and CloudFormation
# on a local port: a first deploy of a 100-function app (over the 500-resource quota), then an
# update to 110 functions split with --previous. `serverless` is sls_package.py (what `serverless
# package` writes, from gen_serverless.py), `cfntool` the release binary. After each deploy,
# check_stacks.py compares what moto holds with the split output: every nested stack, its
# resources, parameters and outputs, and the functions, roles, log groups and API behind them.
# Installs moto[server] (pip) and jq (apt) when they are missing. CHECK_DEPLOY_FUNCTIONS="100 110";
# CHECK_DEPLOY_README=FILE runs the recipe of another copy of the README (to see the check fail);
# CHECK_DEPLOY_PLAIN_MOTO=1 runs moto without the additions moto_server.py makes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${CFNTOOL:-$ROOT/.build/release/cfntool}
read -r FIRST SECOND <<< "${CHECK_DEPLOY_FUNCTIONS:-100 110}"
OUT=$ROOT/.build/check-deploy
HERE=$ROOT/scripts/check-deploy
README=$(realpath "${CHECK_DEPLOY_README:-README.md}")
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
MOTO_VERSION=5.2.1
AWSCLI_VERSION=1.45.11

command -v aws > /dev/null || pip install -q "awscli==$AWSCLI_VERSION"
python3 -c "import moto, flask, flask_cors" 2> /dev/null || pip install -q "moto[server]==$MOTO_VERSION"
command -v jq > /dev/null || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq jq; }
echo "== $(aws --version 2>&1), moto $(python3 -c 'import moto; print(moto.__version__)'), $(jq --version), $("$BIN" --version 2>&1 | head -1)"

rm -rf "$OUT"
mkdir -p "$OUT/bin" "$OUT/app"
# The recipe's three blocks, as the README has them.
for block in first later every; do
  awk -v mark="<!-- check-deploy: $block -->" '
    $0 == mark { found = 1; next }
    found && !open && /^```/ { open = 1; next }
    open && /^```/ { exit }
    open { print }' "$README" > "$OUT/$block.sh"
  [ -s "$OUT/$block.sh" ] || { echo "check-deploy: $README has no block after <!-- check-deploy: $block -->"; exit 1; }
done
stack=$(grep -o -- '--stack-name [^ ]*' "$OUT/every.sh" | head -1 | cut -d' ' -f2)
capabilities=$(grep -o 'CAPABILITY_[A-Z_]*' "$OUT/every.sh" | tr '\n' ' ')

cat > "$OUT/bin/serverless" <<EOF
#!/usr/bin/env bash
# \`serverless package\` for the check: .serverless/ anew, for CHECK_DEPLOY_N functions.
set -euo pipefail
[ "\${1:-}" = package ] || { echo "serverless: only 'package' here" >&2; exit 64; }
rm -rf .serverless
exec python3 "$HERE/sls_package.py" "\$CHECK_DEPLOY_N" .serverless --time "\$CHECK_DEPLOY_TIME"
EOF
chmod +x "$OUT/bin/serverless"
ln -s "$BIN" "$OUT/bin/cfntool"

# moto on a free loopback port; every AWS call of the recipe goes there, with dummy credentials
# and no profile, so nothing can reach a real account.
echo "== what moto $MOTO_VERSION's CloudFormation lacks, asked of moto itself (scripts/check-deploy/moto_server.py)"
python3 "$HERE/moto_server.py" --probe 2>&1 | grep '^moto' | sed 's/^/  /'
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 "$HERE/moto_server.py" "$PORT" > "$OUT/moto.log" 2>&1 &
MOTO=$!
trap 'kill $MOTO 2> /dev/null || true' EXIT
export AWS_ENDPOINT_URL=http://localhost:$PORT AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
export AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=$OUT/no-aws-config AWS_SHARED_CREDENTIALS_FILE=$OUT/no-aws-credentials
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_REGION
for _ in $(seq 300); do  # up to a minute: moto probes itself first
  python3 -c "import urllib.request; urllib.request.urlopen('$AWS_ENDPOINT_URL/moto-api/')" 2> /dev/null && break
  kill -0 $MOTO 2> /dev/null || { cat "$OUT/moto.log"; echo "check-deploy: moto did not start"; exit 1; }
  sleep 0.2
done

deploy() {  # deploy N TIME BLOCK: the recipe's BLOCK then its every-deploy block, in the app folder
  local n=$1 time=$2 block=$3 log=$OUT/deploy-$1.log start
  { echo "set -euo pipefail"; cat "$OUT/$block.sh" "$OUT/every.sh"; } > "$OUT/deploy-$n.sh"
  echo
  echo "== deploy $n functions: the README's \"$block\" and \"every\" blocks (log: ${log#"$ROOT"/})"
  start=$(date +%s%N)
  if ! (cd "$OUT/app" && PATH="$OUT/bin:$PATH" CHECK_DEPLOY_N=$n CHECK_DEPLOY_TIME=$time bash "$OUT/deploy-$n.sh") > "$log" 2>&1; then
    tail -20 "$log"
    echo "-- moto:"
    grep -v ' - - \[' "$OUT/moto.log" | tail -20
    echo "check-deploy: the recipe failed on the $n-function deploy${CHECK_DEPLOY_PLAIN_MOTO:+ (moto without the additions: see what it lacks above)}"
    exit 1
  fi
  echo "  $(grep -m1 '^split' "$log"); the recipe ran in $((($(date +%s%N) - start) / 1000000)) ms"
  grep -h -i 'successfully created/updated stack' "$log" | sed 's/^/  aws: /'
}
verify() {  # verify N [PREVIOUS_N]
  echo "== check the deployed stacks against the split output"
  python3 "$HERE/check_stacks.py" --stack "$stack" --split "$OUT/app/.serverless/stack" \
    --packaged "$OUT/app/.serverless/packaged.yaml" --artifacts "$OUT/app/.serverless" \
    --capabilities "$capabilities" --state "$OUT/state-$1.json" ${2:+--previous "$OUT/state-$2.json"} | sed 's/^/  /' ||
    { echo "check-deploy: the stacks of the $1-function deploy are not what the split output says"; exit 1; }
}

deploy "$FIRST" 1764580000000 first
verify "$FIRST"
deploy "$SECOND" 1764590000000 later
verify "$SECOND" "$FIRST"
echo
echo "check-deploy: the README's recipe deployed $FIRST functions and updated them to $SECOND on moto $MOTO_VERSION (with the additions listed above)"
