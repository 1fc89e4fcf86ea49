#!/usr/bin/env bash
# Golden files for `mptcpstat decode`, made with tshark.
#
# Usage: testdata/reference.sh [--update-version] [--shared[=DIR]] [CAPTURE...]
#
#   CAPTURE...        captures to decode (pcap, pcapng, optionally gzipped). Each one gives
#                     testdata/expected/<capture file name>.decode.tsv
#                     Default: every *.pcap, *.pcapng and *.gz file under testdata/captures/.
#   --shared[=DIR]    also decode the public MPTCP v0 captures in DIR (default: the folder
#                     ../shared/captures/public-v0 next to the repository root) into
#                     testdata/expected/public-v0/<capture file name>.decode.tsv.gz
#                     (gzip -n, so the bytes depend only on the content). `--shared DIR` works too.
#   --update-version  accept the installed tshark version and record it in
#                     testdata/expected/TSHARK_VERSION. Without it the script refuses to run when the
#                     installed version differs from the recorded one: golden files from different
#                     tshark versions must never be mixed.
#
# A golden file is a header line and one line per packet that tshark dissects as TCP (TCP headers
# quoted inside ICMP/ICMPv6 errors excluded), tab-separated, one column per tshark field below.
# Several occurrences of a field in one packet are joined with ',' in packet order; a field that
# is absent gives an empty cell. What each column holds, and exactly when tshark emits it, is
# described by the decoder's documentation; this script only runs tshark and reformats its output.
set -euo pipefail
export LC_ALL=C

die() { printf 'reference.sh: %s\n' "$*" >&2; exit 1; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
expected_dir=$root/testdata/expected
version_file=$expected_dir/TSHARK_VERSION

# ---- arguments ----------------------------------------------------------------------------------
update_version=false
shared_dir=
captures=()
while [ $# -gt 0 ]; do
  case $1 in
    --update-version) update_version=true ;;
    --shared) shared_dir=$root/../shared/captures/public-v0
              # `--shared DIR`: a directory right after --shared is the shared folder.
              if [ $# -gt 1 ] && [ -d "$2" ]; then shared_dir=$2; shift; fi ;;
    --shared=*) shared_dir=${1#--shared=} ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
    --) shift; captures+=("$@"); break ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) captures+=("$1") ;;
  esac
  shift
done

# ---- tshark and its version ---------------------------------------------------------------------
command -v tshark >/dev/null 2>&1 || die "tshark is not installed (Debian: apt-get install tshark)"
# First line of `tshark --version` is "TShark (Wireshark) 4.0.17 (Git ...)."; keep the number.
tshark_version=$(tshark --version 2>/dev/null | awk 'NR == 1 { print $3; exit }')
[ -n "$tshark_version" ] || die "could not read the version of tshark"
mkdir -p "$expected_dir"
if [ -f "$version_file" ]; then
  recorded=$(head -n 1 "$version_file")
  if [ "$recorded" != "$tshark_version" ] && ! $update_version; then
    die "installed tshark is $tshark_version but the golden files were made with $recorded" \
        "(testdata/expected/TSHARK_VERSION). Install tshark $recorded, or regenerate ALL golden" \
        "files with --update-version and review every difference."
  fi
fi
if [ ! -f "$version_file" ] || $update_version; then
  printf '%s\n' "$tshark_version" > "$version_file"
fi

# ---- the tshark run -----------------------------------------------------------------------------
# A private, empty configuration folder: the user's own preferences, disabled protocols or
# "Decode As" entries must not change the output.
config_dir=$(mktemp -d)
trap 'rm -rf "$config_dir"' EXIT
export WIRESHARK_CONFIG_DIR=$config_dir

