#!/usr/bin/env bash
# Times mptcpstat against tcptrace and against reading the file, on one capture.
#
#   bench/compare.sh CAPTURE [RUNS [THREADS...]]          (RUNS defaults to 5)
#   bench/compare.sh --generate SIZE [RUNS [THREADS...]]  (a synthetic capture of SIZE bytes, e.g.
#                                 700M, made by bench/generate with its defaults and seed 1, then deleted)
# THREADS: extra `analyze -j N` rows to time besides -j1 and all cores.
#
# Runs each command RUNS times, interleaved (run 1 of every command, then run 2, ..., each round
# starting one command further along), after one untimed warm-up round that also fills the page
# cache, and prints per command the median wall time and the best one, the ratios of the medians
# to tcptrace and to cat, the median of its per-round ratios to tcptrace ("/tcptrace pr": each
# run over tcptrace's run of the same round), packets/s and MB/s at the median, the median CPU time (user + system,
# all threads) and the largest peak RSS seen (GNU time's %M; for mptcpstat it includes the pages
# of the memory-mapped capture):
#   tcptrace -l -r -n CAPTURE > /dev/null
#   ./mptcpstat analyze -q -j1 -o TMPDIR CAPTURE      (one analysis thread)
#   ./mptcpstat analyze -q -o TMPDIR CAPTURE          (default: a thread per core)
#   cat CAPTURE > /dev/null                           (page-cache floor)
#   ./mptcpstat analyze -q -jN -o TMPDIR CAPTURE      (for each N in THREADS: the capture split
#                                                      among N - 1 workers when N >= 3)
# Each mptcpstat run writes its tables (csv and bin, the default) into a fresh temporary
# folder, deleted after the run. The packet count comes from capinfos, or from mptcpstat's
# summary line when capinfos is missing. Needs tcptrace and GNU time (Debian: apt-get install
# tcptrace time); bench/make-big-capture.py makes a large capture of the committed ones.
set -euo pipefail

