#!/usr/bin/env bash
# Golden files made with tshark and tcptrace: per-packet fields for `mptcpstat decode`, and
# per-connection reference numbers for the connection statistics.
#
# Usage: testdata/reference.sh [--update-version] [--shared[=DIR]] [CAPTURE...]
#
#   CAPTURE...        captures to process (pcap, pcapng, optionally gzipped). Each one gives
#                       testdata/expected/<capture file name>.decode.tsv
#                       testdata/expected/<capture file name>.tshark-conv.tsv
#                       testdata/expected/<capture file name>.tshark-mptcp.tsv
#                       testdata/expected/<capture file name>.tcptrace.csv  (only if tcptrace can
#                         read the capture: it cannot read Linux cooked v2 (SLL2, link type 276)
#                         nor any other link type it does not know; the script says which it skips)
#                     Default: every *.pcap, *.pcapng and *.gz file under testdata/captures/.
#   --shared[=DIR]    also process the public MPTCP v0 captures in DIR (default: the folder
#                     ../shared/captures/public-v0 next to the repository root) into
#                     testdata/expected/public-v0/<capture file name>.decode.tsv.gz,
#                     .tshark-conv.tsv, .tshark-mptcp.tsv and .tcptrace.csv; a conv, mptcp or
#                     tcptrace golden file larger than 256 KiB is written gzipped instead
#                     (<name>.gz), and the other variant is removed. gzip -n everywhere, so the
#                     bytes depend only on the content.
#                     `--shared DIR` works too.
#   --update-version  accept the installed tshark and tcptrace versions and record them in
#                     testdata/expected/TSHARK_VERSION and testdata/expected/TCPTRACE_VERSION.
#                     Without it the script refuses to run when an installed version differs from
#                     the recorded one: golden files from different versions must never be mixed.
#                     When tcptrace is not installed at all, the .tcptrace.csv files are not
#                     written (the script says so) and everything else is.
#
# .decode.tsv: a header line and one line per packet that tshark dissects as TCP (TCP headers
# quoted inside ICMP/ICMPv6 errors excluded), tab-separated, one column per tshark field below.
# Several occurrences of a field in one packet are joined with ',' in packet order; a field that
# is absent gives an empty cell. What each column holds, and exactly when tshark emits it, is
# described by the decoder's documentation; this script only runs tshark and reformats its output.
#
# .tshark-conv.tsv: one line per tshark TCP stream (tcp.stream, same packets and same tshark
# preferences as the decode files), the reference for captures tcptrace cannot read. Columns:
#   stream                      tcp.stream (tshark's conversation index, lines in ascending order)
#   client_addr, client_port    the source of the stream's first SYN without ACK; if the stream
#                               has none, the source of its first packet
#   server_addr, server_port    the other endpoint
#   c2s_* (client to server), s2c_* (server to client), per direction:
#     _packets                  packets (frames dissected as TCP, outer IP header's addresses)
#     _payload_bytes            sum of tcp.len (payload only, SYN/FIN flags not counted, every
#                               retransmission counted again)
#     _unique_bytes             sequence space covered by payload: highest end (seq + len) of a
#                               packet with tcp.len > 0, minus the direction's base, where the base
#                               is ISN+1 when the direction's first packet is a SYN (ISN = its
#                               tcp.seq_raw) and otherwise that first packet's tcp.seq_raw; a
#                               SYN's payload starts at seq+1; seq is unwrapped modulo 2^32 against
#                               the highest end so far (so holes count as covered, data before the
#                               base does not, and 4 GiB wrap-arounds are followed); 0 without payload
#     _covered_bytes            number of distinct sequence numbers carrying payload: size of the
#                               union of the ranges [start, start + tcp.len) of the packets with
#                               tcp.len > 0, start unwrapped as for _unique_bytes (payload before
#                               the base counts too); holes do not count, retransmissions count once
#     _first_time, _last_time   frame.time_epoch (as tshark prints it) of the direction's first and
#                               last packet in file order; empty when the direction has no packet
#     _syn_packets, _fin_packets, _rst_packets, _ack_packets
#                               packets with that flag set (tcp.flags), whatever else they carry
#     _pure_acks                packets with ACK and none of SYN, FIN, RST and with tcp.len = 0
#     _data_packets             packets with tcp.len > 0
#     _retransmitted_packets    packets that occupy a sequence number an earlier packet of the
#                               direction occupied: a packet occupies [start, start + tcp.len), with
#                               start unwrapped as for _unique_bytes, plus start - 1 when it has SYN
#                               and start + tcp.len when it has FIN (a resent SYN or FIN counts, as
#                               a repeated byte does; a packet filling a hole does not). The payload
#                               bytes they repeat are _payload_bytes - _covered_bytes.
#   client_sent_syn             1 if the stream has a SYN without ACK (the client is its source), else 0
#   The numbers are pure arithmetic on tcp.stream, tcp.flags, tcp.seq_raw and tcp.len (awk below).
#
# .tshark-mptcp.tsv: tshark's own MPTCP analysis, the reference for the MPTCP connection statistics.
# Same packets and preferences as above (tcp.stream is therefore the same numbering as in the
# .tshark-conv.tsv file), except that the MPTCP analysis is ON:
#   -o mptcp.analyze_mptcp:TRUE -o mptcp.analyze_mappings:TRUE
#   -o mptcp.intersubflows_retransmission:TRUE -o mptcp.relative_sequence_numbers:FALSE
# (tshark's analysis works with tcp.relative_sequence_numbers:FALSE and
# tcp.analyze_sequence_numbers:FALSE; it does not work with relative TCP sequence numbers but no
# sequence analysis). One pass, no -2: mptcp.reinjection_of then names only EARLIER frames.
# One line per tcp.stream that has a packet with an MPTCP option or an mptcp.stream, lines in
# ascending tcp.stream order. Columns:
#   tcp_stream                  tcp.stream
#   first_frame                 frame.number of the stream's first packet
#   client_addr, client_port,   the subflow's endpoints, exactly as in .tshark-conv.tsv (client =
#   server_addr, server_port    source of the first SYN without ACK, else of the first packet)
#   mptcp_stream                tshark's mptcp.stream: the first non-empty value among the stream's
#                               packets (tshark leaves it empty on a v1 MP_CAPABLE SYN, which has no
#                               key yet); empty if no packet has one (e.g. fallback: MP_CAPABLE SYN
#                               answered without MP_CAPABLE)
#   mptcp_version               the distinct tcp.options.mptcp.version values of the stream's
#                               MP_CAPABLE options, in order of appearance, ','-joined; empty if none
#   subflow                     "initial" if a packet of the stream carries MP_CAPABLE, else "join"
#                               if one carries MP_JOIN, else empty
#   mptcp_reversed              empty without mptcp_stream; 1 if the subflow's client is the MPTCP
#                               connection's server, i.e. the subflow is not the connection's
#                               initial subflow (see below) and its first MP_JOIN SYN (without ACK)
#                               carries the token (tcp.options.mptcp.recvtok) of the connection
#                               client's key; 0 otherwise
#   c2s_*, s2c_* (client to server and back, of this subflow), packets with mptcp.reinjection_of:
#     _reinjected_packets       how many
#     _reinjected_bytes         sum of their tcp.len
#     _reinjected_mappings      number of distinct mappings they belong to: the mappings are the
#                               frames tshark gives in mptcp.related_mapping, a mapping is identified
#                               by (DSN expanded to 64 bits as below, data-level length), or by
#                               (raw DSN, data-level length) when the sender's IDSN is unknown; a
#                               packet without a usable related mapping counts as a mapping of its
#                               own. (Linux repeats one mapping on every segment it covers, so
#                               packets >= mappings.)
#   mptcp_c2s_*, mptcp_s2c_*    per MPTCP connection (the same values on every line of one
#                               mptcp_stream, all empty without mptcp_stream), for the data sent by
#                               the connection's client (c2s) or server (s2c). The connection's
#                               client is the client of its initial subflow: of its streams with
#                               MP_CAPABLE the one that starts first (without any, its first stream).
#                               A packet belongs to the connection's direction c2s if it is sent by
#                               the client of its subflow and mptcp_reversed is 0, or by the server
#                               of its subflow and mptcp_reversed is 1.
#     _idsn                     IDSN of the sender's key: mptcp.expected_idsn of the first
#                               MP_CAPABLE option with a sender's key (tcp.options.mptcp.sendkey)
#                               sent by that side on the initial subflow (v1: the SYN/ACK for the
#                               server, the third ACK for the client; v0: SYN and SYN/ACK); empty
#                               if unknown, and then the next two columns are empty too
#     _data_acked               the DATA_ACK span: highest DATA_ACK sent in the opposite direction on
#                               any subflow of the connection (RST packets included), minus (IDSN +
#                               1); empty if there is no DATA_ACK. Raw values
#                               (tcp.options.mptcp.rawdataack), exact 64-bit arithmetic; a 4-byte
#                               DATA_ACK (flag a = tcp.options.mptcp.dataack8.flag = 0) is the low
#                               32 bits: it is expanded to the 64-bit value nearest to the highest
#                               DATA_ACK so far (at first IDSN + 1). An acknowledged DATA_FIN is
#                               included (1), so unique data bytes = _data_acked - _data_fin_acked.
#                               mptcptrace's seqAcked (stats_N.csv) is _data_acked + 1: it counts
#                               from the IDSN (and, on public-v0/client_2.pcap, it leaves out a
#                               DATA_ACK that only RST packets carry).
#     _data_fin_acked           1 if the direction sent a DATA_FIN (DSS flag F with a mapping and a
#                               data-level length > 0; its DSN = mapping DSN + length - 1, of the
#                               first such DSS) and _data_acked is beyond it, else 0
#     _reinjected_packets,      as the subflow columns above, for all packets of the connection's
#     _reinjected_bytes,        direction on all its subflows (mappings counted once even when
#     _reinjected_mappings      reinjected on several subflows)
#   A DSS mapping's DSN (tcp.options.mptcp.rawdataseqno) is taken as 64 bits when the DSS flag m
#   (tcp.options.mptcp.dseqn8.flag) is 1; with m = 0 it is the low 32 bits, expanded to the 64-bit
#   value nearest to the highest mapping end (DSN + data-level length) so far in that direction (at
#   first IDSN + 1). (tshark itself picks the expansion by the DATA_ACK flag a, not m; this script
#   does not use tshark's expanded DSNs.) Only the first DSS option of a packet is read.
#   Everything is computed by the awk below from these tshark fields alone.
#
# .tcptrace.csv: the output of `tcptrace -l -r -n --csv <capture file name>`, run in a scratch folder
# that holds only the capture (a gzipped capture is decompressed there first, under its name
# without .gz), with an empty HOME (no ~/.tcptracerc), no TCPTRACEOPTS and TZ=UTC. One line is
# removed: '#elapsed wallclock time: ...', the only one that changes from run to run.
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

