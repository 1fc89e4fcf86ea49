#!/usr/bin/env python3
"""Makes the malformed-capture corpus in testdata/malformed/ and the seed inputs of the fuzz tests.

Everything is cut from, or built next to, the good captures in testdata/captures/, so that the
damage sits in realistic files: cuts at many offsets, bit flips and lying lengths in pcap and
pcapng structure, broken gzip streams, damaged link, IP, TCP and MPTCP headers. The findings of
the fuzz tests (the crash-* files in their inputs folders) are wrapped into captures here too, so
that `analyze` runs on them as well.

The output is the same bytes on every run and machine: no clock, no compressor (gzip streams are
written by hand, as stored deflate blocks or fixed-Huffman copies, whose bytes no zlib version
changes), and the only randomness is SHA-256 of fixed labels.
MalformedCorpusTest checks each file against EXPECTED.tsv, which is kept by hand: a file added
here needs its line there.

    python3 testdata/malformed/make.py
"""

import hashlib
import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CAPTURES = ROOT / "testdata" / "captures"
PARSER_INPUTS = ROOT / "parser" / "src" / "test" / "resources" / "org" / "mptcpstat" / "parser"
FUZZ_INPUTS = {
    "reader": PARSER_INPUTS / "capture" / "CaptureReaderFuzzTestInputs" / "shouldReadAnyBytesToAnEndWithoutThrowing",
    "stream": PARSER_INPUTS / "capture" / "CaptureStreamFuzzTestInputs" / "shouldReadAnyStreamToAnEndWithoutThrowing",
    "decoder": PARSER_INPUTS / "packet" / "PacketDecoderFuzzTestInputs" / "shouldDecodeAnyRecordWithinItsBytes",
    "option": PARSER_INPUTS / "mptcp" / "MptcpOptionDecoderFuzzTestInputs" / "shouldReadEveryAllowedFieldWithinTheOption",
    "analysis": ROOT / "emitters" / "src" / "test" / "resources" / "org" / "mptcpstat" / "emitters"
    / "AnalysisFuzzTestInputs" / "shouldAnalyzeAnyPacketSequenceWithoutThrowing",
}

LINKTYPE_ETHERNET = 1
LINKTYPE_RAW = 101
LINKTYPE_SLL = 113
LINKTYPE_SLL2 = 276
PCAP_HEADER = 24
PCAP_RECORD_HEADER = 16
NG_SHB = 0x0A0D0D0A
NG_IDB = 1
NG_EPB = 6
KIND_MPTCP = 30
# The base captures keep only their first records: enough for every kind of damage, and small.
BASE_RECORDS = 20


class Noise:
    """Deterministic pseudo-random numbers: SHA-256 of a label and a counter."""

    def __init__(self, label):
        self.label = label.encode()
        self.counter = 0

    def below(self, bound):
        self.counter += 1
        digest = hashlib.sha256(self.label + self.counter.to_bytes(8, "big")).digest()
        return int.from_bytes(digest[:8], "big") % bound

    def bytes(self, length):
        return bytes(self.below(256) for _ in range(length))


def put_le(data, at, value):
    copy = bytearray(data)
    copy[at:at + 4] = struct.pack("<I", value & 0xFFFFFFFF)
    return bytes(copy)


def flip(data, at, mask):
    copy = bytearray(data)
    copy[at] ^= mask
    return bytes(copy)


# ---------------------------------------------------------------- capture files

def pcap_record_offsets(data):
    """Offsets of every record of a little-endian pcap, then the offset after the last one."""
    offsets = []
    at = PCAP_HEADER
    while at + PCAP_RECORD_HEADER <= len(data):
        offsets.append(at)
        at += PCAP_RECORD_HEADER + struct.unpack_from("<I", data, at + 8)[0]
    offsets.append(at)
    return offsets


def pcap_file(frames, linktype=LINKTYPE_ETHERNET, snaplen=262144):
    out = bytearray(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, linktype))
    for n, frame in enumerate(frames):
        out += struct.pack("<IIII", 1_700_000_000, n * 1000, len(frame), len(frame)) + frame
    return bytes(out)


