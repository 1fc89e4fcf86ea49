/**
 * The destination a client asked its SOCKS proxy for ({@code socks_daddr}, {@code socks_port}), read
 * from the client's first payload bytes: plain SOCKS5, or a shadowsocks request header encrypted with
 * the "table" cipher of {@code --socks-password}.
 * <ul>
 * <li>{@link org.mptcpstat.flowtable.socks.ShadowsocksTable}: the byte substitution, built once per password.</li>
 * <li>{@link org.mptcpstat.flowtable.socks.SocksRequestDecoder}: decodes one contiguous request into fields.</li>
 * <li>{@link org.mptcpstat.flowtable.socks.SocksSniffer}: the per-connection state machine over client
 * segments; a connection's state is one {@code long}.</li>
 * </ul>
 */
package org.mptcpstat.flowtable.socks;
