#!/usr/bin/env bash
# capture.sh - make small, real MPTCP packet captures with the Linux kernel.
#
# Topology (all of it lives in network namespaces this script creates and
# deletes again; nothing is sent outside them, the root namespace's
# interfaces and routes are never touched):
#
#   mpcap-phone                     mpcap-router                 mpcap-proxy
#   wlan0  192.168.1.2/24  ------  r-wlan  192.168.1.1
#          fd00:1::2/64                    fd00:1::1
#   rmnet0 10.0.0.2/24     ------  r-cell  10.0.0.1
#          fd00:2::2/64                    fd00:2::1
#                                  r-proxy 203.0.113.1   ------  eth0 203.0.113.10/24
#                                          2001:db8:100::1            2001:db8:100::10/64
#                                                                (add-addr only: 203.0.113.11)
#
# The phone is the MPTCP client: its first subflow uses WiFi (the default
# route), the second one is created by the kernel path manager from an
# `ip mptcp endpoint` on the cellular interface.  The proxy runs iperf3 and
# a tiny request/response server.  Both paths are rate-limited with tbf (on
# the phone for the uplink, on the router for the downlink) and the router
# drops a few random segments with nftables (there is no netem), so that
# captures contain retransmissions and MPTCP reinjections.
#
# Usage: sudo testdata/capture.sh [--check] [SCENARIO...]   (see --help)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUTDIR=${OUTDIR:-$HERE/captures}
PYTHON=${PYTHON:-python3}

# Fixed names make a crashed earlier run easy to clean up on the next run.
PHONE=mpcap-phone
ROUTER=mpcap-router
PROXY=mpcap-proxy
ALL_NS=("$PHONE" "$ROUTER" "$PROXY")

PHONE_WIFI4=192.168.1.2   PHONE_WIFI6=fd00:1::2
PHONE_CELL4=10.0.0.2      PHONE_CELL6=fd00:2::2
PROXY4=203.0.113.10       PROXY6=2001:db8:100::10
PROXY4_B=203.0.113.11

IPERF_PORT=5201
RR_PORT=8080

# Scenario order is also the order of `capture.sh` without arguments.
SCENARIOS=(sample ethernet-v4 sll-v4 sll2-v4 pcapng-v6 snaplen fallback
           refused-join add-addr mp-prio remove-addr backup checksum fastclose)

declare -A DESC=(
  [sample]="tiny quick-start capture (Ethernet, proxy side): iperf3 download = 2 MPTCP connections with 2 subflows each, plus 1 plain TCP connection"
  [ethernet-v4]="Ethernet, proxy side, IPv4: iperf3 download + 20 short request/response connections, 2 subflows, random loss -> retransmissions and reinjections"
  [sll-v4]="Linux cooked v1 (tcpdump -i any, linktype 113), phone side, IPv4: iperf3 upload + 10 short connections, with loss"
  [sll2-v4]="Linux cooked v2 (tcpdump -y LINUX_SLL2 -i any, linktype 276), phone side, IPv4: iperf3 download + 10 short connections, with loss"
  [pcapng-v6]="pcapng written by dumpcap, proxy side, IPv6 only: iperf3 download + 10 short connections, with loss"
  [snaplen]="Ethernet, proxy side, snaplen 128 (headers only): iperf3 download + 10 short connections, with loss"
  [fallback]="proxy servers use plain TCP: the phone's MP_CAPABLE SYNs are answered without MPTCP -> fallback to TCP"
  [refused-join]="proxy accepts MPTCP but 'ip mptcp limits set subflows 0': every MP_JOIN SYN is reset"
  [add-addr]="proxy gets a second address and a 'signal' endpoint: ADD_ADDR (+ echo) and a subflow to the announced address"
  [mp-prio]="iperf3 download; the phone's cellular endpoint is changed to 'backup' mid-transfer -> MP_PRIO"
  [remove-addr]="iperf3 download; the phone's cellular endpoint is deleted mid-transfer -> REMOVE_ADDR, subflow closed, data reinjected"
  [backup]="the phone's cellular endpoint has the 'backup' flag from the start -> MP_JOIN SYNs with B=1"
  [checksum]="net.mptcp.checksum_enabled=1 on both ends -> MP_CAPABLE with checksum-required flag, DSS options with checksums"
  [fastclose]="client closes with unread data / SO_LINGER 0 -> MP_FASTCLOSE and MP_TCPRST"
)

