#!/usr/bin/env bash
# Runs one libFuzzer target longer than the test suite does, keeping what it
# finds in build-fuzz/fuzz-corpus/TARGET between runs, and prints figures:
# executions per second, coverage, corpus size, peak memory.
#
#   bench/fuzz.sh TARGET SECONDS      e.g. bench/fuzz.sh pcap-chain 600
#   bench/fuzz.sh list                the targets
#
# Targets: decap dot11-frame ies eapol pcap-chain config json query http-head.
# A crash leaves its input in build-fuzz/fuzz-artifacts/fuzz-TARGET/ (replay:
# build-fuzz/tests/fuzz/fuzz-TARGET FILE) and makes this exit non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build-fuzz
declare -A kind=([decap]=decap [dot11-frame]=frame [ies]=ies [eapol]=eapol [pcap-chain]=pcap
                 [config]=config [json]=json [query]=query [http-head]=http)
if [ "${1:-}" = list ]; then
  printf '%s\n' "${!kind[@]}" | sort
  exit 0
fi
if [ $# -ne 2 ] || [ -z "${kind[$1]:-}" ]; then
  echo "usage: $0 TARGET SECONDS | $0 list" >&2
  exit 2
fi
target=$1 seconds=$2
if [ ! -f "$dir/build.ninja" ]; then
  CXX=clang++ meson setup "$dir" -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false
fi
ninja -C "$dir" "tests/fuzz/fuzz-$target" tests/fuzz/fuzz-seeds datasources/sim/sim-capture

export AIRSIGHT_SOURCE_ROOT=$PWD AIRSIGHT_BUILD_ROOT=$PWD/$dir
export AIRSIGHT_CAPTURES=${AIRSIGHT_CAPTURES:-$PWD/../shared/captures}
export FUZZ_CORPUS=$PWD/$dir/fuzz-corpus/$target
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p "$FUZZ_CORPUS"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
tests/fuzz/run_fuzzer.sh "$dir/tests/fuzz/fuzz-$target" "$seconds" "${kind[$target]}" \
  "$dir/tests/fuzz/fuzz-seeds" "$dir/datasources/sim/sim-capture" 2>&1 | tee "$log" | grep -E '^(#[0-9]+ +(INITED|DONE)|==|run_fuzzer|SUMMARY|stat::)'
rc=${PIPESTATUS[0]}
set -e
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
ft=$(grep -Eo 'ft: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
echo "fuzz $target: ${seconds} s, ${runs:-?} executions, ${speed:-?} exec/s, coverage ${cov:-?} edges / ${ft:-?} features," \
  "corpus $(ls "$FUZZ_CORPUS" | wc -l) inputs, peak RSS ${rss:-?} MB, exit $rc"
exit "$rc"