# Preferences: only raw header values, no reassembly, no analysis state that could change a field.
prefs=(
  -o tcp.relative_sequence_numbers:FALSE  # SACK edges as on the wire (tcp.seq_raw/ack_raw are raw anyway)
  -o tcp.analyze_sequence_numbers:FALSE   # no sequence analysis (and no conversation split on a new SYN)
  -o tcp.desegment_tcp_streams:FALSE      # no TCP reassembly
  -o tcp.reassemble_out_of_order:FALSE
  -o tcp.calculate_timestamps:FALSE
  -o tcp.track_bytes_in_flight:FALSE
  -o tcp.check_checksum:FALSE
  -o tcp.try_heuristic_first:FALSE
  -o tcp.read_seq_as_syn_cookie:FALSE
  -o tcp.ignore_tcp_timestamps:FALSE
  -o mptcp.analyze_mptcp:FALSE            # no MPTCP analysis subtree (derived mptcp.* fields)
  -o mptcp.relative_sequence_numbers:FALSE
  -o mptcp.analyze_mappings:FALSE
  -o mptcp.intersubflows_retransmission:FALSE
  -o ip.defragment:FALSE                  # a first fragment is dissected as TCP, later ones are not
  -o ipv6.defragment:FALSE
  -o ip.tso_support:TRUE                  # an IPv4 total length of 0 (offloaded segment): use the frame length
  -o ipv6.tso_support:TRUE                # same for an IPv6 payload length of 0, as mptcpstat does
  -o ip.check_checksum:FALSE
)
# No application dissector looks at TCP payloads (payload bytes must never matter): every port is
# decoded as plain data, and the protocols that TCP would try heuristically (as for ports 0/0) are
# disabled altogether.
others=(-d 'tcp.port==1-65535,data')
while IFS= read -r proto; do
  others+=(--disable-protocol "$proto")
done < <(tshark -G heuristic-decodes 2>/dev/null | awk -F'\t' '$1 == "tcp" { print $2 }' | sort -u)

# tshark fields, in output order. frame.protocols is read only to pick the outer IP header.
fields=(
  frame.number frame.time_epoch frame.protocols
  ip.src ipv6.src tcp.srcport ip.dst ipv6.dst tcp.dstport
  tcp.seq_raw tcp.ack_raw tcp.flags tcp.window_size_value tcp.len
  tcp.options.mss_val tcp.options.wscale.shift tcp.options.sack_perm
  tcp.options.timestamp.tsval tcp.options.timestamp.tsecr
  tcp.options.sack_le tcp.options.sack_re
  tcp.options.mptcp.subtype tcp.options.mptcp.version tcp.options.mptcp.flags
  tcp.options.mptcp.sendkey tcp.options.mptcp.recvkey tcp.options.mptcp.recvtok
  tcp.options.mptcp.sendrand tcp.options.mptcp.sendtrunchmac tcp.options.mptcp.sendhmac
  tcp.options.mptcp.addrid tcp.options.mptcp.backup.flag
  tcp.options.mptcp.rawdataseqno tcp.options.mptcp.rawdataack
  tcp.options.mptcp.subflowseqno tcp.options.mptcp.datalvllen tcp.options.mptcp.checksum
  tcp.options.mptcp.datafin.flag
  tcp.options.mptcp.ipver tcp.options.mptcp.echo tcp.options.mptcp.ipv4 tcp.options.mptcp.ipv6
  tcp.options.mptcp.port tcp.options.mptcp.addaddrtrunchmac tcp.options.mptcp.rst_reason
)
field_args=()
for f in "${fields[@]}"; do field_args+=(-e "$f"); done

# Header of a golden file: one name per output column (after the reformatting below).
header='frame	time	src	sport	dst	dport	seq	ack	flags	window	payload_length	mss	wscale	sack_perm	tsval	tsecr	sack_le	sack_re	mptcp_subtype	mptcp_version	mptcp_flags	mptcp_sendkey	mptcp_recvkey	mptcp_recvtok	mptcp_sendrand	mptcp_sendtrunchmac	mptcp_sendhmac	mptcp_addrid	mptcp_backup	mptcp_dsn	mptcp_data_ack	mptcp_ssn	mptcp_dll	mptcp_checksum	mptcp_datafin	mptcp_ipver	mptcp_echo	mptcp_ipv4	mptcp_ipv6	mptcp_port	mptcp_addaddr_hmac	mptcp_rst_reason'