# ---- tcptrace and its version -------------------------------------------------------------------
# `tcptrace -v` prints "Ostermann's tcptrace -- version 6.6.7 -- Thu Nov  4, 2004"; keep the number.
tcptrace_version_file=$expected_dir/TCPTRACE_VERSION
have_tcptrace=false
if command -v tcptrace >/dev/null 2>&1; then
  tcptrace_version=$(tcptrace -v 2>&1 | sed -n 's/.*tcptrace -- version \([^ ]*\) --.*/\1/p' | head -n 1)
  [ -n "$tcptrace_version" ] || die "could not read the version of tcptrace"
  if [ -f "$tcptrace_version_file" ]; then
    recorded=$(head -n 1 "$tcptrace_version_file")
    if [ "$recorded" != "$tcptrace_version" ] && ! $update_version; then
      die "installed tcptrace is $tcptrace_version but the golden files were made with $recorded" \
          "(testdata/expected/TCPTRACE_VERSION). Install tcptrace $recorded, or regenerate ALL" \
          "golden files with --update-version and review every difference."
    fi
  fi
  if [ ! -f "$tcptrace_version_file" ] || $update_version; then
    printf '%s\n' "$tcptrace_version" > "$tcptrace_version_file"
  fi
  have_tcptrace=true
else
  echo "reference.sh: tcptrace is not installed (Debian: apt-get install tcptrace):" \
       "no .tcptrace.csv golden file is written" >&2
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

