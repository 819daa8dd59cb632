#!/usr/bin/env bash
# Fuzzing: runs every cargo-fuzz target in fuzz/ (parse_bytes, structured, round_trip) for
# FUZZ_SECONDS seconds each (default 60).
# Seeds in fuzz/seeds/<target>/ are copied into the working corpus fuzz/corpus/<target>/
# (gitignored), so the seeds stay clean. Exits non-zero if any target crashes; the crashing
# input is left in fuzz/artifacts/<target>/. Without a nightly toolchain it skips (exit 0).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: SKIPPED (no nightly toolchain)"
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

secs="${FUZZ_SECONDS:-60}"
mapfile -t targets < <(cargo +nightly fuzz list)
[ "${#targets[@]}" -gt 0 ] || { echo "fuzz: no targets found in fuzz/"; exit 1; }

failed=()
for t in "${targets[@]}"; do
  corpus="fuzz/corpus/$t"
  mkdir -p "$corpus"
  if [ -d "fuzz/seeds/$t" ]; then
    cp fuzz/seeds/"$t"/* "$corpus"/
  fi
  printf '\n== fuzz %s for %ss\n' "$t" "$secs"
  if ! cargo +nightly fuzz run "$t" "$corpus" -- \
      -max_total_time="$secs" -max_len=65536 -timeout=25 -dict=fuzz/blob.dict -print_final_stats=1; then
    echo "fuzz: $t FAILED; crashing input in fuzz/artifacts/$t/"
    failed+=("$t")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo; echo "fuzz: FAILED: ${failed[*]}"
  exit 1
fi
echo; echo "fuzz passed (${#targets[@]} targets, ${secs}s each)"
