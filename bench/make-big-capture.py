#!/usr/bin/env python3
"""Make a large pcap for bench/compare.sh by concatenating copies of small captures.

usage: bench/make-big-capture.py OUTPUT SIZE_MB [INPUT.pcap ...]

Without inputs it takes every classic pcap in testdata/captures/ whose link type is
Ethernet (the others are skipped: one pcap file has one link type). Copies are
appended, cycling through the inputs, until the file reaches SIZE_MB (10^6 bytes).

Each copy is made distinct so that analysers see new connections, not one
connection replayed:
  * time: copy k starts 301 s after the last packet of copy k-1, so the file's
    timestamps only go forward, and with analyze's default idle timeout (300 s)
    every connection of a copy has ended before the next copy starts;
  * addresses: in every IPv4 or IPv6 TCP packet of copy k, the last 16-bit word of
    the lower address (of source and destination) gets +k and that of the higher
    address -k, in one's complement arithmetic. Both directions of a connection
    therefore map to the same new pair, and since the sum of the 16-bit words is
    unchanged, the IPv4 header checksum and the TCP checksum stay valid (tcptrace
    and tshark see no checksum errors). Packets that are not TCP, and IPv6 packets
    with extension headers, are copied unchanged.
MPTCP options are not rewritten (tokens and join HMACs derive from the keys):
copies of an MPTCP connection keep its keys, tokens and ADD_ADDR addresses. The
gap between copies keeps them apart for mptcpstat: a key is never seen again
while the connection that used it is still open (an idle timeout below 301 s
keeps it that way).

Only the Python 3 standard library is used. Prints what it wrote.
"""
import os
import struct
import sys

MAGIC_MICROS = 0xA1B2C3D4
MAGIC_NANOS = 0xA1B23C4D
LINKTYPE_ETHERNET = 1
LINKTYPE_RAW = 101
LINKTYPE_LINUX_SLL = 113
LINKTYPE_IPV4 = 228
LINKTYPE_IPV6 = 229
LINKTYPE_LINUX_SLL2 = 276
GAP_SECONDS = 301


def ones_add(a, b):
    s = a + b
    return ((s & 0xFFFF) + (s >> 16)) & 0xFFFF


def read_pcap(path):
    """Returns (link type, units per second, records), records as (ts units, data offset, incl, orig)."""
    with open(path, 'rb') as f:
        data = f.read()
    if len(data) < 24:
        raise ValueError(f'{path}: too short for a pcap header')
    for endian in ('<', '>'):
        magic, = struct.unpack_from(endian + 'I', data, 0)
        if magic in (MAGIC_MICROS, MAGIC_NANOS):
            break
    else:
        raise ValueError(f'{path}: not a classic pcap file (pcapng is not supported here)')
    units = 1_000_000 if magic == MAGIC_MICROS else 1_000_000_000
    link_type = struct.unpack_from(endian + 'I', data, 20)[0] & 0xFFFF
    records = []
    at = 24
    header = struct.Struct(endian + 'IIII')
    while at + 16 <= len(data):
        sec, frac, incl, orig = header.unpack_from(data, at)
        if at + 16 + incl > len(data):
            break  # a record cut short at the end of the file: leave it out
        records.append((sec * units + frac, at + 16, incl, orig))
        at += 16 + incl
    return link_type, units, data, records


def network_offset(link_type, data, start, length):
    """Returns (offset of the IP header relative to the record, IP version) or (None, None)."""
    if link_type == LINKTYPE_ETHERNET:
        at, ethertype = 12, None
        while at + 2 <= length:
            ethertype = struct.unpack_from('>H', data, start + at)[0]
            if ethertype in (0x8100, 0x88A8):  # VLAN tags
                at += 4
                continue
            break
        at += 2
        version = {0x0800: 4, 0x86DD: 6}.get(ethertype)
        return (at, version) if version else (None, None)
    if link_type == LINKTYPE_LINUX_SLL and length >= 16:
        version = {0x0800: 4, 0x86DD: 6}.get(struct.unpack_from('>H', data, start + 14)[0])
        return (16, version) if version else (None, None)
    if link_type == LINKTYPE_LINUX_SLL2 and length >= 20:
        version = {0x0800: 4, 0x86DD: 6}.get(struct.unpack_from('>H', data, start)[0])
        return (20, version) if version else (None, None)
    if link_type in (LINKTYPE_RAW, LINKTYPE_IPV4, LINKTYPE_IPV6) and length >= 1:
        version = data[start] >> 4
        return (0, version) if version in (4, 6) else (None, None)
    return None, None