usage() {
  echo "usage: $0 CAPTURE [RUNS [THREADS...]] | $0 --generate SIZE [RUNS [THREADS...]]" >&2
  exit 2
}
generate=""
if [ "${1:-}" = "--generate" ]; then
  [ $# -ge 2 ] || usage
  generate="$2"
  shift 2
  set -- "" "$@"
fi
[ $# -ge 1 ] || usage
capture="$1"
runs="${2:-5}"
shift $(( $# < 2 ? $# : 2 ))
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mptcpstat="$root/mptcpstat"
gnutime=/usr/bin/time

[ -n "$generate" ] || [ -f "$capture" ] || { echo "$0: no such capture: $capture" >&2; exit 2; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "$0: RUNS must be a positive integer" >&2; exit 2; }
command -v tcptrace >/dev/null || { echo "$0: tcptrace not found (apt-get install tcptrace)" >&2; exit 2; }
[ -x "$gnutime" ] && "$gnutime" -f '%M' -o /dev/null true 2>/dev/null ||
  { echo "$0: GNU time not found at $gnutime (apt-get install time)" >&2; exit 2; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/mptcpstat-compare.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

if [ -n "$generate" ]; then
  capture="$tmp/generated.pcap"
  "$root/bench/generate" "$capture" --size "$generate" --seed 1 --no-truth >&2 ||
    { echo "$0: cannot generate a capture of $generate bytes" >&2; exit 2; }
fi

# Build the jar now (the launcher builds when sources changed), and let the launcher record its
# class-data-sharing archive from an analysis, not inside a timed run.
"$mptcpstat" analyze -q -o "$tmp/warm" "$root/testdata/captures/sample.pcap" >/dev/null
rm -rf "$tmp/warm"

names=("tcptrace -l -r -n" "mptcpstat analyze -j1" "mptcpstat analyze (all cores)" "cat")
declare -A threads
for n in "$@"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "$0: THREADS must be positive integers" >&2; exit 2; }
  threads[${#names[@]}]="$n"
  names+=("mptcpstat analyze -j$n")
done

# run INDEX: runs command INDEX once; prints "WALL_SECONDS MAX_RSS_KB CPU_SECONDS".
run() {
  local out="$tmp/out" start end
  rm -rf "$out"
  start=$EPOCHREALTIME
  case "$1" in
    0) "$gnutime" -f '%M %U %S' -o "$tmp/rss" tcptrace -l -r -n "$capture" >/dev/null 2>"$tmp/err" ;;
    1) "$gnutime" -f '%M %U %S' -o "$tmp/rss" "$mptcpstat" analyze -q -j1 -o "$out" "$capture" >"$tmp/summary" 2>"$tmp/err" ;;
    2) "$gnutime" -f '%M %U %S' -o "$tmp/rss" "$mptcpstat" analyze -q -o "$out" "$capture" >"$tmp/summary" 2>"$tmp/err" ;;
    3) "$gnutime" -f '%M %U %S' -o "$tmp/rss" cat "$capture" >/dev/null 2>"$tmp/err" ;;
    *) "$gnutime" -f '%M %U %S' -o "$tmp/rss" "$mptcpstat" analyze -q -j"${threads[$1]}" -o "$out" "$capture" \
         >"$tmp/summary" 2>"$tmp/err" ;;
  esac || { echo "$0: '${names[$1]}' failed:" >&2; cat "$tmp/err" >&2; exit 1; }
  end=$EPOCHREALTIME
  rm -rf "$out"
  tail -n 1 "$tmp/rss" | awk -v s="$start" -v e="$end" '{ printf "%.3f %d %.2f\n", e - s, $1, $2 + $3 }'
}

echo "capture: $capture ($(stat -c %s "$capture") bytes), $runs runs per command, $(nproc) cores" >&2
echo "warm-up round..." >&2
for i in "${!names[@]}"; do run "$i" >/dev/null; done

if command -v capinfos >/dev/null; then
  packets="$(capinfos -T -r -c -M "$capture" | awk -F '\t' 'END { print $2 }')"
else
  packets="$(sed -n 's/.*; packets: \([0-9]*\);.*/\1/p' "$tmp/summary")"
fi
mptcpstat_packets="$(sed -n 's/.*; packets: \([0-9]*\);.*/\1/p' "$tmp/summary")"
if [ "$packets" != "$mptcpstat_packets" ]; then
  echo "$0: note: capinfos counts $packets packets, mptcpstat $mptcpstat_packets" >&2
fi

# Each round starts one command further along, so that no command always runs right after the
# same one (on a 2-core VM, the run right after tcptrace's half-minute was often the slowest).
count=${#names[@]}
for r in $(seq 1 "$runs"); do
  for k in $(seq 0 $((count - 1))); do
    i=$(( (k + r - 1) % count ))
    read -r seconds rss cpu < <(run "$i")
    echo "$seconds" >>"$tmp/times.$i"
    echo "$rss" >>"$tmp/rss.$i"
    echo "$cpu" >>"$tmp/cpu.$i"
    echo "run $r: ${names[$i]}: $seconds s wall, $cpu s CPU, $rss KB" >&2
  done
done

median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maximum() { sort -g "$1" | tail -n 1; }

size="$(stat -c %s "$capture")"
tcptrace_median="$(median "$tmp/times.0")"
cat_median="$(median "$tmp/times.3")"
echo
echo "capture: $capture: $size bytes, $packets packets; median of $runs runs"
echo
printf '| %-30s | %10s | %8s | %10s | %12s | %10s | %13s | %9s | %10s | %13s |\n' \
  command "median s" "best s" "/tcptrace" "/tcptrace pr" "/cat" "packets/s" "MB/s" "CPU s" "peak RSS MB"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..32})" "$(printf -- '-%.0s' {1..12})" \
  "$(printf -- '-%.0s' {1..10})" "$(printf -- '-%.0s' {1..12})" "$(printf -- '-%.0s' {1..14})" \
  "$(printf -- '-%.0s' {1..12})" "$(printf -- '-%.0s' {1..15})" \
  "$(printf -- '-%.0s' {1..11})" "$(printf -- '-%.0s' {1..12})" "$(printf -- '-%.0s' {1..15})"
for i in "${!names[@]}"; do
  m="$(median "$tmp/times.$i")"
  rss="$(maximum "$tmp/rss.$i")"
  cpu="$(median "$tmp/cpu.$i")"
  best="$(sort -g "$tmp/times.$i" | head -n 1)"
  # The machine's speed drifts between rounds: a command's time over tcptrace's in the same round
  # cancels more of the drift than the ratio of the medians.
  paste "$tmp/times.$i" "$tmp/times.0" | awk '{ print $1 / $2 }' >"$tmp/paired.$i"
  paired="$(median "$tmp/paired.$i")"
  awk -v name="${names[$i]}" -v m="$m" -v best="$best" -v t="$tcptrace_median" -v pr="$paired" \
      -v c="$cat_median" -v p="$packets" -v b="$size" -v rss="$rss" -v cpu="$cpu" 'BEGIN {
    printf "| %-30s | %10.3f | %8.3f | %10.2f | %12.2f | %10.1f | %13.0f | %9.0f | %10.2f | %13.0f |\n",
      name, m, best, m / t, pr, m / c, p / m, b / m / 1e6, cpu, rss / 1024 }'
done