usage() {
  cat <<EOF
Usage: sudo $0 [--check] [SCENARIO...]

Creates its own network namespaces (${ALL_NS[*]}), runs real MPTCP
traffic through them and writes one capture per scenario to
  $OUTDIR/<scenario>.pcap   (pcapng-v6: .pcapng)
Without SCENARIO arguments every scenario is captured.  Each scenario is
verified with tshark afterwards; a capture that lacks the fact its name
promises makes the script fail.

  --check      do not capture; only verify the existing files of the given
               (or all) scenarios and print a markdown summary table
  -h, --help   this text

Scenarios:
EOF
  local s
  for s in "${SCENARIOS[@]}"; do
    printf '  %-13s %s\n' "$s" "${DESC[$s]}"
  done
  cat <<EOF

Environment: OUTDIR (default testdata/captures), PYTHON (default python3),
KEEP_DIR (if set, every attempt's capture is also copied there, for debugging).
Needs: root, a kernel with MPTCP, iproute2, nftables, tc (tbf), ethtool,
tcpdump, dumpcap, tshark, capinfos, iperf3, mptcpize (mptcpd), python3.
EOF
}

log() { printf '[capture] %s\n' "$*" >&2; }
die() { printf '[capture] ERROR: %s\n' "$*" >&2; exit 1; }

in_ns() { local n=$1; shift; ip netns exec "$n" "$@"; }

# ---------------------------------------------------------------------------
# Cleanup.  Processes started with `ip netns exec` keep a namespace alive even
# after `ip netns del`, so every process still running inside one of *our*
# namespaces is ended by PID first.  Only our namespaces are inspected, so
# nothing else on the machine can be hit.
# ---------------------------------------------------------------------------
teardown() {
  local n pid pids
  for n in "${ALL_NS[@]}"; do
    [[ -e /run/netns/$n ]] || continue
    pids=$(ip netns pids "$n" 2>/dev/null || true)
    for pid in $pids; do kill -TERM "$pid" 2>/dev/null || true; done
  done
  # Give tcpdump/dumpcap a moment to flush before anything is killed hard.
  sleep 0.3
  for n in "${ALL_NS[@]}"; do
    [[ -e /run/netns/$n ]] || continue
    pids=$(ip netns pids "$n" 2>/dev/null || true)
    for pid in $pids; do kill -KILL "$pid" 2>/dev/null || true; done
    ip netns del "$n" 2>/dev/null || true
  done
}

WORK=""
on_exit() {
  local rc=$?
  teardown
  [[ -n $WORK && -d $WORK ]] && rm -rf "$WORK"
  exit "$rc"
}

# ---------------------------------------------------------------------------
# Topology
# ---------------------------------------------------------------------------
setup_topology() {
  teardown
  local n
  for n in "${ALL_NS[@]}"; do
    ip netns add "$n"
    ip -n "$n" link set lo up
  done

  # Fixed MAC addresses keep captures comparable between runs.
  ip -n "$PHONE" link add wlan0 address 02:00:00:00:01:02 type veth \
     peer name r-wlan address 02:00:00:00:01:01 netns "$ROUTER"
  ip -n "$PHONE" link add rmnet0 address 02:00:00:00:02:02 type veth \
     peer name r-cell address 02:00:00:00:02:01 netns "$ROUTER"
  ip -n "$PROXY" link add eth0 address 02:00:00:00:03:10 type veth \
     peer name r-proxy address 02:00:00:00:03:01 netns "$ROUTER"

  # The phone's cellular subflow arrives on rmnet0 from an address whose
  # main-table route points at wlan0; strict reverse-path filtering would
  # silently drop it.
  in_ns "$PHONE" sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
  in_ns "$ROUTER" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1

  # nodad: IPv6 addresses must be usable at once, not after ~2 s of DAD.
  ip -n "$PHONE" addr add "$PHONE_WIFI4/24" dev wlan0
  ip -n "$PHONE" addr add "$PHONE_WIFI6/64" dev wlan0 nodad
  ip -n "$PHONE" addr add "$PHONE_CELL4/24" dev rmnet0
  ip -n "$PHONE" addr add "$PHONE_CELL6/64" dev rmnet0 nodad
  ip -n "$ROUTER" addr add 192.168.1.1/24 dev r-wlan
  ip -n "$ROUTER" addr add fd00:1::1/64 dev r-wlan nodad
  ip -n "$ROUTER" addr add 10.0.0.1/24 dev r-cell
  ip -n "$ROUTER" addr add fd00:2::1/64 dev r-cell nodad
  ip -n "$ROUTER" addr add 203.0.113.1/24 dev r-proxy
  ip -n "$ROUTER" addr add 2001:db8:100::1/64 dev r-proxy nodad
  ip -n "$PROXY" addr add "$PROXY4/24" dev eth0
  ip -n "$PROXY" addr add "$PROXY6/64" dev eth0 nodad

  local pair ns_ dev
  for pair in "$PHONE:wlan0" "$PHONE:rmnet0" "$ROUTER:r-wlan" "$ROUTER:r-cell" \
              "$ROUTER:r-proxy" "$PROXY:eth0"; do
    ns_=${pair%%:*} dev=${pair#*:}
    in_ns "$ns_" sysctl -qw "net.ipv4.conf.$dev.rp_filter=0"
    # Without offloads veths hand 64 KB super-segments to the capture and
    # leave checksums unfinished; we want wire-like, MTU-sized packets with
    # valid checksums.
    in_ns "$ns_" ethtool -K "$dev" gso off tso off gro off tx off >/dev/null 2>&1 ||
      in_ns "$ns_" ethtool -K "$dev" gso off tso off gro off >/dev/null
    ip -n "$ns_" link set "$dev" up
  done

  # Static neighbour entries (the MACs are fixed anyway): with dynamic
  # ARP/NDP the very first IPv6 SYN can wait ~1 s for neighbour discovery
  # while link-local DAD is still running, which shifts the whole scenario's
  # timing (e.g. into the cellular outage).
  local ip_
  for ip_ in 192.168.1.1 fd00:1::1; do
    ip -n "$PHONE" neigh replace "$ip_" lladdr 02:00:00:00:01:01 dev wlan0 nud permanent
  done
  for ip_ in 10.0.0.1 fd00:2::1; do
    ip -n "$PHONE" neigh replace "$ip_" lladdr 02:00:00:00:02:01 dev rmnet0 nud permanent
  done
  for ip_ in "$PHONE_WIFI4" "$PHONE_WIFI6"; do
    ip -n "$ROUTER" neigh replace "$ip_" lladdr 02:00:00:00:01:02 dev r-wlan nud permanent
  done
  for ip_ in "$PHONE_CELL4" "$PHONE_CELL6"; do
    ip -n "$ROUTER" neigh replace "$ip_" lladdr 02:00:00:00:02:02 dev r-cell nud permanent
  done
  for ip_ in "$PROXY4" "$PROXY6" "$PROXY4_B"; do
    ip -n "$ROUTER" neigh replace "$ip_" lladdr 02:00:00:00:03:10 dev r-proxy nud permanent
  done
  for ip_ in 203.0.113.1 2001:db8:100::1; do
    ip -n "$PROXY" neigh replace "$ip_" lladdr 02:00:00:00:03:01 dev eth0 nud permanent
  done

  # WiFi is the phone's default route; traffic *from* the cellular address
  # must leave through rmnet0 (source routing, like a real phone does).
  ip -n "$PHONE" route add default via 192.168.1.1 dev wlan0
  ip -n "$PHONE" -6 route add default via fd00:1::1 dev wlan0
  ip -n "$PHONE" rule add from "$PHONE_CELL4" table 200
  ip -n "$PHONE" route add default via 10.0.0.1 dev rmnet0 table 200
  ip -n "$PHONE" -6 rule add from "$PHONE_CELL6" table 200
  ip -n "$PHONE" -6 route add default via fd00:2::1 dev rmnet0 table 200
  ip -n "$PROXY" route add default via 203.0.113.1 dev eth0
  ip -n "$PROXY" -6 route add default via 2001:db8:100::1 dev eth0

  # net.mptcp.* and the path-manager limits are per namespace; defaults
  # (add_addr_accepted 0) would ignore ADD_ADDR and allow too few subflows.
  ip -n "$PHONE" mptcp limits set subflows 4 add_addr_accepted 4
  ip -n "$PROXY" mptcp limits set subflows 4 add_addr_accepted 4
}

# The usual second path: a subflow endpoint on the cellular interface, one
# per address family (id 2 = IPv4, id 3 = IPv6).  Extra `ip mptcp endpoint`
# flags (e.g. backup) are passed through.
phone_endpoints() {
  ip -n "$PHONE" mptcp endpoint add "$PHONE_CELL4" dev rmnet0 id 2 subflow "$@"
  ip -n "$PHONE" mptcp endpoint add "$PHONE_CELL6" dev rmnet0 id 3 subflow "$@"
}

# impair WIFI_RATE CELL_RATE WIFI_LOSS‰ CELL_LOSS‰
# Rate limits go on both ends of each path (phone egress = uplink, router
# egress = downlink).  There is no netem, so the only delay is queueing: the
# tbf queues are sized in time (latency) so that WiFi gets a short and the
# cellular path a long, bufferbloated RTT, as in real life.  This RTT
# difference is what makes the scheduler split data unevenly and the MPTCP
# retransmit timer reinject.  SYN and RST are never dropped: lost SYNs would
# add 1 s stalls and, after two MP_CAPABLE SYN losses, turn the connection
# into a plain-TCP fallback by themselves.
impair() {
  local wifi_rate=$1 cell_rate=$2 wifi_loss=$3 cell_loss=$4
  in_ns "$PHONE" tc qdisc add dev wlan0 root tbf rate "$wifi_rate" burst 6kb latency 80ms
  in_ns "$ROUTER" tc qdisc add dev r-wlan root tbf rate "$wifi_rate" burst 6kb latency 80ms
  in_ns "$PHONE" tc qdisc add dev rmnet0 root tbf rate "$cell_rate" burst 3kb latency 250ms
  in_ns "$ROUTER" tc qdisc add dev r-cell root tbf rate "$cell_rate" burst 3kb latency 250ms
  in_ns "$ROUTER" nft -f - <<EOF
table inet impair {
  chain outage {
    type filter hook forward priority -10; policy accept;
  }
  chain forward {
    type filter hook forward priority 0; policy accept;
    meta l4proto tcp tcp flags & (syn | rst) == 0 iifname "r-wlan" numgen random mod 1000 < $wifi_loss drop
    meta l4proto tcp tcp flags & (syn | rst) == 0 oifname "r-wlan" numgen random mod 1000 < $wifi_loss drop
    meta l4proto tcp tcp flags & (syn | rst) == 0 iifname "r-cell" numgen random mod 1000 < $cell_loss drop
    meta l4proto tcp tcp flags & (syn | rst) == 0 oifname "r-cell" numgen random mod 1000 < $cell_loss drop
  }
}
EOF
}

# cell_outage SECONDS: the cellular path drops everything for a while, like
# a phone losing coverage in a tunnel.
cell_outage() {
  in_ns "$ROUTER" nft add rule inet impair outage iifname "r-cell" drop
  in_ns "$ROUTER" nft add rule inet impair outage oifname "r-cell" drop
  sleep "$1"
  in_ns "$ROUTER" nft flush chain inet impair outage
}

# ---------------------------------------------------------------------------
# Capture.  start_capture NS IFACE FORMAT FILE [SNAPLEN]
#   FORMAT: ether (pcap on IFACE), sll (-i any), sll2 (-i any -y LINUX_SLL2),
#           pcapng (dumpcap on IFACE, native pcapng)
# ---------------------------------------------------------------------------
CAP_PID=""
start_capture() {
  local n=$1 dev=$2 fmt=$3 file=$4 snap=${5:-262144}
  local cmd
  case $fmt in
    ether)  cmd=(tcpdump -Z root -n -s "$snap" -i "$dev" -w "$file") ;;
    # tcpdump >= 4.99 picks SLL2 for "-i any" by default; ask for v1 explicitly.
    sll)    cmd=(tcpdump -Z root -n -s "$snap" -i any -y LINUX_SLL -w "$file") ;;
    sll2)   cmd=(tcpdump -Z root -n -s "$snap" -i any -y LINUX_SLL2 -w "$file") ;;
    pcapng) cmd=(dumpcap -q -n -s "$snap" -i "$dev" -w "$file") ;;
    *) die "unknown capture format $fmt" ;;
  esac
  # Started directly (not through a shell function) so that $! is the
  # capture process itself and the SIGINT in stop_capture reaches it.
  ip netns exec "$n" "${cmd[@]}" 2>>"$WORK/tcpdump.log" &
  CAP_PID=$!
  # The capture must be attached before the first SYN; tcpdump gives no
  # reliable "ready" signal, so just wait.
  sleep 1
  kill -0 "$CAP_PID" 2>/dev/null || die "capture did not start, see $WORK/tcpdump.log: $(cat "$WORK/tcpdump.log")"
}

