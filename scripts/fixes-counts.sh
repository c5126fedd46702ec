#!/usr/bin/env bash
# The README's 200-seed counts of the fixes on the learner's program ("The fixes" and batch
# normalization): each configuration below run for seeds 7 to 206 with the headless runner's sweep,
# one Markdown row per configuration with its outcome counts. A measurement, not a test
# (tests/fixes.rs checks the same outcomes seed by seed for seeds 7 to 26).
#   scripts/fixes-counts.sh            about a minute on 2 cores
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --quiet --release --example headless
runner=target/release/examples/headless
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(git rev-parse --short HEAD)"
echo "| configuration (on \`preset=question\`, seeds 7 to 206) | born dead | killed | hidden dead | diverged | learning | converged |"
echo "|---|---|---|---|---|---|---|"
while read -r label sweep; do
  [ -z "$label" ] && continue
  "$runner" --sweep "preset=question&seed=7&seeds=200&$sweep" 2>/dev/null | python3 -c '
import json, sys
label = sys.argv[1]
for line in sys.stdin:
    cell = json.loads(line).get("cell")
    if not cell:
        continue
    c = cell["counts"]
    values = "&".join(f"{k}={v}" for k, v in cell["values"].items())
    name = label if label != "-" else values
    if label != "-" and values:
        name = f"{label}&{values}"
    counts = " | ".join(str(c[k]) for k in ("born_dead", "killed", "hidden_dead", "diverged", "learning", "converged"))
    print(f"| `{name}` | {counts} |")
    if cell["notices"]:
        print("| notices: " + "; ".join(map(str, cell["notices"])) + " | | | | | | |")
' "$label"
done <<'EOF'
- sweep=clipnorm:0|1
- sweep=global_clipnorm:1
- sweep=clipvalue:1
warm-up:120 schedule=cosine&lr=0.000001&warmup_target=0.01&warmup_steps=120&sweep=clipnorm:0|1
warm-up:1000 schedule=cosine&lr=0.000001&warmup_target=0.01&warmup_steps=1000&sweep=clipnorm:0|1
warm-up:120,clipnorm=1 schedule=cosine&lr=0.000001&warmup_target=0.01&warmup_steps=120&clipnorm=1&sweep=epochs:100
- sweep=lr:0.000005|0.000002|0.000001
- sweep=weight_decay:0.004|0.1|1
adamw opt=adamw&sweep=lr:0.01
adam opt=adam&sweep=lr:0.01
- sweep=bn:1
EOF
