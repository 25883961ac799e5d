#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS on a seed corpus built at run time,
# failing (non-zero) on any crash, leak, timeout or undefined behaviour.
#
#   run_fuzzer.sh FUZZER SECONDS KIND FUZZ_SEEDS SIM_CAPTURE [EXTRA_LIBFUZZER_ARGS]...
#
# KIND decap/frame/ies/eapol/pcap/btle: seeds cut by FUZZ_SEEDS from the real
# captures ($AIRSIGHT_CAPTURES; required when CI=true) and from a simulated
# capture SIM_CAPTURE writes; config/json/query/http/gps/websocket: tests/fuzz/seeds/KIND.
# $FUZZ_CORPUS keeps what the fuzzer finds between runs (bench/fuzz.sh);
# crash inputs go to $FUZZ_ARTIFACTS (default: the build's fuzz-artifacts/).
set -euo pipefail
fuzzer=$1 seconds=$2 kind=$3 seeds_tool=$4 sim_capture=$5
shift 5
source_root=${AIRSIGHT_SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
build_root=${AIRSIGHT_BUILD_ROOT:-$(dirname "$(dirname "$(dirname "$fuzzer")")")}

work=$(mktemp -d "${TMPDIR:-/tmp}/airsight-fuzz-$kind.XXXXXX")
trap 'rm -rf "$work"' EXIT
seeds=$work/seeds
mkdir -p "$seeds"

case $kind in
decap | frame | ies | eapol | pcap | btle)
  captures=()
  if [ -n "${AIRSIGHT_CAPTURES:-}" ] && [ -d "$AIRSIGHT_CAPTURES" ]; then
    captures+=("$AIRSIGHT_CAPTURES")
  elif [ "${CI:-}" = true ]; then
    echo "run_fuzzer: the real captures (AIRSIGHT_CAPTURES=${AIRSIGHT_CAPTURES:-unset}) are missing; CI needs them for the seed corpus" >&2
    exit 1
  else
    echo "run_fuzzer: no real captures (AIRSIGHT_CAPTURES); seeding from the simulator only"
  fi
  "$sim_capture" --seed 7 --aps 6 --clients 12 --frames 800 --deauth-flood "$work/sim.pcapng" >/dev/null
  # Every scripted attack's frames, so the seeds reach the IDS detectors.
  "$sim_capture" --seed 8 --aps 4 --clients 4 --frames 3000 --attacks all "$work/attacks.pcapng" >/dev/null
  captures+=("$work/sim.pcapng" "$work/attacks.pcapng")
  "$seeds_tool" "$kind" "$seeds" "${captures[@]}"
  ;;
config | json | query | http | gps | websocket)
  cp "$source_root/tests/fuzz/seeds/$kind/"* "$seeds/"
  if [ "$kind" = config ]; then cp "$source_root/conf/"*.conf "$seeds/"; fi
  ;;
*)
  echo "run_fuzzer: unknown seed kind '$kind'" >&2
  exit 2
  ;;
esac

corpus=${FUZZ_CORPUS:-$work/corpus}
artifacts=${FUZZ_ARTIFACTS:-$build_root/fuzz-artifacts/$(basename "$fuzzer")}
mkdir -p "$corpus" "$artifacts"
max_len=4096
if [ "$kind" = pcap ]; then max_len=16384; fi

# Leaks fail the run too (libFuzzer checks after each new input); UBSan is
# fatal in this build (-fno-sanitize-recover).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
set +e
# -error_exitcode: libFuzzer's default (77) is meson's "skipped"; a crash must fail.
"$fuzzer" -max_total_time="$seconds" -error_exitcode=1 -timeout_exitcode=1 -timeout=20 -rss_limit_mb=3072 -max_len="$max_len" \
  -print_final_stats=1 -artifact_prefix="$artifacts/" "$@" "$corpus" "$seeds"
rc=$?
set -e
# Belt and braces: no exit of the fuzzer may read as a skip.
if [ $rc -eq 77 ]; then rc=1; fi
if [ $rc -ne 0 ]; then
  echo "run_fuzzer: $(basename "$fuzzer") failed (exit $rc); inputs that reproduce it (run: $fuzzer FILE):" >&2
  ls -l "$artifacts" >&2 || true
  for f in "$artifacts"/*; do
    [ -f "$f" ] && { echo "--- $f (base64):" >&2; base64 -w0 "$f" | head -c 4000 >&2; echo >&2; }
  done
fi
exit $rc