stop_capture() {
  # Let the last FIN/ACKs and DATA_ACKs reach the wire before stopping.
  sleep 1
  # SIGINT makes tcpdump/dumpcap flush and close the file properly.
  kill -INT "$CAP_PID"
  wait "$CAP_PID" || true
  CAP_PID=""
}

# ---------------------------------------------------------------------------
# Traffic
# ---------------------------------------------------------------------------
# Request/response client and server.  Protocol: the client sends "N\n", the
# server answers with N bytes; repeated for ROUNDS rounds with a GAP so that
# later rounds can use the subflow joined after the first one.
write_reqresp() {
  cat >"$WORK/reqresp.py" <<'EOF'
import argparse, socket, struct, threading, time

IPPROTO_MPTCP = 262

def payload(n):
    block = bytes(range(256)) * 64
    return (block * (n // len(block) + 1))[:n]

def handle(conn):
    try:
        with conn, conn.makefile("rb") as f:
            for line in f:
                conn.sendall(payload(int(line)))
    except (OSError, ValueError):
        pass  # the fastclose scenario resets connections on purpose

def server(a):
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM, a.proto)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)  # v4 and v6
    s.bind(("::", a.port))
    s.listen(64)
    while True:
        c, _ = s.accept()
        threading.Thread(target=handle, args=(c,), daemon=True).start()

def recv_exactly(s, n):
    got = 0
    while got < n:
        b = s.recv(min(65536, n - got))
        if not b:
            raise EOFError("short response")
        got += len(b)

def client(a):
    fam = socket.AF_INET6 if ":" in a.host else socket.AF_INET
    for _ in range(a.count):
        s = socket.socket(fam, socket.SOCK_STREAM, a.proto)
        if a.abort == "unread":
            # a small window bounds how much the server sends before the reset
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 32768)
        s.connect((a.host, a.port))
        for r in range(a.rounds):
            if r:
                time.sleep(a.gap)
            s.sendall(b"%d\n" % a.size)
            if a.abort == "unread":
                time.sleep(a.gap)   # let data pile up unread
                break
            recv_exactly(s, a.size)
        if a.abort == "linger":
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()
        time.sleep(a.pause)