def address_words(link_type, data, start, length):
    """Where the two words to rewrite are: (word of the lower address, word of the higher one), or None."""
    ip, version = network_offset(link_type, data, start, length)
    if ip is None:
        return None
    if version == 4:
        if ip + 20 > length or data[start + ip + 9] != 6:
            return None
        src, dst, size = ip + 12, ip + 16, 4
    else:
        if ip + 40 > length or data[start + ip + 6] != 6:
            return None
        src, dst, size = ip + 8, ip + 24, 16
    a = data[start + src:start + src + size]
    b = data[start + dst:start + dst + size]
    if a == b:
        return None
    src_word, dst_word = src + size - 2, dst + size - 2
    return (src_word, dst_word) if a < b else (dst_word, src_word)


class Template:
    """One input, ready to be copied: its records in output form, and what each copy changes."""

    def __init__(self, path, out_units):
        link_type, units, data, records = read_pcap(path)
        if not records:
            raise ValueError(f'{path}: no packets')
        self.path = path
        self.link_type = link_type
        self.first = records[0][0] * out_units // units
        self.last = records[-1][0] * out_units // units
        self.packets = len(records)
        body = bytearray()
        self.stamps = []   # (offset of the record header in body, timestamp in output units)
        self.words = []    # (offset of the word to +k, offset of the word to -k), in body
        for ts, offset, incl, orig in records:
            at = len(body)
            body += struct.pack('<IIII', 0, 0, incl, orig)
            body += data[offset:offset + incl]
            self.stamps.append((at, ts * out_units // units))
            words = address_words(link_type, data, offset, incl)
            if words:
                self.words.append((at + 16 + words[0], at + 16 + words[1]))
        self.body = bytes(body)

    def copy(self, shift, delta, out_units):
        buf = bytearray(self.body)
        pack = struct.pack_into
        for at, ts in self.stamps:
            sec, frac = divmod(ts + shift, out_units)
            pack('<II', buf, at, sec, frac)
        if delta:
            minus = ~delta & 0xFFFF
            for up, down in self.words:
                pack('>H', buf, up, ones_add((buf[up] << 8) | buf[up + 1], delta))
                pack('>H', buf, down, ones_add((buf[down] << 8) | buf[down + 1], minus))
        return buf


def default_inputs():
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'testdata', 'captures')
    paths = []
    for name in sorted(os.listdir(folder)):
        path = os.path.normpath(os.path.join(folder, name))
        try:
            link_type, _, _, _ = read_pcap(path)
        except ValueError:
            continue
        if link_type == LINKTYPE_ETHERNET:
            paths.append(path)
    return paths


def main(argv):
    if len(argv) < 3 or argv[1] in ('-h', '--help'):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    output, size = argv[1], int(float(argv[2]) * 1_000_000)
    inputs = argv[3:] or default_inputs()
    # Microseconds unless some input has nanoseconds.
    out_units = max(read_pcap(path)[1] for path in inputs)
    templates = [Template(path, out_units) for path in inputs]
    link_types = {t.link_type for t in templates}
    if len(link_types) != 1:
        raise SystemExit(f'inputs have different link types {sorted(link_types)}; a pcap file has one')
    magic = MAGIC_MICROS if out_units == 1_000_000 else MAGIC_NANOS
    written = copies = packets = 0
    next_start = templates[0].first
    with open(output, 'wb') as out:
        out.write(struct.pack('<IHHiIII', magic, 2, 4, 0, 0, 262144, templates[0].link_type))
        written = 24
        while written < size:
            t = templates[copies % len(templates)]
            shift = next_start - t.first
            out.write(t.copy(shift, copies % 0xFFFF, out_units))
            written += len(t.body)
            packets += t.packets
            next_start = t.last + shift + GAP_SECONDS * out_units
            copies += 1
    print(f'{output}: {written} bytes, {packets} packets, {copies} copies of {len(templates)} captures '
          f'({", ".join(os.path.basename(t.path) for t in templates)})')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