# ---- per-connection reference numbers from tshark -----------------------------------------------
# One tshark pass over the same packets as decode(), then awk. frame.protocols again only picks the
# outer IP header's addresses (first occurrence of the family that comes first).
conv_fields=(frame.time_epoch frame.protocols ip.src ipv6.src tcp.srcport ip.dst ipv6.dst tcp.dstport
             tcp.stream tcp.flags tcp.seq_raw tcp.len)
conv_field_args=()
for f in "${conv_fields[@]}"; do conv_field_args+=(-e "$f"); done

conv_header='stream	client_addr	client_port	server_addr	server_port	c2s_packets	c2s_payload_bytes	c2s_unique_bytes	c2s_covered_bytes	c2s_first_time	c2s_last_time	s2c_packets	s2c_payload_bytes	s2c_unique_bytes	s2c_covered_bytes	s2c_first_time	s2c_last_time	c2s_syn_packets	c2s_fin_packets	c2s_rst_packets	c2s_ack_packets	c2s_pure_acks	c2s_data_packets	c2s_retransmitted_packets	s2c_syn_packets	s2c_fin_packets	s2c_rst_packets	s2c_ack_packets	s2c_pure_acks	s2c_data_packets	s2c_retransmitted_packets	client_sent_syn'

# Columns in: 1 time, 2 protocols, 3 ip.src, 4 ipv6.src, 5 srcport, 6 ip.dst, 7 ipv6.dst, 8 dstport,
# 9 stream, 10 flags (hex), 11 seq_raw, 12 len. Per stream s and sending endpoint e ("addr<TAB>port"):
# packets, payload bytes, unique and covered bytes (see the header of this script), first and last
# time, flag counts and retransmitted packets. Covered bytes: a list of disjoint, non-touching
# [start, end) ranges in the unwrapped relative sequence space; each payload range is merged into it
# (one pass suffices, as the list stays disjoint). Retransmitted packets: the same kind of list for
# the sequence numbers packets occupy (payload, SYN, FIN); a packet that overlaps it is one.
conv_awk='
BEGIN { FS = OFS = "\t"; TWO32 = 4294967296; TWO31 = 2147483648 }
function hex(str,   i, c, v) {
  v = 0; str = tolower(str); sub(/^0x/, "", str)
  for (i = 1; i <= length(str); i++) { c = index("0123456789abcdef", substr(str, i, 1)) - 1; v = v * 16 + c }
  return v
}
function mod32(x) { x = x % TWO32; if (x < 0) x += TWO32; return x }
# merge(LO, HI, N, k, a, b): adds [a, b) to the disjoint, non-touching ranges LO[k, 1..N[k]],
# HI[k, 1..N[k]]; returns 1 if [a, b) shares a number with one of them, else 0.
function merge(LO, HI, N, k, a, b,   m, i, j, lo, hi, shared) {
  m = N[k] + 0; j = 0; shared = 0
  for (i = 1; i <= m; i++) {
    lo = LO[k, i]; hi = HI[k, i]
    if (hi < a || lo > b) { j++; tlo[j] = lo; thi[j] = hi }
    else { if (lo < b && hi > a) shared = 1; if (lo < a) a = lo; if (hi > b) b = hi }
  }
  j++; tlo[j] = a; thi[j] = b
  for (i = 1; i <= j; i++) { LO[k, i] = tlo[i]; HI[k, i] = thi[i] }
  N[k] = j
  return shared
}
{
  n = split($2, layers, ":"); fam = ""
  for (i = 1; i <= n; i++) if (layers[i] == "ip" || layers[i] == "ipv6") { fam = layers[i]; break }
  src = (fam == "ipv6") ? $4 : $3; dst = (fam == "ipv6") ? $7 : $6
  sub(/,.*/, "", src); sub(/,.*/, "", dst)
  s = $9; if (s == "") next
  from = src OFS $5; to = dst OFS $8
  flags = hex($10); fin = flags % 2; syn = int(flags / 2) % 2; rst = int(flags / 4) % 2; ack = int(flags / 16) % 2
  seq = $11 + 0; len = $12 + 0
  if (!(s in first_src)) { first_src[s] = from; first_dst[s] = to; if (s > maxs) maxs = s }
  if (syn && !ack && !(s in syn_src)) syn_src[s] = from
  k = s SUBSEP from
  if (!(k in pkts)) { base[k] = syn ? mod32(seq + 1) : seq; hi[k] = 0; bytes[k] = 0; t0[k] = $1 }
  pkts[k]++; bytes[k] += len; t1[k] = $1
  synp[k] += syn; finp[k] += fin; rstp[k] += rst; ackp[k] += ack
  if (ack && !syn && !fin && !rst && len == 0) pure[k]++
  if (len > 0) datap[k]++
  if (len > 0 || syn || fin) {
    start = mod32(seq + syn)
    delta = mod32(start - base[k]) - mod32(hi[k])
    if (delta >= TWO31) delta -= TWO32; else if (delta < -TWO31) delta += TWO32
    rs = hi[k] + delta; re = rs + len
    if (merge(olo, ohi, no, k, rs - syn, re + fin)) retx[k]++
  }
  if (len > 0) {
    if (re > hi[k]) hi[k] = re
    merge(rlo, rhi, nr, k, rs, re)
  }
}
function covered(k,   i, t) { t = 0; for (i = 1; i <= nr[k]; i++) t += rhi[k, i] - rlo[k, i]; return t }
function dir(s, e,   k) {
  k = s SUBSEP e
  if (!(k in pkts)) return 0 OFS 0 OFS 0 OFS 0 OFS "" OFS ""
  return sprintf("%.0f", pkts[k]) OFS sprintf("%.0f", bytes[k]) OFS sprintf("%.0f", hi[k]) OFS \
    sprintf("%.0f", covered(k)) OFS t0[k] OFS t1[k]
}
function counts(s, e,   k) {
  k = s SUBSEP e
  return sprintf("%.0f", synp[k]) OFS sprintf("%.0f", finp[k]) OFS sprintf("%.0f", rstp[k]) OFS \
    sprintf("%.0f", ackp[k]) OFS sprintf("%.0f", pure[k]) OFS sprintf("%.0f", datap[k]) OFS sprintf("%.0f", retx[k])
}
END {
  for (s = 0; s <= maxs; s++) {
    if (!(s in first_src)) continue
    c = (s in syn_src) ? syn_src[s] : first_src[s]
    v = (c == first_src[s]) ? first_dst[s] : first_src[s]
    print s, c, v, dir(s, c), dir(s, v), counts(s, c), counts(s, v), ((s in syn_src) ? 1 : 0)
  }
}'