p = argparse.ArgumentParser()
p.add_argument("role", choices=["server", "client"])
p.add_argument("--host")
p.add_argument("--port", type=int, required=True)
p.add_argument("--tcp", dest="proto", action="store_const",
               const=socket.IPPROTO_TCP, default=IPPROTO_MPTCP)
p.add_argument("--count", type=int, default=10)
p.add_argument("--size", type=int, default=8000)
p.add_argument("--rounds", type=int, default=2)
p.add_argument("--gap", type=float, default=0.1)
p.add_argument("--pause", type=float, default=0.05)
p.add_argument("--abort", choices=["none", "unread", "linger"], default="none")
a = p.parse_args()
server(a) if a.role == "server" else client(a)
EOF
}

wait_listen() {
  local port=$1 _
  for _ in $(seq 50); do
    [[ -n $(in_ns "$PROXY" ss -Hltn "sport = :$port") ]] && return 0
    sleep 0.1
  done
  die "nothing listens on port $port in $PROXY"
}

# start_servers mptcp|tcp
start_servers() {
  # `ip netns exec` directly, not in_ns: a backgrounded shell function would
  # leave a subshell in between.
  # The servers live until teardown; disown keeps bash from reporting
  # their deaths as job-control noise.
  if [[ $1 == mptcp ]]; then
    ip netns exec "$PROXY" mptcpize run iperf3 -s -p "$IPERF_PORT" >>"$WORK/server.log" 2>&1 &
    disown $!
    ip netns exec "$PROXY" "$PYTHON" "$WORK/reqresp.py" server --port "$RR_PORT" >>"$WORK/server.log" 2>&1 &
    disown $!
  else
    # Plain TCP listeners: the phone's MP_CAPABLE SYNs get a SYN/ACK
    # without MPTCP option, and the phone falls back to TCP.
    ip netns exec "$PROXY" iperf3 -s -p "$IPERF_PORT" >>"$WORK/server.log" 2>&1 &
    disown $!
    ip netns exec "$PROXY" "$PYTHON" "$WORK/reqresp.py" server --tcp --port "$RR_PORT" >>"$WORK/server.log" 2>&1 &
    disown $!
  fi
  wait_listen "$IPERF_PORT"
  wait_listen "$RR_PORT"
}

# iperf HOST IPERF3-ARGS...  (the client is always MPTCP via mptcpize).
# -l 16K: iperf3 sends whole blocks, so the default 128 KB block would
# overshoot -n by up to 128 KB.
iperf() {
  local host=$1; shift
  in_ns "$PHONE" mptcpize run iperf3 -c "$host" -p "$IPERF_PORT" -i 0 -l 16K \
        --connect-timeout 3000 "$@" >>"$WORK/client.log" 2>&1 ||
    die "iperf3 failed: $(tail -3 "$WORK/client.log")"
}

# reqresp HOST ARGS...
reqresp() {
  local host=$1; shift
  in_ns "$PHONE" "$PYTHON" "$WORK/reqresp.py" client --host "$host" --port "$RR_PORT" "$@" \
        >>"$WORK/client.log" 2>&1 || die "reqresp client failed: $(tail -3 "$WORK/client.log")"
}

