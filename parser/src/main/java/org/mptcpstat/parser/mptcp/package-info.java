/**
 * Allocation-free flyweight decoders for the Multipath TCP option (TCP option kind 30), for both
 * MPTCP v0 (RFC 6824) and MPTCP v1 (RFC 8684).
 *
 * <h2>Contract shared by every flyweight</h2>
 * <ul>
 *   <li>{@code wrap(buffer, offset, length)} points the flyweight at one option: {@code offset} is the
 *       index of the kind byte (30) and {@code length} is the option's own length byte. The caller has
 *       already checked that {@code length >= 2} and that {@code [offset, offset + length)} lies inside
 *       both the TCP header and the captured bytes. A flyweight never reads outside that range, whatever
 *       the bytes say, as long as the rule below is respected.</li>
 *   <li><b>Validity rule.</b> {@code isValid()} tells whether the subtype nibble is the flyweight's own
 *       and the length is one the RFCs allow for that subtype (and, where it matters, those flags or that
 *       version). {@code offset()}, {@code length()} and {@code isValid()} may always be called. Every
 *       other accessor has the precondition {@code isValid()}, plus the {@code hasXxx()} / form guard
 *       named in its Javadoc; calling it otherwise is a programming error whose result is unspecified
 *       (it may even read outside the option). The preconditions are checked with {@code assert} only,
 *       so tests run with {@code -ea} catch misuse while production pays nothing. No accessor returns a
 *       sentinel. The one documented exception is {@link org.mptcpstat.parser.mptcp.MpCapableOption#version()},
 *       which may also be read on an invalid option of length 3 or more so that an unsupported version
 *       can be reported.</li>
 *   <li>Nothing is allocated after construction: variable-size fields (HMACs, IPv6 addresses) are
 *       returned as {@code long}s or copied into caller-owned storage.</li>
 *   <li>All multi-byte fields are big-endian (network order). Unsigned 8/16-bit fields are returned as
 *       {@code int}, unsigned 32-bit fields as zero-extended {@code long}, 64-bit fields as the raw
 *       {@code long} bit pattern (compare with {@link java.lang.Long#compareUnsigned(long, long)}).</li>
 *   <li>A flyweight may be re-wrapped any number of times and is not thread-safe.</li>
 * </ul>
 *
 * <p>{@link org.mptcpstat.parser.mptcp.MptcpOptionDecoder} holds one flyweight of each kind and wraps
 * the one matching the subtype, so a packet loop needs only one decoder per thread.
 */
package org.mptcpstat.parser.mptcp;