def ng_block_offsets(data, count):
    """Offsets of the first `count` blocks of a little-endian pcapng, then the offset after them."""
    offsets = []
    at = 0
    while at + 12 <= len(data) and len(offsets) < count:
        offsets.append(at)
        at += struct.unpack_from("<I", data, at + 4)[0]
    offsets.append(at)
    return offsets


def ng_block(block_type, body):
    body += bytes(-len(body) % 4)
    length = 12 + len(body)
    return struct.pack("<II", block_type, length) + body + struct.pack("<I", length)


def ng_section():
    return ng_block(NG_SHB, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))


def ng_interface(linktype, options=b""):
    return ng_block(NG_IDB, struct.pack("<HHI", linktype, 0, 0) + options + struct.pack("<HH", 0, 0))


def ng_packet(interface, ticks, frame):
    return ng_block(NG_EPB, struct.pack("<IIIII", interface, ticks >> 32, ticks & 0xFFFFFFFF, len(frame),
                                        len(frame)) + frame)


def capture_frames(path):
    """(link type, frame) of every record of a little-endian pcap or single-section pcapng."""
    data = path.read_bytes()
    if data[:4] == struct.pack("<I", NG_SHB):
        linktypes = []
        at = 0
        while at + 12 <= len(data):
            block_type, length = struct.unpack_from("<II", data, at)
            if block_type == NG_IDB:
                linktypes.append(struct.unpack_from("<H", data, at + 8)[0])
            elif block_type == NG_EPB:
                interface, _, _, captured = struct.unpack_from("<IIII", data, at + 8)
                yield linktypes[interface], data[at + 28:at + 28 + captured]
            at += length
        return
    linktype = struct.unpack_from("<I", data, 20)[0] & 0xFFFF
    offsets = pcap_record_offsets(data)
    for at, end in zip(offsets, offsets[1:]):
        yield linktype, data[at + PCAP_RECORD_HEADER:end]


def ip_of(linktype, frame):
    """The IP packet inside a frame of the link types the good captures use."""
    header = {LINKTYPE_ETHERNET: 14, LINKTYPE_SLL: 16, LINKTYPE_SLL2: 20, LINKTYPE_RAW: 0}[linktype]
    return frame[header:]


def tcp_options(ip):
    """The TCP header options of an IPv4 or IPv6 packet (without extension headers), or None."""
    if ip[0] >> 4 == 4 and ip[9] == 6:
        tcp = ip[(ip[0] & 0x0F) * 4:]
    elif ip[0] >> 4 == 6 and ip[6] == 6:
        tcp = ip[40:]
    else:
        return None
    return tcp[20:(tcp[12] >> 4) * 4]


def mptcp_options(options):
    at = 0
    while at < len(options) and options[at] != 0:
        if options[at] == 1:
            at += 1
            continue
        length = options[at + 1]
        if options[at] == KIND_MPTCP:
            yield options[at:at + length]
        at += max(length, 2)


# ---------------------------------------------------------------- gzip, written by hand

def gzip_stored(data, block=4096):
    """A gzip member whose deflate stream is stored blocks: the same bytes from every zlib or none."""
    out = bytearray(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff")
    chunks = [data[i:i + block] for i in range(0, len(data), block)] or [b""]
    for n, chunk in enumerate(chunks):
        out.append(1 if n == len(chunks) - 1 else 0)
        out += struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF) + chunk
    out += struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)
    return bytes(out)


class Bits:
    """Deflate's bit stream: fields from the least significant bit, Huffman codes from the most."""

    def __init__(self):
        self.out = bytearray()
        self.value = 0
        self.count = 0

    def field(self, value, width):
        self.value |= value << self.count
        self.count += width
        while self.count >= 8:
            self.out.append(self.value & 0xFF)
            self.value >>= 8
            self.count -= 8

    def code(self, code, width):
        self.field(int(f"{code:0{width}b}"[::-1], 2), width)

    def bytes(self):
        return bytes(self.out) + (bytes([self.value]) if self.count else b"")


def fixed_literal(bits, byte):
    """A literal in deflate's fixed Huffman code (RFC 1951, 3.2.6)."""
    if byte < 144:
        bits.code(0x30 + byte, 8)
    else:
        bits.code(0x190 + byte - 144, 9)