# Run "$@" after DELAY seconds in the background (for mid-transfer events);
# wait_later waits for it (a plain `wait` would also wait for the servers).
LATER_PID=""
later() {
  local delay=$1; shift
  ( sleep "$delay"; "$@" ) &
  LATER_PID=$!
}
wait_later() { wait "$LATER_PID"; }

# ---------------------------------------------------------------------------
# Scenarios.  Each gets a fresh topology and writes $WORK/<name>.<ext>.
# Byte counts (-n, --size) are fixed so that file sizes are predictable.
# ---------------------------------------------------------------------------
CAP_FILE=""

# Rates are deliberately low (1-2 Mbit/s) so that a few hundred KB take a
# second or two: long enough for mid-transfer events (outage, MP_PRIO,
# REMOVE_ADDR), and busy enough that the default scheduler, which only
# spills onto the second subflow when the first one is full, really sends
# data over the cellular path.

sc_sample() {
  phone_endpoints
  impair 2mbit 1mbit 0 0
  start_servers mptcp
  start_capture "$PROXY" eth0 ether "$CAP_FILE"
  # iperf3 = 2 MPTCP connections (control + data), each with a cellular join;
  # then one plain TCP request/response connection to the same server.
  iperf "$PROXY4" -R -n 120K
  reqresp "$PROXY4" --tcp --count 1 --size 20000 --rounds 1
  stop_capture
}

sc_ethernet-v4() {
  phone_endpoints
  impair 2mbit 1mbit 10 40
  start_servers mptcp
  start_capture "$PROXY" eth0 ether "$CAP_FILE"
  # A short cellular outage in the middle of the download: WiFi runs out of
  # new data to send while the cellular subflow holds unacknowledged data,
  # which the MPTCP retransmit timer then reinjects on WiFi.
  later 0.4 cell_outage 0.8
  iperf "$PROXY4" -R -n 200K
  wait_later
  reqresp "$PROXY4" --count 20 --size 5000 --rounds 2
  stop_capture
}

sc_sll-v4() {
  phone_endpoints
  impair 2mbit 1mbit 10 40
  start_servers mptcp
  start_capture "$PHONE" any sll "$CAP_FILE"
  later 0.4 cell_outage 0.8
  iperf "$PROXY4" -n 200K
  wait_later
  reqresp "$PROXY4" --count 10 --size 6000 --rounds 2
  stop_capture
}

sc_sll2-v4() {
  phone_endpoints
  impair 2mbit 1mbit 10 40
  start_servers mptcp
  start_capture "$PHONE" any sll2 "$CAP_FILE"
  later 0.4 cell_outage 0.8
  iperf "$PROXY4" -R -n 200K
  wait_later
  reqresp "$PROXY4" --count 10 --size 6000 --rounds 2
  stop_capture
}

sc_pcapng-v6() {
  phone_endpoints
  impair 2mbit 1mbit 10 40
  start_servers mptcp
  start_capture "$PROXY" eth0 pcapng "$CAP_FILE"
  later 0.4 cell_outage 0.8
  iperf "$PROXY6" -R -n 200K
  wait_later
  reqresp "$PROXY6" --count 10 --size 6000 --rounds 2
  stop_capture
}

sc_snaplen() {
  phone_endpoints
  impair 2mbit 1mbit 10 40
  start_servers mptcp
  start_capture "$PROXY" eth0 ether "$CAP_FILE" 128
  iperf "$PROXY4" -R -n 600K
  reqresp "$PROXY4" --count 10 --size 6000 --rounds 2
  stop_capture
}

sc_fallback() {
  phone_endpoints
  impair 2mbit 1mbit 0 10
  start_servers tcp
  start_capture "$PROXY" eth0 ether "$CAP_FILE"
  iperf "$PROXY4" -R -n 150K
  reqresp "$PROXY4" --count 10 --size 6000 --rounds 2
  stop_capture
}

sc_refused-join() {
  phone_endpoints
  impair 2mbit 1mbit 0 10
  ip -n "$PROXY" mptcp limits set subflows 0 add_addr_accepted 0
  start_servers mptcp
  start_capture "$PROXY" eth0 ether "$CAP_FILE"
  iperf "$PROXY4" -R -n 150K
  reqresp "$PROXY4" --count 5 --size 6000 --rounds 2
  stop_capture
}

sc_add-addr() {
  phone_endpoints
  impair 2mbit 1mbit 0 10
  # The second address exists only here, so every other capture shows a
  # proxy with exactly one address.
  ip -n "$PROXY" addr add "$PROXY4_B/24" dev eth0
  ip -n "$PROXY" mptcp endpoint add "$PROXY4_B" dev eth0 id 5 signal
  start_servers mptcp
  start_capture "$PROXY" eth0 ether "$CAP_FILE"
  iperf "$PROXY4" -R -n 200K
  reqresp "$PROXY4" --count 5 --size 6000 --rounds 2 --gap 0.3
  stop_capture
}

sc_mp-prio() {
  phone_endpoints
  impair 1mbit 1mbit 0 0
  start_servers mptcp
  start_capture "$PROXY" eth0 ether "$CAP_FILE"
  later 0.5 ip -n "$PHONE" mptcp endpoint change id 2 backup
  iperf "$PROXY4" -R -n 300K
  wait_later
  stop_capture
}

sc_remove-addr() {
  phone_endpoints
  impair 1mbit 1mbit 0 0
  start_servers mptcp
  start_capture "$PROXY" eth0 ether "$CAP_FILE"
  later 0.5 ip -n "$PHONE" mptcp endpoint delete id 2
  iperf "$PROXY4" -R -n 300K
  wait_later
  stop_capture
}