# Pure reformatting of tshark's columns (no value is computed):
#  - src/dst: of ip.src/ipv6.src (ip.dst/ipv6.dst) keep the one of the OUTER IP header, i.e. the
#    family that comes first in frame.protocols ("eth:ethertype:ip:tcp"), and of that field only
#    its first occurrence (an IP-in-IP packet has two); frame.protocols itself is dropped;
#  - sack_perm: tshark prints the option's bytes in hex ("0402"); print "1" per occurrence instead.
reformat='
BEGIN { FS = OFS = "\t" }
{
  n = split($3, layers, ":"); fam = ""
  for (i = 1; i <= n; i++) if (layers[i] == "ip" || layers[i] == "ipv6") { fam = layers[i]; break }
  src = (fam == "ipv6") ? $5 : $4; dst = (fam == "ipv6") ? $8 : $7
  sub(/,.*/, "", src); sub(/,.*/, "", dst)
  if ($17 != "") gsub(/[^,]+/, "1", $17)
  line = $1 OFS $2 OFS src OFS $6 OFS dst
  for (i = 9; i <= NF; i++) line = line OFS $i
  print line
}'

# decode CAPTURE OUT: write the golden file for one capture (atomically, via a temporary file).
decode() {
  local capture=$1 out=$2 tmp
  [ -r "$capture" ] || die "cannot read $capture"
  tmp=$(mktemp "$out.XXXXXX")
  {
    printf '%s\n' "$header"
    tshark -n -r "$capture" "${prefs[@]}" "${others[@]}" \
      -Y 'tcp && !icmp && !icmpv6' \
      -T fields -E header=n -E separator=/t -E occurrence=a -E aggregator=, -E quote=n \
      "${field_args[@]}" 2> >(grep -v '^Running as user "root"' >&2 || true) |
      awk "$reformat"
  } > "$tmp" || { rm -f "$tmp"; die "tshark failed on $capture"; }
  case $out in
    *.gz) gzip -n -9 -c "$tmp" > "$tmp.gz" && mv "$tmp.gz" "$out"; rm -f "$tmp" ;;
    *) mv "$tmp" "$out" ;;
  esac
  printf '%s -> %s (%s packets)\n' "$capture" "${out#"$root"/}" \
    "$( (case $out in *.gz) gzip -dc "$out" ;; *) cat "$out" ;; esac) | tail -n +2 | wc -l)"
}

# ---- which captures -----------------------------------------------------------------------------
if [ ${#captures[@]} -eq 0 ] && [ -d "$root/testdata/captures" ]; then
  while IFS= read -r -d '' c; do captures+=("$c"); done < <(
    find "$root/testdata/captures" -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.gz' \) \
      -print0 | sort -z)
fi
if [ ${#captures[@]} -eq 0 ] && [ -z "$shared_dir" ]; then
  echo "reference.sh: no capture under testdata/captures/ and none given; nothing to do" >&2
fi

for c in "${captures[@]}"; do
  decode "$c" "$expected_dir/$(basename "$c").decode.tsv"
done

if [ -n "$shared_dir" ]; then
  [ -d "$shared_dir" ] || die "no folder $shared_dir (--shared)"
  mkdir -p "$expected_dir/public-v0"
  found=false
  while IFS= read -r -d '' c; do
    found=true
    decode "$c" "$expected_dir/public-v0/$(basename "$c").decode.tsv.gz"
  done < <(find "$shared_dir" -maxdepth 1 -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.gz' \) \
             -print0 | sort -z)
  $found || die "no capture in $shared_dir"
fi