def distance_code(distance):
    """Deflate's code for a distance, with the width and value of its extra bits."""
    for code in range(30):
        extra = max(0, (code - 2) // 2)
        base = code + 1 if code < 4 else ((2 + (code & 1)) << extra) + 1
        if base <= distance < base + (1 << extra):
            return code, extra, distance - base
    raise ValueError(f"distance {distance} beyond deflate's window")


def gzip_repeating(head, unit, copies):
    """Gzip of `head` then `unit` repeated: one fixed-Huffman block of literals, then copies of
    258 bytes each from `len(unit)` back. Written by hand, so tiny for megabytes, and deterministic."""
    data = head + unit * copies
    bits = Bits()
    bits.field(1, 1)
    bits.field(1, 2)
    for byte in head + unit:
        fixed_literal(bits, byte)
    code, extra, offset = distance_code(len(unit))
    remaining = len(unit) * (copies - 1)
    while remaining >= 258:
        bits.code(0xC5, 8)
        bits.code(code, 5)
        bits.field(offset, extra)
        remaining -= 258
    for byte in data[len(data) - remaining:]:
        fixed_literal(bits, byte)
    bits.code(0, 7)
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + bits.bytes() + \
        struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)


# ---------------------------------------------------------------- synthetic packets

def tcp_packet(options, flags, data_offset=None):
    """Ethernet, IPv4 and TCP (10.0.0.1:40000 to 10.0.0.2:443) with these option bytes and 10 payload bytes."""
    options += bytes(-len(options) % 4)
    tcp_length = 20 + len(options)
    offset = tcp_length // 4 if data_offset is None else data_offset
    tcp = struct.pack(">HHIIBBHI", 40000, 443, 1000, 0 if flags == 0x02 else 5000, offset << 4, flags, 65535, 0)
    ip = struct.pack(">BBHIBBHII", 0x45, 0, 20 + tcp_length + 10, 0, 64, 6, 0, 0x0A000001, 0x0A000002)
    return bytes(12) + b"\x08\x00" + ip + tcp + options + bytes(10)


def ipv6_packet(next_header, payload, payload_length):
    """Ethernet, then IPv6 (next header `next_header`) with this payload after the fixed header."""
    ip = struct.pack(">IHBB", 0x60000000, payload_length, next_header, 64)
    ip += bytes.fromhex("20010db8000000000000000000000001") + bytes.fromhex("20010db8000000000000000000000002")
    return bytes(12) + b"\x86\xdd" + ip + payload


# ---------------------------------------------------------------- the corpus