sc_backup() {
  phone_endpoints backup
  impair 2mbit 1mbit 0 10
  start_servers mptcp
  start_capture "$PROXY" eth0 ether "$CAP_FILE"
  iperf "$PROXY4" -R -n 150K
  reqresp "$PROXY4" --count 5 --size 6000 --rounds 2
  stop_capture
}

sc_checksum() {
  phone_endpoints
  impair 2mbit 1mbit 5 20
  in_ns "$PHONE" sysctl -qw net.mptcp.checksum_enabled=1
  in_ns "$PROXY" sysctl -qw net.mptcp.checksum_enabled=1
  start_servers mptcp
  start_capture "$PROXY" eth0 ether "$CAP_FILE"
  iperf "$PROXY4" -R -n 200K
  reqresp "$PROXY4" --count 5 --size 6000 --rounds 2
  stop_capture
}

sc_fastclose() {
  phone_endpoints
  impair 2mbit 1mbit 0 0
  start_servers mptcp
  start_capture "$PROXY" eth0 ether "$CAP_FILE"
  # Closing an MPTCP socket with unread data, or with SO_LINGER {1, 0},
  # makes the kernel abort the whole connection with MP_FASTCLOSE.
  reqresp "$PROXY4" --count 5 --size 40000 --rounds 1 --gap 0.3 --abort unread
  reqresp "$PROXY4" --count 5 --size 6000 --rounds 2 --gap 0.3 --abort linger
  stop_capture
}

ext_of() { [[ $1 == pcapng-v6 ]] && echo pcapng || echo pcap; }

# ---------------------------------------------------------------------------
# Verification with tshark
# ---------------------------------------------------------------------------
TS_OPTS=(-o mptcp.analyze_mptcp:TRUE -o mptcp.analyze_mappings:TRUE
         -o mptcp.intersubflows_retransmission:TRUE -o tcp.analyze_sequence_numbers:TRUE)

# count FILE DISPLAY-FILTER  -> number of matching frames
count() {
  tshark -n -r "$1" "${TS_OPTS[@]}" -Y "$2" -T fields -e frame.number 2>/dev/null | wc -l
}
# streams FILE DISPLAY-FILTER -> number of distinct TCP streams with a match
streams() {
  tshark -n -r "$1" "${TS_OPTS[@]}" -Y "$2" -T fields -e tcp.stream 2>/dev/null | sort -u | grep -c . || true
}

# dss_checksums FILE -> number of packets whose DSS option carries a checksum.
# tshark 4.0 does not show the DSS checksum field, so the raw option bytes
# are parsed: a DSS with a mapping is 2 bytes longer than its flags imply
# exactly when the checksum is present.
dss_checksums() {
  tshark -n -r "$1" -Y "tcp.options.mptcp.subtype==2" -T fields -e tcp.options 2>/dev/null | awk '
    function hx(c) { return index("0123456789abcdef", c) - 1 }
    function b(i) { return hx(substr(o, 2*i+1, 1)) * 16 + hx(substr(o, 2*i+2, 1)) }
    {
      o = tolower($1); n = length(o) / 2; i = 0; found = 0
      while (i < n) {
        k = b(i)
        if (k == 0) break
        if (k == 1) { i++; continue }
        l = b(i + 1)
        if (l < 2) break
        if (k == 30 && int(b(i + 2) / 16) == 2) {
          fl = b(i + 3); want = 4
          if (fl % 2) want += (int(fl / 2) % 2) ? 8 : 4
          if (int(fl / 4) % 2) want += ((int(fl / 8) % 2) ? 8 : 4) + 6
          if (int(fl / 4) % 2 && l == want + 2) found = 1
        }
        i += l
      }
      if (found) c++
    }
    END { print c + 0 }'
}