# store TMP OUT MAY_GZIP: move TMP to OUT, or to OUT.gz (gzip -n -9) when MAY_GZIP is true and TMP
# is larger than 256 KiB; the other variant of OUT is removed. Prints the name written.
store() {
  local tmp=$1 out=$2 may_gzip=$3
  if $may_gzip && [ "$(wc -c < "$tmp")" -gt 262144 ]; then
    gzip -n -9 -c "$tmp" > "$tmp.gz" && mv "$tmp.gz" "$out.gz"; rm -f "$tmp" "$out"
    printf '%s' "$out.gz"
  else
    chmod 644 "$tmp"; mv "$tmp" "$out"; rm -f "$out.gz"
    printf '%s' "$out"
  fi
}

# conv CAPTURE OUT MAY_GZIP: write the tshark-conv golden file for one capture.
conv() {
  local capture=$1 out=$2 may_gzip=$3 tmp written
  [ -r "$capture" ] || die "cannot read $capture"
  tmp=$(mktemp "$out.XXXXXX")
  {
    printf '%s\n' "$conv_header"
    tshark -n -r "$capture" "${prefs[@]}" "${others[@]}" \
      -Y 'tcp && !icmp && !icmpv6' \
      -T fields -E header=n -E separator=/t -E occurrence=f -E quote=n \
      "${conv_field_args[@]}" 2> >(grep -v '^Running as user "root"' >&2 || true) |
      awk "$conv_awk"
  } > "$tmp" || { rm -f "$tmp"; die "tshark failed on $capture"; }
  written=$(store "$tmp" "$out" "$may_gzip")
  printf '%s -> %s (%s TCP streams)\n' "$capture" "${written#"$root"/}" \
    "$( (case $written in *.gz) gzip -dc "$written" ;; *) cat "$written" ;; esac) | tail -n +2 | wc -l)"
}