def pcap_cases(full):
    records = pcap_record_offsets(full)
    good = full[:records[BASE_RECORDS]]
    last = len(records[:BASE_RECORDS]) - 1
    r1, r5 = records[1], records[5]
    snap = struct.unpack_from("<I", good, 16)[0]
    cases = {}
    for cut in (0, 1, 3, 4, 10, 23, 25, 30, 39, r1 + 1, r1 + 15, r1 + 16, r1 + 20, r5 - 1, r5, len(good) - 1):
        cases[f"pcap-cut-{cut}.pcap"] = good[:cut]
    cases["pcap-bad-magic.pcap"] = flip(good, 0, 0x10)
    cases["pcap-version.pcap"] = put_le(good, 4, 0x7FFF0000)
    cases["pcap-snaplen-0.pcap"] = put_le(good, 16, 0)
    cases["pcap-snaplen-1.pcap"] = put_le(good, 16, 1)
    cases["pcap-linktype-ffff.pcap"] = put_le(good, 20, 0xFFFF)
    cases["pcap-linktype-raw.pcap"] = put_le(good, 20, LINKTYPE_RAW)
    cases["pcap-linktype-fcs.pcap"] = put_le(good, 20, 0x10000001)
    cases["pcap-caplen-over-snaplen.pcap"] = put_le(good, r1 + 8, snap + 1)
    cases["pcap-caplen-over-file.pcap"] = put_le(good, records[last] + 8, 5000)
    cases["pcap-caplen-huge.pcap"] = put_le(good, r1 + 8, 0xFFFFFFF0)
    cases["pcap-caplen-zero.pcap"] = put_le(good, r1 + 8, 0)
    cases["pcap-caplen-small.pcap"] = put_le(good, r1 + 8, 10)
    cases["pcap-origlen-zero.pcap"] = put_le(put_le(good, r1 + 12, 0), r5 + 12, 1)
    cases["pcap-origlen-huge.pcap"] = put_le(good, r1 + 12, 0xFFFFFFFF)
    cases["pcap-ts-backwards.pcap"] = put_le(good, r5, 0)
    cases["pcap-ts-huge.pcap"] = put_le(put_le(good, r5, 0xFFFFFFFF), r5 + 4, 0xFFFFFFFF)
    for bit in range(0, 32, 3):
        record = records[2 + bit % (BASE_RECORDS - 2)]
        cases[f"pcap-flip-caplen-{bit}.pcap"] = flip(good, record + 8 + bit // 8, 1 << (bit % 8))
    # Random damage inside packet bytes, never headers: the decoders must take anything.
    noise = Noise("pcap-fuzzed-packets")
    fuzzed = bytearray(good)
    for start, end in zip(records[1:BASE_RECORDS], records[2:BASE_RECORDS + 1]):
        for _ in range(4):
            fuzzed[start + PCAP_RECORD_HEADER + noise.below(end - start - PCAP_RECORD_HEADER)] ^= 1 + noise.below(255)
    cases["pcap-fuzzed-packets.pcap"] = bytes(fuzzed)
    return cases


def idb_with_tsresol(good, idb):
    """The interface block grown by an if_tsresol option of 2^-127 (ticks far too fine)."""
    length = struct.unpack_from("<I", good, idb + 4)[0]
    block = bytearray(good[idb:idb + 16] + struct.pack("<HHB3x", 9, 1, 0xFF) + good[idb + 16:idb + length])
    block[4:8] = struct.pack("<I", length + 8)
    block[-4:] = struct.pack("<I", length + 8)
    return good[:idb] + bytes(block) + good[idb + length:]


def pcapng_cases(full):
    blocks = ng_block_offsets(full, BASE_RECORDS + 2)
    good = full[:blocks[-1]]
    idb, epb, epb2 = blocks[1], blocks[2], blocks[3]
    epb_length = struct.unpack_from("<I", good, epb + 4)[0]
    cases = {}
    for cut in (0, 4, 8, 27, 28, idb - 1, idb + 4, idb + 10, epb - 2, epb + 8, epb + 30, epb2 - 4, epb2 - 1,
                len(good) - 3):
        cases[f"ng-cut-{cut}.pcapng"] = good[:cut]
    cases["ng-bad-byte-order.pcapng"] = flip(good, 8, 0x01)
    cases["ng-shb-length-small.pcapng"] = put_le(good, 4, 8)
    cases["ng-idb-length-small.pcapng"] = put_le(good, idb + 4, 12)
    cases["ng-idb-length-12-both.pcapng"] = put_le(put_le(good, idb + 4, 12), idb + 8, 12)
    cases["ng-idb-options-lie.pcapng"] = put_le(good, idb + 16, 0xFFF00009)
    cases["ng-idb-tsresol-huge.pcapng"] = idb_with_tsresol(good, idb)
    # Lengths that would loop (0, or back onto the block itself), lie, or run past the file.
    cases["ng-epb-length-zero.pcapng"] = put_le(good, epb + 4, 0)
    cases["ng-epb-length-small.pcapng"] = put_le(good, epb + 4, 4)
    cases["ng-epb-length-12-both.pcapng"] = put_le(put_le(good, epb + 4, 12), epb + 8, 12)
    cases["ng-epb-length-odd.pcapng"] = put_le(good, epb + 4, epb_length + 1)
    cases["ng-epb-length-huge.pcapng"] = put_le(good, epb + 4, 0x7FFFFFF0)
    cases["ng-epb-length-max.pcapng"] = put_le(good, epb + 4, 0xFFFFFFFC)
    cases["ng-epb-trailer-mismatch.pcapng"] = put_le(good, epb + epb_length - 4, epb_length + 4)
    cases["ng-epb-both-lengths-lie.pcapng"] = put_le(put_le(good, epb + 4, epb_length + 8), epb + epb_length + 4,
                                                     epb_length + 8)
    cases["ng-epb-interface-out-of-range.pcapng"] = put_le(good, epb + 8, 7)
    cases["ng-epb-interface-negative.pcapng"] = put_le(good, epb + 8, 0xFFFFFFFF)
    cases["ng-epb-caplen-over-block.pcapng"] = put_le(good, epb + 20, epb_length)
    cases["ng-epb-caplen-huge.pcapng"] = put_le(good, epb + 20, 0xFFFFFFFF)
    cases["ng-epb-caplen-zero.pcapng"] = put_le(good, epb + 20, 0)
    cases["ng-unknown-block-type.pcapng"] = put_le(good, epb, 0x0BAD0BAD)
    cases["ng-block-type-shb-inside.pcapng"] = put_le(good, epb, NG_SHB)
    cases["ng-block-type-spb.pcapng"] = put_le(good, epb, 3)
    cases["ng-block-type-opb.pcapng"] = put_le(good, epb, 2)
    for i in range(BASE_RECORDS // 4):
        block = blocks[2 + i * 4]
        cases[f"ng-flip-header-{i}.pcapng"] = flip(good, block + i % 8, 1 << (i % 8))
    return cases


def gzip_cases(pcap):
    gz = gzip_stored(pcap, block=1024)
    stored = 10
    cases = {
        "gz-cut-header.pcap.gz": gz[:6],
        "gz-cut-half.pcap.gz": gz[:len(gz) // 2],
        "gz-no-trailer.pcap.gz": gz[:-8],
        "gz-bad-method.pcap.gz": gz[:2] + b"\x07" + gz[3:],
        "gz-header-names-missing.pcap.gz": gz[:3] + b"\x1c" + gz[4:stored],
        "gz-invalid-block-type.pcap.gz": gz[:stored] + b"\x07" + gz[stored + 1:],
        "gz-stored-length-lies.pcap.gz": flip(gz, stored + 3, 0x01),
        "gz-crc-mismatch.pcap.gz": flip(gz, len(gz) - 8, 0x01),
        "gz-size-mismatch.pcap.gz": flip(gz, len(gz) - 4, 0x01),
        "gz-trailing-garbage.pcap.gz": gz + b"\x1f\x8b\x08\x00\x01\x02\x03",
    }
    noise = Noise("gz-garbage-after-header")
    cases["gz-garbage-after-header.pcap.gz"] = gz[:stored] + noise.bytes(len(gz) - stored)
    # A block well past the first bytes damaged: what was inflated before it is still read.
    middle = stored + 12 * (5 + 1024)
    cases["gz-damaged-middle.pcap.gz"] = gz[:middle] + bytes(b ^ 0x5A for b in gz[middle:middle + 64]) + \
        gz[middle + 64:]
    return cases


def tcp_option_cases():
    options = [
        [30], [30, 0], [30, 1], [30, 2], [30, 3, 0], [30, 40, 0, 0], [30, 255, 0x20], [30, 4, 0x20, 0xFF],
        [30, 12, 0x00, 0x01, 1, 2, 3, 4, 5, 6, 7, 8], [30, 5, 0x10, 1, 2], [30, 8, 0x20, 0x1F, 1, 2, 3, 4],
        [30, 20, 0x20, 0x1F] + list(range(1, 17)), [30, 6, 0x30, 1, 1, 2], [30, 3, 0x40], [30, 3, 0x50],
        [30, 3, 0x60], [30, 3, 0x70], [30, 3, 0x80], [30, 3, 0xF0], [2, 0], [2, 1], [2, 3, 1], [3, 0], [3, 2],
        [4, 0], [5, 0], [5, 2], [5, 3, 0], [5, 9, 1, 2, 3, 4, 5, 6, 7], [5, 255, 1], [8, 0], [8, 9, 1], [255, 0],
        [255, 1], [255, 200], [1, 1, 1, 1, 0],
    ]
    packets = [tcp_packet(bytes([30, 12, 0, 0x81, 1, 2, 3, 4, 5, 6, 7, 8]), 0x02, 5)]
    for option in options:
        packets.append(tcp_packet(bytes(option), 0x18))
        packets.append(tcp_packet(bytes(option), 0x02))
    packets += [tcp_packet(b"", 0x18, 2), tcp_packet(b"", 0x18, 0), tcp_packet(bytes(40), 0x18, 15),
                tcp_packet(bytes([30, 40]), 0x18, 15)]
    noise = Noise("packets-tcp-options")
    for _ in range(300):
        option = bytearray(noise.bytes(1 + noise.below(40)))
        if noise.below(2):
            option[0] = KIND_MPTCP
        packets.append(tcp_packet(bytes(option), noise.below(256)))
    return pcap_file(packets)


def ipv4_cases():
    packets = []
    for ihl in (0, 4, 15):
        packet = bytearray(tcp_packet(b"", 0x18))
        packet[14] = 0x40 | ihl
        packets.append(bytes(packet))
    for total in (0, 19, 39, 65535):
        packet = bytearray(tcp_packet(b"", 0x18))
        packet[16:18] = struct.pack(">H", total)
        packets.append(bytes(packet))
    fragment = bytearray(tcp_packet(b"", 0x18))
    fragment[20:22] = b"\x20\x10"
    packets.append(bytes(fragment))
    whole = tcp_packet(b"", 0x18)
    packets += [whole[:14 + 20 + 7], whole[:14 + 3], whole[:5]]
    return pcap_file(packets)


def ipv6_cases():
    hop_by_hop, routing, destination, fragment, authentication = 0, 43, 60, 44, 51
    # Each extension header names another one: a chain longer than any real one, and loops.
    chain = bytes([hop_by_hop, 0] + [0] * 6) * 500
    routing_loop = bytes([routing, 0] + [0] * 6) * 16 + bytes([6, 0] + [0] * 6)
    packets = [
        ipv6_packet(hop_by_hop, chain, len(chain)),
        ipv6_packet(hop_by_hop, bytes(64), 65535),
        ipv6_packet(hop_by_hop, bytes([6, 255, 0, 0, 0, 0, 0, 0]), 8),
        ipv6_packet(routing, bytes([routing, 0, 0, 0, 0, 0, 0, 0, routing, 1, 0, 0, 0, 0, 0, 0]), 16),
        ipv6_packet(routing, routing_loop, len(routing_loop)),
        ipv6_packet(destination, bytes([destination, 0, 0, 0, 0, 0, 0, 0, destination, 0, 0, 0]), 12),
        ipv6_packet(fragment, bytes([6, 0, 0, 1, 0, 0, 0, 1]), 8),
        ipv6_packet(fragment, bytes([6, 0, 0, 0, 0, 0, 0, 1, 1, 2]), 10),
        ipv6_packet(authentication, bytes([6, 200, 0, 0]), 4),
        ipv6_packet(6, bytes([1, 2, 3]), 3),
        ipv6_packet(6, b"", 0),
        ipv6_packet(6, bytes(20), 20)[:14 + 20],
    ]
    return pcap_file(packets)


def link_layer_cases(frame):
    """One interface per link type, each with its header cut at every length and with an odd protocol."""
    ip = ip_of(LINKTYPE_ETHERNET, frame)
    headers = {
        0: struct.pack("<I", 2), 1: frame[:14], 9: b"\xff\x03\x00\x21", 12: b"", 14: b"", 101: b"",
        108: struct.pack(">I", 2), 113: bytes(14) + b"\x08\x00", 228: b"", 229: b"",
        276: b"\x08\x00" + bytes(18),
    }
    out = bytearray(ng_section())
    for linktype in headers:
        out += ng_interface(linktype)
    for interface, header in enumerate(headers.values()):
        for cut in range(len(header) + 2):
            out += ng_packet(interface, cut, (header + ip)[:cut])
        out += ng_packet(interface, 100, bytes(b ^ 0xFF for b in header) + ip)
        out += ng_packet(interface, 101, header + b"\x45" + bytes(40))
    return bytes(out)


def corpus():
    sample = (CAPTURES / "sample.pcap").read_bytes()
    cases = {}
    cases.update(pcap_cases(sample))
    cases.update(pcapng_cases((CAPTURES / "pcapng-v6.pcapng").read_bytes()))
    # Gzip damage needs more bytes before it: a corrupt block loses up to 8 KiB inflated before it.
    cases.update(gzip_cases(sample[:next(at for at in pcap_record_offsets(sample) if at >= 16 * 1024)]))
    # Blocks straddle the 4 MiB window a stream is read through (the first fuzz finding).
    data_frame = max((f for t, f in capture_frames(CAPTURES / "sample.pcap")), key=len)
    cases["gz-pcapng-longer-than-a-window.pcapng.gz"] = gzip_repeating(
        ng_section() + ng_interface(LINKTYPE_ETHERNET), ng_packet(0, 1_700_000_000_000_000, data_frame),
        (5 << 20) // len(data_frame))
    cases["packets-tcp-options.pcap"] = tcp_option_cases()
    cases["packets-ipv4.pcap"] = ipv4_cases()
    cases["packets-ipv6.pcap"] = ipv6_cases()
    first_tcp = next(f for t, f in capture_frames(CAPTURES / "sample.pcap") if tcp_options(ip_of(t, f)) is not None)
    cases["packets-link-layers.pcapng"] = link_layer_cases(first_tcp)
    return cases


# ---------------------------------------------------------------- fuzz seeds

def cut_capture(path, records):
    data = path.read_bytes()
    if path.suffix == ".pcapng":
        return data[:ng_block_offsets(data, records + 2)[-1]]
    return data[:pcap_record_offsets(data)[records]]


def tcp_frames(path):
    return [(t, f) for t, f in capture_frames(path) if tcp_options(ip_of(t, f)) is not None]


def seeds():
    captures = sorted(CAPTURES.glob("*.pcap*"))
    out = {target: {} for target in FUZZ_INPUTS}
    for path in captures:
        name = path.name
        out["reader"][f"seed-{name}"] = cut_capture(path, 8)
        frames = tcp_frames(path)
        for n, (linktype, frame) in enumerate(frames[:3]):
            out["decoder"][f"seed-{name}-{n}"] = struct.pack(">H", linktype) + frame[:200]
        for linktype, frame in frames:
            for option in mptcp_options(tcp_options(ip_of(linktype, frame))):
                key = f"seed-mptcp-{option[2] >> 4}-{len(option)}"
                out["option"].setdefault(key, b"\x01" + option[2:])
        packets = bytearray()
        for linktype, frame in frames[:40]:
            ip = ip_of(linktype, frame)[:120]
            packets += struct.pack(">hH", 10, len(ip)) + ip
        out["analysis"][f"seed-{name}"] = bytes(packets)
    sample = cut_capture(CAPTURES / "sample.pcap", 8)
    out["stream"]["seed-sample.pcap"] = sample
    out["stream"]["seed-sample.pcap.gz"] = gzip_stored(sample, block=256)
    out["stream"]["seed-pcapng-v6.pcapng.gz"] = gzip_stored(cut_capture(CAPTURES / "pcapng-v6.pcapng", 8))
    return out


# ---------------------------------------------------------------- findings of the fuzz tests

def finding_capture(target, data):
    """A capture that brings a fuzz test's finding to `analyze`, or None where it is one already."""
    if target in ("reader", "stream"):
        return data
    if target == "decoder":
        linktype = int.from_bytes(data[:2], "big")
        return b"".join([ng_section(), ng_interface(linktype), ng_packet(0, 0, data[2:])])
    if target == "option":
        option = bytes([KIND_MPTCP, min(len(data) + 1, 40)]) + data[1:39]
        return pcap_file([tcp_packet(option, 0x02), tcp_packet(option, 0x10)])
    frames = []
    at = 0
    while at + 4 <= len(data):
        length = min(int.from_bytes(data[at + 2:at + 4], "big"), len(data) - at - 4)
        frames.append(data[at + 4:at + 4 + length])
        at += 4 + length
    return pcap_file(frames, LINKTYPE_RAW)


def findings():
    out = {}
    for target, folder in FUZZ_INPUTS.items():
        for path in sorted(folder.glob("crash-*")):
            out[f"finding-{target}-{path.name[len('crash-'):][:12]}.pcap"] = finding_capture(target, path.read_bytes())
    return out


def main():
    for old in HERE.iterdir():
        if old.name not in ("make.py", "EXPECTED.tsv"):
            old.unlink()
    for name, data in {**corpus(), **findings()}.items():
        (HERE / name).write_bytes(data)
    for target, files in seeds().items():
        folder = FUZZ_INPUTS[target]
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("seed-*"):
            old.unlink()
        for name, data in files.items():
            (folder / name).write_bytes(data)


if __name__ == "__main__":
    main()