declare -A F
# facts FILE: fill F[...] with the numbers the README reports
facts() {
  local f=$1
  F=()
  F[size]=$(stat -c %s "$f")
  F[packets]=$(capinfos -M -c "$f" | awk -F': *' '/Number of packets/ {print $2}')
  F[encap]=$(capinfos -E "$f" | awk -F': *' '/encapsulation/ {print $2}')
  F[ftype]=$(capinfos -t "$f" | awk -F' - ' '/File type/ {print $NF}')
  F[snaplen]=$(capinfos -l "$f" | awk -F': *' '/Packet size limit/ {print $NF; exit}')
  F[snaplen]=${F[snaplen]%% bytes}
  local syn='tcp.flags.syn==1 && tcp.flags.ack==0'
  local synack='tcp.flags.syn==1 && tcp.flags.ack==1'
  F[tcp_conns]=$(streams "$f" "$syn")
  F[mpc_syn]=$(streams "$f" "$syn && tcp.options.mptcp.subtype==0")
  F[mpc_synack]=$(streams "$f" "$synack && tcp.options.mptcp.subtype==0")
  F[plain_syn]=$(streams "$f" "$syn && !tcp.options.mptcp.subtype")
  F[join_syn]=$(streams "$f" "$syn && tcp.options.mptcp.subtype==1")
  F[join_synack]=$(streams "$f" "$synack && tcp.options.mptcp.subtype==1")
  F[join_backup]=$(streams "$f" "$syn && tcp.options.mptcp.subtype==1 && tcp.options.mptcp.backup.flag==1")
  F[mptcp_conns]=$(tshark -n -r "$f" "${TS_OPTS[@]}" -Y mptcp.stream -T fields -e mptcp.stream 2>/dev/null | sort -u | grep -c . || true)
  # "how many subflows per MPTCP connection", e.g. "7x3" = 7 conns with 3
  F[subflows]=$(tshark -n -r "$f" "${TS_OPTS[@]}" -Y mptcp.stream -T fields -e mptcp.stream -e tcp.stream 2>/dev/null |
    sort -u | awk '{ n[$1]++ } END { for (k in n) d[n[k]]++; for (x in d) printf "%s%dx%d", (i++ ? " " : ""), d[x], x }')
  F[mpc_v1]=$(count "$f" "$syn && tcp.options.mptcp.subtype==0 && tcp.options.mptcp.version==1")
  F[csum_req]=$(count "$f" "$syn && tcp.options.mptcp.subtype==0 && tcp.options.mptcp.checksumreq.flags==1")
  F[dss_csum]=$(dss_checksums "$f")
  F[add_addr]=$(count "$f" "tcp.options.mptcp.subtype==3 && tcp.options.mptcp.echo==0")
  F[add_addr_echo]=$(count "$f" "tcp.options.mptcp.subtype==3 && tcp.options.mptcp.echo==1")
  F[remove_addr]=$(count "$f" "tcp.options.mptcp.subtype==4")
  F[mp_prio]=$(count "$f" "tcp.options.mptcp.subtype==5")
  F[mp_fail]=$(count "$f" "tcp.options.mptcp.subtype==6")
  F[fastclose]=$(count "$f" "tcp.options.mptcp.subtype==7")
  F[tcprst]=$(count "$f" "tcp.options.mptcp.subtype==8")
  F[rst_prohibited]=$(count "$f" "tcp.options.mptcp.subtype==8 && tcp.options.mptcp.rst_reason==3")
  F[rst]=$(count "$f" "tcp.flags.reset==1")
  F[retrans]=$(count "$f" "tcp.analysis.retransmission || tcp.analysis.fast_retransmission")
  F[reinject]=$(count "$f" "mptcp.reinjection_of")
  # TCP payload bytes per path, told apart by the phone's cellular address.
  read -r 'F[payload_wifi]' 'F[payload_cell]' < <(
    tshark -n -r "$f" -Y "tcp.len > 0" -T fields -E separator='|' \
           -e ip.src -e ip.dst -e ipv6.src -e ipv6.dst -e tcp.len 2>/dev/null |
      awk -F'|' -v c4="$PHONE_CELL4" -v c6="$PHONE_CELL6" '
        { if ($1 == c4 || $2 == c4 || $3 == c6 || $4 == c6) c += $5; else w += $5 }
        END { print w + 0, c + 0 }')
  # Cellular payload sent after the first MP_PRIO / REMOVE_ADDR: shows that
  # the event really moved the data off that path.
  local ev
  ev=$(tshark -n -r "$f" -Y "tcp.options.mptcp.subtype==4 || tcp.options.mptcp.subtype==5" \
              -T fields -e frame.number 2>/dev/null | head -1)
  F[cell_after_event]=$(tshark -n -r "$f" -Y "tcp.len > 0 && frame.number > ${ev:-0}" -T fields \
      -E separator='|' -e ip.src -e ip.dst -e ipv6.src -e ipv6.dst -e tcp.len 2>/dev/null |
    awk -F'|' -v c4="$PHONE_CELL4" -v c6="$PHONE_CELL6" '
      $1 == c4 || $2 == c4 || $3 == c6 || $4 == c6 { c += $5 } END { print c + 0 }')
  F[ipv6]=$(count "$f" "ipv6 && tcp")
  F[ipv4]=$(count "$f" "ip && tcp")
}

# expect NAME EXPR  (arithmetic over F[...] values), records failures
FAILED=0
expect() {
  local name=$1 expr=$2 e=$2 k
  for k in "${!F[@]}"; do
    [[ ${F[$k]} =~ ^[0-9]+$ ]] && e=${e//\{$k\}/${F[$k]}}
  done
  if ! (( e )); then
    log "CHECK FAILED for $name: $expr  ($e)"
    FAILED=1
  fi
}

check_scenario() {
  local s=$1 f=$2
  facts "$f"
  expect "$s" "{size} <= 2*1024*1024"
  case $s in
    sample)       expect "$s" "{size} <= 300*1024 && {mptcp_conns} >= 2 && {join_synack} >= 2 && {payload_cell} > 0 && {plain_syn} >= 1" ;;
    ethernet-v4)  expect "$s" "{join_synack} >= 2 && {payload_cell} > 0 && {retrans} > 0 && {reinject} > 0" ;;
    sll-v4)       expect "$s" "{join_synack} >= 2 && {retrans} > 0 && {reinject} > 0" ;;
    sll2-v4)      expect "$s" "{join_synack} >= 2 && {retrans} > 0 && {reinject} > 0" ;;
    pcapng-v6)    expect "$s" "{join_synack} >= 2 && {ipv6} > 0 && {ipv4} == 0 && {reinject} > 0" ;;
    snaplen)      expect "$s" "{snaplen} == 128 && {join_synack} >= 2" ;;
    fallback)     expect "$s" "{mpc_syn} > 0 && {mpc_synack} == 0 && {join_syn} == 0" ;;
    # 6.x kernels answer the MP_JOIN SYN and refuse the join at the third
    # ACK with a RST carrying MP_TCPRST "administratively prohibited".
    refused-join) expect "$s" "{mpc_synack} > 0 && {join_syn} > 0 && {rst_prohibited} >= {join_syn}" ;;
    add-addr)     expect "$s" "{add_addr} > 0 && {add_addr_echo} > 0 && {join_synack} > 0" ;;
    # The event must visibly move the data: cellular payload before it, little
    # after (only what was already queued on that subflow may still go out).
    mp-prio)      expect "$s" "{mp_prio} > 0 && {payload_cell} > 0 && {cell_after_event} * 2 < {payload_cell}" ;;
    remove-addr)  expect "$s" "{remove_addr} > 0 && {payload_cell} > 0 && {cell_after_event} * 2 < {payload_cell}" ;;
    backup)       expect "$s" "{join_backup} > 0 && {join_backup} == {join_syn}" ;;
    checksum)     expect "$s" "{csum_req} > 0 && {dss_csum} > 0" ;;
    fastclose)    expect "$s" "{fastclose} > 0 && {tcprst} > 0" ;;
  esac
  case $s in
    sll-v4)    [[ ${F[encap]} == *"cooked-mode capture v1"* ]] || { log "$s: wrong encapsulation ${F[encap]}"; FAILED=1; } ;;
    sll2-v4)   [[ ${F[encap]} == *"cooked-mode capture v2"* ]] || { log "$s: wrong encapsulation ${F[encap]}"; FAILED=1; } ;;
    pcapng-v6) [[ ${F[ftype]} == *pcapng* ]] || { log "$s: wrong file type ${F[ftype]}"; FAILED=1; } ;;
    *)         [[ ${F[encap]} == Ethernet ]] || { log "$s: wrong encapsulation ${F[encap]}"; FAILED=1; } ;;
  esac
}