# ---- MPTCP reference numbers from tshark's MPTCP analysis -----------------------------------------
# The same preferences as above, with tshark's MPTCP analysis switched on (see the header).
mptcp_prefs=()
for ((i = 0; i < ${#prefs[@]}; i += 2)); do
  case ${prefs[i+1]} in mptcp.*) continue ;; esac
  mptcp_prefs+=("${prefs[i]}" "${prefs[i+1]}")
done
mptcp_prefs+=(
  -o mptcp.analyze_mptcp:TRUE
  -o mptcp.analyze_mappings:TRUE
  -o mptcp.intersubflows_retransmission:TRUE
  -o mptcp.relative_sequence_numbers:FALSE
)
mptcp_fields=(frame.number frame.protocols ip.src ipv6.src tcp.srcport ip.dst ipv6.dst tcp.dstport
              tcp.stream tcp.flags tcp.len mptcp.stream tcp.options.mptcp.subtype
              tcp.options.mptcp.version mptcp.expected_idsn mptcp.expected_token
              tcp.options.mptcp.recvtok tcp.options.mptcp.dataack8.flag tcp.options.mptcp.rawdataack
              tcp.options.mptcp.dseqn8.flag tcp.options.mptcp.rawdataseqno
              tcp.options.mptcp.datalvllen tcp.options.mptcp.datafin.flag mptcp.reinjection_of
              mptcp.related_mapping)
mptcp_field_args=()
for f in "${mptcp_fields[@]}"; do mptcp_field_args+=(-e "$f"); done

mptcp_header='tcp_stream	first_frame	client_addr	client_port	server_addr	server_port	mptcp_stream	mptcp_version	subflow	mptcp_reversed	c2s_reinjected_packets	c2s_reinjected_bytes	c2s_reinjected_mappings	s2c_reinjected_packets	s2c_reinjected_bytes	s2c_reinjected_mappings	mptcp_c2s_idsn	mptcp_c2s_data_acked	mptcp_c2s_data_fin_acked	mptcp_c2s_reinjected_packets	mptcp_c2s_reinjected_bytes	mptcp_c2s_reinjected_mappings	mptcp_s2c_idsn	mptcp_s2c_data_acked	mptcp_s2c_data_fin_acked	mptcp_s2c_reinjected_packets	mptcp_s2c_reinjected_bytes	mptcp_s2c_reinjected_mappings'

# Columns in (several occurrences joined with ','): 1 frame, 2 protocols, 3 ip.src, 4 ipv6.src,
# 5 srcport, 6 ip.dst, 7 ipv6.dst, 8 dstport, 9 stream, 10 flags (hex), 11 len, 12 mptcp.stream,
# 13 subtypes, 14 versions, 15 expected_idsn, 16 expected_token, 17 recvtok, 18 flag a, 19 raw
# DATA_ACK, 20 flag m, 21 raw DSN, 22 data-level length, 23 flag F, 24 reinjection_of,
# 25 related_mapping. The packets are stored first; the END block works through them in file order.
# 64-bit sequence numbers are handled as differences to a base (the direction's IDSN + 1), which
# are exact in awk's doubles: the raw decimal string is split into two 32-bit halves first.
mptcp_awk='
BEGIN { FS = OFS = "\t"; TWO32 = 4294967296; TWO31 = 2147483648 }
function mod32(x) { x = x % TWO32; if (x < 0) x += TWO32; return x }
function first(str) { sub(/,.*/, "", str); return str }
# u64(str): split a decimal 64-bit number into U_HI * 2^32 + U_LO, exactly (every intermediate
# value stays below 2^53).
function u64(str,   i, d) {
  U_HI = 0; U_LO = 0
  for (i = 1; i <= length(str); i++) {
    d = substr(str, i, 1) + 0
    U_LO = U_LO * 10 + d
    U_HI = U_HI * 10 + int(U_LO / TWO32)
    U_LO = U_LO % TWO32
  }
  U_HI = U_HI % TWO32
}
# rel(raw, wide, m, d, ref): the value raw (decimal, as on the wire) minus the base IDSN+1 of data
# direction d of connection m. wide = 1: raw is a 64-bit value, the difference is exact. wide = 0:
# raw is the low 32 bits; of the 64-bit values with these low bits, the one nearest to ref (a
# difference already computed) is taken.
function rel(raw, wide, m, d, ref,   x) {
  if (wide) { u64(raw); return (U_HI - bhi[m, d]) * TWO32 + (U_LO - blo[m, d]) }
  x = mod32(raw - blo[m, d]) - mod32(ref)
  if (x >= TWO31) x -= TWO32; else if (x < -TWO31) x += TWO32
  return ref + x
}
{
  n = split($2, layers, ":"); fam = ""
  for (i = 1; i <= n; i++) if (layers[i] == "ip" || layers[i] == "ipv6") { fam = layers[i]; break }
  src = (fam == "ipv6") ? $4 : $3; dst = (fam == "ipv6") ? $7 : $6
  sub(/,.*/, "", src); sub(/,.*/, "", dst)
  s = $9; if (s == "") next
  np++
  P_s[np] = s; P_frame[np] = $1; P_from[np] = src OFS $5; P_len[np] = $11 + 0
  flags = $10; sub(/^0x/, "", flags); flags = tolower(flags)
  # SYN is bit 1, ACK bit 4 of the low byte.
  fl = index("0123456789abcdef", substr(flags, length(flags), 1)) - 1
  fh = index("0123456789abcdef", substr(flags, length(flags) - 1, 1)) - 1
  syn = int(fl / 2) % 2; ack = fh % 2
  from = src OFS $5; to = dst OFS $8
  if (!(s in first_frame)) { first_frame[s] = $1; first_src[s] = from; first_dst[s] = to; if (s > maxs) maxs = s }
  if (syn && !ack && !(s in syn_src)) syn_src[s] = from
  if ($12 != "" && !(s in mstream)) mstream[s] = first($12)
  nsub = split($13, st, ",")
  P_capable[np] = 0; P_join[np] = 0
  for (i = 1; i <= nsub; i++) {
    if (st[i] == 0) { capable[s] = 1; P_capable[np] = 1 }
    if (st[i] == 1) { join[s] = 1; P_join[np] = 1 }
  }
  if (nsub > 0) has_opt[s] = 1
  nv = split($14, vs, ",")
  for (i = 1; i <= nv; i++) if (!((s, vs[i]) in vseen)) {
    vseen[s, vs[i]] = 1; t = (s in ver) ? ver[s] "," vs[i] : vs[i]; ver[s] = t
  }
  P_idsn[np] = first($15); P_token[np] = first($16); P_recvtok[np] = first($17)
  P_syn[np] = syn; P_ack[np] = ack
  P_ack8[np] = first($18); P_dack[np] = first($19); P_dsn8[np] = first($20); P_dsn[np] = first($21)
  P_dll[np] = first($22); P_fin[np] = first($23); P_reinj[np] = ($24 != ""); P_related[np] = $25
}
END {
  # Subflow client and server, as in the .tshark-conv.tsv files.
  for (s = 0; s <= maxs; s++) {
    if (!(s in first_frame)) continue
    client[s] = (s in syn_src) ? syn_src[s] : first_src[s]
    server[s] = (client[s] == first_src[s]) ? first_dst[s] : first_src[s]
  }
  # The initial subflow of each MPTCP connection: its stream with MP_CAPABLE that starts first;
  # without one, its first stream. Its client is the client of the connection.
  for (s = 0; s <= maxs; s++) {
    if (!(s in mstream)) continue
    m = mstream[s]
    if (!(m in init_s) || (capable[s] && !capable[init_s[m]]) ||
        (capable[s] == capable[init_s[m]] && first_frame[s] < first_frame[init_s[m]])) init_s[m] = s
  }
  # Keys of the initial subflow: IDSN and token of the key that each side sends (first seen).
  for (p = 1; p <= np; p++) {
    s = P_s[p]; if (!(s in mstream)) continue
    m = mstream[s]
    if (init_s[m] != s || !P_capable[p] || P_idsn[p] == "") continue
    d = (P_from[p] == client[s]) ? "c2s" : "s2c"
    if (!((m, d) in idsn)) { idsn[m, d] = P_idsn[p]; token[m, d] = P_token[p]; u64(P_idsn[p]); bhi[m, d] = U_HI; blo[m, d] = U_LO + 1 }
  }
  # Direction of each subflow relative to its connection: an MP_JOIN SYN addressed to the token of
  # the client of the connection comes from the server of the connection (reversed = 1).
  for (p = 1; p <= np; p++) {
    s = P_s[p]; if (!(s in mstream) || (s in reversed)) continue
    m = mstream[s]
    if (s == init_s[m]) { reversed[s] = 0; continue }
    if (P_syn[p] && !P_ack[p] && P_join[p] && P_recvtok[p] != "") {
      if (((m, "c2s") in token) && P_recvtok[p] == token[m, "c2s"]) reversed[s] = 1
      else reversed[s] = 0
    }
  }
  for (s = 0; s <= maxs; s++) if ((s in mstream) && !(s in reversed)) reversed[s] = 0
  # Per packet, in file order: mappings, DATA_ACKs, DATA_FINs, reinjections.
  for (p = 1; p <= np; p++) {
    s = P_s[p]; sd = (P_from[p] == client[s]) ? "c2s" : "s2c"
    if (!(s in mstream)) continue
    m = mstream[s]
    cd = ((sd == "c2s") != (reversed[s] == 1)) ? "c2s" : "s2c"   # data direction of what p sends
    od = (cd == "c2s") ? "s2c" : "c2s"                            # direction that the DATA_ACK of p acknowledges
    # DATA_ACK
    if (P_dack[p] != "" && ((m, od) in idsn)) {
      v = rel(P_dack[p], P_ack8[p] + 0 == 1, m, od, ((m, od) in ackmax) ? ackmax[m, od] : 0)
      if (!((m, od) in ackmax) || v > ackmax[m, od]) ackmax[m, od] = v
    }
    # mapping: a DSS with flag M (raw DSN present); the data of a v1 MP_CAPABLE (implicit mapping
    # at IDSN + 1) is not a mapping for tshark (never a related_mapping) and is skipped
    key = ""
    if (P_dsn[p] != "" && P_dll[p] != "") {
      if ((m, cd) in idsn) {
        v = rel(P_dsn[p], P_dsn8[p] + 0 == 1, m, cd, ((m, cd) in mapend) ? mapend[m, cd] : 0)
        if (!((m, cd) in mapend) || v + P_dll[p] > mapend[m, cd]) mapend[m, cd] = v + P_dll[p]
        key = sprintf("%.0f", v) ":" P_dll[p]
        if (P_fin[p] + 0 == 1 && P_dll[p] + 0 > 0 && !((m, cd) in finseq)) finseq[m, cd] = v + P_dll[p] - 1
      } else key = "raw" P_dsn[p] ":" P_dll[p]
      mapkey[P_frame[p]] = key
    }
    if (P_reinj[p]) {
      nr = split(P_related[p], rf, ",")
      k = 0
      for (i = 1; i <= nr; i++) if (rf[i] in mapkey) { keys[++k] = mapkey[rf[i]] }
      if (k == 0) keys[++k] = "frame" P_frame[p]
      rpk[s, sd]++; crpk[m, cd]++; rby[s, sd] += P_len[p]; crby[m, cd] += P_len[p]
      for (i = 1; i <= k; i++) {
        if (!((s, sd, keys[i]) in rmap)) { rmap[s, sd, keys[i]] = 1; rmaps[s, sd]++ }
        if (!((m, cd, keys[i]) in crmap)) { crmap[m, cd, keys[i]] = 1; crmaps[m, cd]++ }
      }
    }
  }
  for (s = 0; s <= maxs; s++) {
    if (!(s in first_frame) || (!has_opt[s] && !(s in mstream))) continue
    m = (s in mstream) ? mstream[s] : ""
    kind = capable[s] ? "initial" : (join[s] ? "join" : "")
    line = s OFS first_frame[s] OFS client[s] OFS server[s] OFS m OFS ((s in ver) ? ver[s] : "") OFS kind
    line = line OFS ((m == "") ? "" : reversed[s])
    for (di = 1; di <= 2; di++) {
      d = (di == 1) ? "c2s" : "s2c"
      line = line OFS sprintf("%.0f", rpk[s, d]) OFS sprintf("%.0f", rby[s, d]) OFS sprintf("%.0f", rmaps[s, d])
    }
    for (di = 1; di <= 2; di++) {
      d = (di == 1) ? "c2s" : "s2c"
      if (m == "") { line = line OFS "" OFS "" OFS "" OFS "" OFS "" OFS ""; continue }
      span = ((m, d) in ackmax) ? sprintf("%.0f", ackmax[m, d]) : ""
      fin = (span == "") ? "" : ((((m, d) in finseq) && ackmax[m, d] > finseq[m, d]) ? 1 : 0)
      line = line OFS (((m, d) in idsn) ? idsn[m, d] : "") OFS span OFS fin OFS \
        sprintf("%.0f", crpk[m, d]) OFS sprintf("%.0f", crby[m, d]) OFS sprintf("%.0f", crmaps[m, d])
    }
    print line
  }
}
'

# mptcp_tsv CAPTURE OUT MAY_GZIP: write the tshark-mptcp golden file for one capture.
mptcp_tsv() {
  local capture=$1 out=$2 may_gzip=$3 tmp written
  [ -r "$capture" ] || die "cannot read $capture"
  tmp=$(mktemp "$out.XXXXXX")
  {
    printf '%s\n' "$mptcp_header"
    tshark -n -r "$capture" "${mptcp_prefs[@]}" "${others[@]}" \
      -Y 'tcp && !icmp && !icmpv6' \
      -T fields -E header=n -E separator=/t -E occurrence=a -E aggregator=, -E quote=n \
      "${mptcp_field_args[@]}" 2> >(grep -v '^Running as user "root"' >&2 || true) |
      awk "$mptcp_awk"
  } > "$tmp" || { rm -f "$tmp"; die "tshark failed on $capture"; }
  written=$(store "$tmp" "$out" "$may_gzip")
  printf '%s -> %s (%s TCP streams with MPTCP, %s MPTCP connections)\n' "$capture" "${written#"$root"/}" \
    "$( (case $written in *.gz) gzip -dc "$written" ;; *) cat "$written" ;; esac) | tail -n +2 | wc -l)" \
    "$( (case $written in *.gz) gzip -dc "$written" ;; *) cat "$written" ;; esac) | tail -n +2 |
        awk -F'\t' '$7 != "" { print $7 }' | sort -u | wc -l)"
}

# tcptrace_csv CAPTURE OUT MAY_GZIP: write the tcptrace golden file for one capture, or say why not.
tcptrace_csv() {
  local capture=$1 out=$2 may_gzip=$3 work name status=0 written why
  if ! $have_tcptrace; then
    printf '%s -> no %s (tcptrace is not installed)\n' "$capture" "${out#"$root"/}"
    return 0
  fi
  [ -r "$capture" ] || die "cannot read $capture"
  work=$(mktemp -d)
  mkdir "$work/home"
  name=$(basename "$capture")
  case $name in
    *.gz) name=${name%.gz}; gzip -dc "$capture" > "$work/$name" ;;
    *) cp "$capture" "$work/$name" ;;
  esac
  (cd "$work" && env -u TCPTRACEOPTS HOME="$work/home" TZ=UTC tcptrace -l -r -n --csv "$name") \
    > "$work/out" 2> "$work/err" || status=$?
  if [ "$status" -ne 0 ] || ! grep -q '^#[0-9]* packets seen' "$work/out"; then
    why=$(grep -v '^Running as user' "$work/err" | head -n 1)
    rm -rf "$work"
    if [ -e "$out" ] || [ -e "$out.gz" ]; then
      rm -f "$out" "$out.gz"
      printf '%s -> skipped tcptrace, removed the old %s (tcptrace cannot read it: %s)\n' \
        "$capture" "${out#"$root"/}" "${why:-exit status $status}"
    else
      printf '%s -> skipped tcptrace (tcptrace cannot read it: %s)\n' "$capture" "${why:-exit status $status}"
    fi
    return 0
  fi
  grep -v '^#elapsed wallclock time: ' "$work/out" > "$work/csv" || true
  written=$(store "$work/csv" "$out" "$may_gzip")
  printf '%s -> %s (%s connections)\n' "$capture" "${written#"$root"/}" \
    "$( (case $written in *.gz) gzip -dc "$written" ;; *) cat "$written" ;; esac) | grep -c '^[0-9]')"
  rm -rf "$work"
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
  conv "$c" "$expected_dir/$(basename "$c").tshark-conv.tsv" false
  mptcp_tsv "$c" "$expected_dir/$(basename "$c").tshark-mptcp.tsv" false
  tcptrace_csv "$c" "$expected_dir/$(basename "$c").tcptrace.csv" false
done

if [ -n "$shared_dir" ]; then
  [ -d "$shared_dir" ] || die "no folder $shared_dir (--shared)"
  mkdir -p "$expected_dir/public-v0"
  found=false
  while IFS= read -r -d '' c; do
    found=true
    decode "$c" "$expected_dir/public-v0/$(basename "$c").decode.tsv.gz"
    conv "$c" "$expected_dir/public-v0/$(basename "$c").tshark-conv.tsv" true
    mptcp_tsv "$c" "$expected_dir/public-v0/$(basename "$c").tshark-mptcp.tsv" true
    tcptrace_csv "$c" "$expected_dir/public-v0/$(basename "$c").tcptrace.csv" true
  done < <(find "$shared_dir" -maxdepth 1 -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.gz' \) \
             -print0 | sort -z)
  $found || die "no capture in $shared_dir"
fi