summary_row() {
  local s=$1 f=$2 facts_txt
  facts_txt="${F[mptcp_conns]} MPTCP conns (conns x subflows: ${F[subflows]:-none}), ${F[tcp_conns]} TCP connections/subflows"
  facts_txt+=" (${F[mpc_syn]} MP_CAPABLE SYNs, ${F[mpc_v1]} of them v1; ${F[mpc_synack]} MP_CAPABLE SYN/ACKs; ${F[plain_syn]} plain TCP SYNs)"
  facts_txt+=", joins ${F[join_syn]} SYN/${F[join_synack]} SYN-ACK (${F[join_backup]} backup)"
  facts_txt+=", payload WiFi/cell ${F[payload_wifi]}/${F[payload_cell]} B"
  facts_txt+=", retrans ${F[retrans]}, reinjections ${F[reinject]}"
  facts_txt+=", ADD_ADDR ${F[add_addr]}+${F[add_addr_echo]} echo, REMOVE_ADDR ${F[remove_addr]}, MP_PRIO ${F[mp_prio]}"
  ((F[remove_addr] + F[mp_prio] == 0)) || facts_txt+=" (cell payload after it: ${F[cell_after_event]} B)"
  facts_txt+=", MP_FASTCLOSE ${F[fastclose]}, MP_TCPRST ${F[tcprst]} (${F[rst_prohibited]} prohibited), RST ${F[rst]}"
  facts_txt+=", csum-req SYNs ${F[csum_req]}, DSS w/ checksum ${F[dss_csum]}"
  printf '| %s | %s | %s | %s | %s |\n' "$(basename "$f")" "${F[encap]} (${F[ftype]}, snaplen ${F[snaplen]})" \
    "${F[size]}" "${F[packets]}" "$facts_txt"
}

# ---------------------------------------------------------------------------
main() {
  local check_only=0 args=() s
  while (($#)); do
    case $1 in
      -h|--help) usage; exit 0 ;;
      --check) check_only=1 ;;
      -*) usage >&2; exit 2 ;;
      *) [[ -n ${DESC[$1]+x} ]] || die "unknown scenario '$1' (see --help)"; args+=("$1") ;;
    esac
    shift
  done
  ((${#args[@]})) || args=("${SCENARIOS[@]}")

  if ((!check_only)); then
    ((EUID == 0)) || die "must run as root (network namespaces)"
    local tool
    for tool in ip tc nft ethtool tcpdump dumpcap tshark capinfos iperf3 mptcpize "$PYTHON"; do
      command -v "$tool" >/dev/null || die "missing tool: $tool"
    done
    WORK=$(mktemp -d /tmp/mpcap.XXXXXX)
    trap on_exit EXIT
    trap 'exit 130' INT TERM
    write_reqresp
    mkdir -p "$OUTDIR"
    local attempt
    for s in "${args[@]}"; do
      # Loss is random, so a run can (rarely) miss a fact such as a
      # reinjection; capture again instead of committing a capture that
      # does not show what its name promises.
      for attempt in 1 2 3; do
        log "scenario $s (attempt $attempt): ${DESC[$s]}"
        CAP_FILE=$WORK/$s.$(ext_of "$s")
        rm -f "$CAP_FILE"
        setup_topology
        "sc_$s"
        teardown
        [[ -z ${KEEP_DIR:-} ]] || cp "$CAP_FILE" "$KEEP_DIR/$attempt-$(basename "$CAP_FILE")"
        FAILED=0
        check_scenario "$s" "$CAP_FILE"
        ((FAILED)) || break
      done
      ((FAILED == 0)) || die "scenario $s: the capture lacks its facts after $attempt attempts"
      rm -f "$OUTDIR/$s.pcap" "$OUTDIR/$s.pcapng"
      cp "$CAP_FILE" "$OUTDIR/"
      chmod 644 "$OUTDIR/$(basename "$CAP_FILE")"
    done
  fi

  echo "| file | link type | bytes | packets | facts (tshark) |"
  echo "|---|---|---|---|---|"
  local f total=0
  for s in "${args[@]}"; do
    f=$OUTDIR/$s.$(ext_of "$s")
    [[ -f $f ]] || { log "missing $f"; FAILED=1; continue; }
    check_scenario "$s" "$f"
    summary_row "$s" "$f"
  done
  for f in "$OUTDIR"/*.pcap "$OUTDIR"/*.pcapng; do
    [[ -f $f ]] && total=$((total + $(stat -c %s "$f")))
  done
  log "all captures together: $total bytes"
  ((total <= 10 * 1024 * 1024)) || { log "captures exceed 10 MB in total"; FAILED=1; }
  ((FAILED == 0)) || die "some checks failed"
}

main "$@"
