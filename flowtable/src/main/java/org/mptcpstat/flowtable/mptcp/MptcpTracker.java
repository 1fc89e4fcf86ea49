package org.mptcpstat.flowtable.mptcp;

import com.carrotsearch.hppc.IntIntHashMap;
import org.agrona.collections.IntArrayList;
import org.mptcpstat.flowtable.EndReason;
import org.mptcpstat.flowtable.RttDistribution;
import org.mptcpstat.flowtable.SegmentList;
import org.mptcpstat.flowtable.SequenceSpace;
import org.mptcpstat.flowtable.SubflowField;
import org.mptcpstat.flowtable.TcpConnection;
import org.mptcpstat.flowtable.TcpDirectionField;
import org.mptcpstat.parser.mptcp.AddAddrOption;
import org.mptcpstat.parser.mptcp.DssOption;
import org.mptcpstat.parser.mptcp.MpCapableOption;
import org.mptcpstat.parser.mptcp.MpJoinOption;
import org.mptcpstat.parser.mptcp.MpPrioOption;
import org.mptcpstat.parser.mptcp.MptcpOptionDecoder;
import org.mptcpstat.parser.mptcp.MptcpSubtype;
import org.mptcpstat.parser.mptcp.RemoveAddrOption;
import org.mptcpstat.parser.packet.TcpHeader;
import org.mptcpstat.parser.packet.TcpPacket;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows the MPTCP connections of one capture on top of the TCP tracker: links each TCP
 * connection to its MPTCP connection (MP_CAPABLE keys, MP_JOIN tokens), follows both data
 * sequence spaces through DSS mappings and DATA_ACKs, and reports connections, subflows,
 * signals, reinjections and bursts to an {@link MptcpListener}.
 * <ul>
 * <li>Tokens and IDSNs come from the keys (SHA-1 for v0, SHA-256 for v1), once per key.</li>
 * <li>4-byte DSNs and DATA_ACKs are expanded to 64 bits next to the direction's highest known
 *     value: the DSN's width is flag {@code m}'s, the DATA_ACK's flag {@code a}'s.</li>
 * <li>A mapping counts once: one that starts at a subflow sequence number already mapped on its
 *     subflow repeats an earlier one (Linux repeats a mapping on every GSO segment, and TCP
 *     retransmissions carry theirs again), unless its packet filled a hole in the subflow's
 *     sequence space and it is not the mapping in force. A DATA_FIN without data is no mapping.</li>
 * <li>Each packet's payload is placed in the data sequence space by the mapping in force. Payload
 *     that another subflow carried last makes the packet's mapping a reinjection (counted once per
 *     mapping); a new mapping resending the subflow's own data is a retransmission on the same
 *     subflow. The data then belongs to the subflow that sent it last.</li>
 * <li>The data-level RTT runs from a mapping's first transmission to the DATA_ACK that
 *     acknowledges exactly its end, with the TCP rules (Karn: no sample for resent data).</li>
 * </ul>
 * Per-packet work allocates nothing; hashing and HMAC checks happen once per connection or join.
 */
public final class MptcpTracker
{
    private static final long SEQUENCE_MASK = 0xFFFF_FFFFL;
    private static final int MPC_SYN = 1;
    private static final int MPC_SYN_ACK = 1 << 1;
    private static final int MPC_ACK = 1 << 2;
    private static final int JOIN_SYN = 1 << 3;
    private static final int JOIN_SYN_ACK = 1 << 4;
    private static final int JOIN_ACK = 1 << 5;
    private static final int ESTABLISHED = 1 << 6;
    private static final int HMAC_LENGTH = 20;

    private final MptcpListener listener;
    private final InterfaceClassifier interfaces;
    private final MptcpOptionDecoder decoder = new MptcpOptionDecoder();
    private final MptcpKeys keys = new MptcpKeys();
    private final SequenceSpace space = new SequenceSpace(new SegmentList());
    private final IntIntHashMap connectionsByToken = new IntIntHashMap();
    private final IntIntHashMap connectionsByUnknownToken = new IntIntHashMap();
    private final List<MptcpConnection> pool = new ArrayList<>();
    /** Pool slots free for reuse, as a primitive stack: no boxing per connection. */
    private final IntArrayList freeSlots = new IntArrayList();
    private final byte[] hmac = new byte[HMAC_LENGTH];
    private final RttDistribution.Pool histograms = new RttDistribution.Pool();
    private long connections;
    /** Whether the packet being processed started a new mapping. */
    private boolean newMapping;
    /** Whether the packet being processed filled a hole in its subflow's sequence space. */
    private boolean filledHole;

    public MptcpTracker(final InterfaceClassifier interfaces, final MptcpListener listener)
    {
        this.interfaces = interfaces;
        this.listener = listener;
    }

    /** @return MPTCP connections seen so far. */
    public long connections()
    {
        return connections;
    }

    /**
     * @return whether an MP_JOIN naming this token would find a connection here: one whose key
     * has it, or one made for earlier joins that named it while no key had it.
     */
    public boolean knowsToken(final int token)
    {
        return connectionsByToken.containsKey(token) || connectionsByUnknownToken.containsKey(token);
    }

    /**
     * Called by the TCP tracker after it has updated the packet's connection.
     *
     * @param direction  the packet's direction within the TCP connection.
     * @param filledHole whether the packet filled a hole below subflow data already seen (it came
     *                   out of order, or its first transmission was not captured): its mapping can
     *                   then be new although it starts below mappings already seen.
     */
    public void onPacket(final TcpConnection tcp, final int direction, final TcpPacket packet, final boolean filledHole)
        throws IOException
    {
        this.filledHole = filledHole;
        MptcpConnection mptcp = connectionOf(tcp);
        final long now = packet.timestampNanos();
        final boolean fromClient = direction == tcp.clientDirection();
        newMapping = false;
        for (int i = 0; i < packet.mptcpOptionCount(); i++)
        {
            final int subtype = decoder.wrap(packet.buffer(), packet.mptcpOptionOffset(i), packet.mptcpOptionLength(i),
                mptcp == null ? AddAddrOption.VERSION_UNKNOWN : mptcp.version);
            if (!decoder.isValid())
            {
                continue;
            }
            if (mptcp == null)
            {
                mptcp = attach(tcp, direction, packet, subtype);
            }
            option(subtype, mptcp, tcp, direction, fromClient, packet, now);
        }
        if (mptcp != null)
        {
            mptcp.lastTime = now;
            handshakeProgress(mptcp, tcp, fromClient, packet);
            if (packet.payloadLength() > 0)
            {
                carryData(mptcp, tcp, direction, fromClient != mptcp.subflow((int)tcp.get(SubflowField.SUBFLOW)).reversed ?
                    0 : 1, packet, now);
            }
        }
    }

    /** Called by the TCP tracker when a TCP connection that may be a subflow is finished. */
    public void onSubflowFinished(final TcpConnection tcp) throws IOException
    {
        final MptcpConnection mptcp = connectionOf(tcp);
        if (mptcp == null)
        {
            return;
        }
        final Subflow subflow = mptcp.subflow((int)tcp.get(SubflowField.SUBFLOW));
        final long state = tcp.get(SubflowField.STATE);
        subflow.open = false;
        subflow.endedByRst = tcp.endReason() == EndReason.RST;
        subflow.established = (state & ESTABLISHED) != 0;
        if (!subflow.established && subflow.failure == SubflowFailure.NONE && mptcp.fallback == FallbackReason.NONE)
        {
            subflow.failure = failure(state, subflow.endedByRst);
        }
        mptcp.timedOut |= tcp.endReason() == EndReason.TIMEOUT;
        if (--mptcp.openSubflows == 0)
        {
            finish((int)tcp.get(SubflowField.MPTCP_SLOT) - 1, mptcp);
        }
    }

    private static SubflowFailure failure(final long state, final boolean reset)
    {
        if (reset)
        {
            return SubflowFailure.RST;
        }
        if ((state & (JOIN_SYN | MPC_SYN)) != 0 && (state & (JOIN_SYN_ACK | MPC_SYN_ACK)) == 0)
        {
            return SubflowFailure.NO_SYN_ACK;
        }
        if ((state & JOIN_SYN_ACK) != 0 && (state & JOIN_ACK) == 0 || (state & MPC_SYN_ACK) != 0 && (state & MPC_ACK) == 0)
        {
            return SubflowFailure.NO_THIRD_ACK;
        }
        return (state & JOIN_ACK) != 0 ? SubflowFailure.NO_FOURTH_ACK : SubflowFailure.NONE;
    }

    private MptcpConnection connectionOf(final TcpConnection tcp)
    {
        final int slot = (int)tcp.get(SubflowField.MPTCP_SLOT) - 1;
        return slot < 0 ? null : pool.get(slot);
    }

    /**
     * Makes a TCP connection a subflow: of a new connection for an MP_CAPABLE, of the connection
     * its token names for an MP_JOIN SYN, else (a capture that missed the handshake) of a new
     * connection whose keys are unknown.
     */
    private MptcpConnection attach(final TcpConnection tcp, final int direction, final TcpPacket packet, final int subtype)
        throws IOException
    {
        int slot = -1;
        if (subtype == MptcpSubtype.MP_JOIN && decoder.mpJoin().form() == MpJoinOption.Form.SYN)
        {
            final int token = (int)decoder.mpJoin().receiverToken();
            slot = connectionsByToken.getOrDefault(token, connectionsByUnknownToken.getOrDefault(token, -1));
            if (slot < 0)
            {
                slot = newConnection(tcp.connId(), packet.timestampNanos());
                pool.get(slot).unknownToken = token;
                connectionsByUnknownToken.put(token, slot);
            }
        }
        else
        {
            slot = newConnection(tcp.connId(), packet.timestampNanos());
        }
        final MptcpConnection mptcp = pool.get(slot);
        final Subflow subflow = mptcp.addSubflow();
        tcp.put(SubflowField.MPTCP_SLOT, slot + 1);
        tcp.put(SubflowField.SUBFLOW, mptcp.subflowCount() - 1);
        subflow.connId = tcp.connId();
        subflow.initial = subtype == MptcpSubtype.MP_CAPABLE;
        subflow.addressId = subflow.initial ? 0 : -1;
        subflow.synTime = tcp.synTime();
        final int client = tcp.clientDirection();
        subflow.ipVersion = tcp.ipVersion();
        subflow.clientHigh = tcp.senderAddressHigh(client);
        subflow.clientLow = tcp.senderAddressLow(client);
        subflow.clientPort = tcp.senderPort(client);
        subflow.serverHigh = tcp.senderAddressHigh(1 - client);
        subflow.serverLow = tcp.senderAddressLow(1 - client);
        subflow.serverPort = tcp.senderPort(1 - client);
        subflow.interfaceClass = interfaces.classify(subflow.ipVersion, subflow.clientHigh, subflow.clientLow);
        if (mptcp.unknownToken != 0 && connectionsByToken.getOrDefault(mptcp.unknownToken, -1) < 0)
        {
            subflow.failure = SubflowFailure.UNKNOWN_TOKEN;
        }
        else if (!subflow.initial && mptcp.clientKeyKnown && subtype == MptcpSubtype.MP_JOIN &&
            (int)decoder.mpJoin().receiverToken() == mptcp.clientToken)
        {
            subflow.reversed = true;
        }
        if (mptcp.subflowCount() == 1)
        {
            listener.onConnectionStarted(mptcp);
        }
        return mptcp;
    }

    /** @param id the conn_id of the subflow that creates it: unique, and the same on every thread. */
    private int newConnection(final long id, final long now)
    {
        final int slot;
        if (freeSlots.isEmpty())
        {
            pool.add(new MptcpConnection(histograms));
            slot = pool.size() - 1;
        }
        else
        {
            slot = freeSlots.removeAt(freeSlots.size() - 1);
        }
        pool.get(slot).reset(id, now);
        connections++;
        pool.get(slot).slot = slot;
        return slot;
    }

    private void finish(final int slot, final MptcpConnection mptcp) throws IOException
    {
        for (int direction = 0; direction < 2; direction++)
        {
            final DataLevel level = mptcp.directions[direction];
            endBurst(mptcp, direction);
            space.wrap(level.spaceHead, level.spaceTail).release();
            level.spaceHead = space.head();
            level.spaceTail = space.tail();
        }
        listener.onConnectionFinished(mptcp);
        if (mptcp.clientKeyKnown)
        {
            connectionsByToken.remove(mptcp.clientToken);
        }
        if (mptcp.serverKeyKnown)
        {
            connectionsByToken.remove(mptcp.serverToken);
        }
        if (mptcp.unknownToken != 0)
        {
            connectionsByUnknownToken.remove(mptcp.unknownToken);
        }
        freeSlots.addInt(slot);
    }

    private void option(final int subtype, final MptcpConnection mptcp, final TcpConnection tcp, final int direction,
        final boolean fromClient, final TcpPacket packet, final long now) throws IOException
    {
        final int subflow = (int)tcp.get(SubflowField.SUBFLOW);
        // A join opened by the MPTCP server runs the other way: its TCP client is the MPTCP server.
        final int side = fromClient != mptcp.subflow(subflow).reversed ? 0 : 1;
        switch (subtype)
        {
            case MptcpSubtype.MP_CAPABLE:
                mpCapable(decoder.mpCapable(), mptcp, tcp, direction, packet, now);
                break;
            case MptcpSubtype.MP_JOIN:
                mpJoin(decoder.mpJoin(), mptcp, tcp, packet);
                break;
            case MptcpSubtype.DSS:
                dss(decoder.dss(), mptcp, tcp, direction, side, packet, now);
                break;
            case MptcpSubtype.ADD_ADDR:
                final AddAddrOption add = decoder.addAddr();
                listener.onEvent(mptcp, subflow, side, now, MptcpEventType.ADD_ADDR, add.addressId(), add.ipVersion(),
                    add.ipVersion() == 6 ? add.ipv6AddressHigh() : 0,
                    add.ipVersion() == 6 ? add.ipv6AddressLow() : add.ipv4Address() & SEQUENCE_MASK,
                    add.hasPort() ? add.port() : -1, add.isEcho() ? 1 : 0, -1);
                break;
            case MptcpSubtype.REMOVE_ADDR:
                final RemoveAddrOption remove = decoder.removeAddr();
                for (int i = 0; i < remove.count(); i++)
                {
                    listener.onEvent(mptcp, subflow, side, now, MptcpEventType.REMOVE_ADDR, remove.addressId(i), 0, 0, 0,
                        -1, 0, -1);
                }
                break;
            case MptcpSubtype.MP_PRIO:
                mpPrio(decoder.mpPrio(), mptcp, subflow, side, now);
                break;
            case MptcpSubtype.MP_FAIL:
                if (mptcp.fallback == FallbackReason.NONE)
                {
                    mptcp.fallback = FallbackReason.MP_FAIL;
                }
                listener.onEvent(mptcp, subflow, side, now, MptcpEventType.MP_FAIL, -1, 0, 0, 0, -1, 0,
                    decoder.mpFail().dataSequenceNumber());
                break;
            case MptcpSubtype.MP_FASTCLOSE:
                mptcp.fastclose = true;
                listener.onEvent(mptcp, subflow, side, now, MptcpEventType.MP_FASTCLOSE, -1, 0, 0, 0, -1, 0, -1);
                break;
            case MptcpSubtype.MP_TCPRST:
                final Subflow record = mptcp.subflow(subflow);
                if (record.tcpRstReason < 0)
                {
                    // The first reset gives the reason; the peer's answering reset usually says 0.
                    record.tcpRstReason = decoder.mpTcpRst().reason();
                }
                listener.onEvent(mptcp, subflow, side, now, MptcpEventType.MP_TCPRST, -1, 0, 0, 0, -1,
                    decoder.mpTcpRst().isTransient() ? 1 : 0, decoder.mpTcpRst().reason());
                break;
            default:
                break;
        }
    }

    private void mpCapable(final MpCapableOption option, final MptcpConnection mptcp, final TcpConnection tcp,
        final int direction, final TcpPacket packet, final long now) throws IOException
    {
        final boolean syn = packet.hasFlag(TcpHeader.SYN);
        final boolean ack = packet.hasFlag(TcpHeader.ACK);
        final long state = tcp.get(SubflowField.STATE);
        mptcp.checksumRequired |= option.isChecksumRequired();
        if (syn)
        {
            // The server's SYN/ACK settles the version both ends use.
            if (ack || mptcp.version < 0)
            {
                mptcp.version = option.version();
            }
            tcp.put(SubflowField.STATE, state | (ack ? MPC_SYN_ACK : MPC_SYN));
            if (option.hasSenderKey())
            {
                setKey(mptcp, !ack, option.senderKey());
            }
            return;
        }
        if (mptcp.version < 0)
        {
            mptcp.version = option.version();
        }
        tcp.put(SubflowField.STATE, state | MPC_ACK | ESTABLISHED);
        final boolean fromClient = direction == tcp.clientDirection();
        if (option.hasSenderKey() && option.hasReceiverKey())
        {
            setKey(mptcp, fromClient, option.senderKey());
            setKey(mptcp, !fromClient, option.receiverKey());
        }
        if (option.hasDataLevelLength() && packet.payloadLength() > 0 && mptcp.clientKeyKnown)
        {
            // RFC 8684 3.1: data on the third ACK is mapped implicitly from IDSN + 1, subflow sequence 1.
            final int side = fromClient ? 0 : 1;
            mapping(mptcp, tcp, direction, side, mptcp.directions[side].idsn + 1, 1, option.dataLevelLength(), false,
                false, packet, now);
        }
    }

    private void setKey(final MptcpConnection mptcp, final boolean client, final long key)
    {
        if (client ? mptcp.clientKeyKnown : mptcp.serverKeyKnown)
        {
            return;
        }
        final int version = Math.max(0, mptcp.version);
        final DataLevel level = mptcp.directions[client ? 0 : 1];
        keys.hash(version, key);
        level.idsn = keys.idsn();
        level.idsnKnown = true;
        connectionsByToken.put(keys.token(), mptcp.slot);
        if (client)
        {
            mptcp.clientKey = key;
            mptcp.clientToken = keys.token();
            mptcp.clientKeyKnown = true;
        }
        else
        {
            mptcp.serverKey = key;
            mptcp.serverToken = keys.token();
            mptcp.serverKeyKnown = true;
        }
    }

    private void mpJoin(final MpJoinOption option, final MptcpConnection mptcp, final TcpConnection tcp,
        final TcpPacket packet)
    {
        final Subflow subflow = mptcp.subflow((int)tcp.get(SubflowField.SUBFLOW));
        final long state = tcp.get(SubflowField.STATE);
        switch (option.form())
        {
            case SYN:
                subflow.addressId = option.addressId();
                subflow.backupAtJoin = option.isBackup();
                subflow.backup = option.isBackup();
                tcp.put(SubflowField.JOIN_CLIENT_RANDOM, option.senderRandom());
                tcp.put(SubflowField.STATE, state | JOIN_SYN);
                break;
            case SYN_ACK:
                tcp.put(SubflowField.JOIN_SERVER_RANDOM, option.senderRandom());
                tcp.put(SubflowField.STATE, state | JOIN_SYN_ACK);
                if (mptcp.clientKeyKnown && mptcp.serverKeyKnown && (state & JOIN_SYN) != 0)
                {
                    final long truncated = option.truncatedHmac();
                    for (int i = 0; i < 8; i++)
                    {
                        hmac[i] = (byte)(truncated >>> (56 - 8 * i));
                    }
                    if (!keys.joinHmacMatches(Math.max(0, mptcp.version), mptcp.serverKey, mptcp.clientKey,
                        (int)option.senderRandom(), (int)tcp.get(SubflowField.JOIN_CLIENT_RANDOM), hmac, 8))
                    {
                        mptcp.hmacFailures++;
                    }
                }
                break;
            case ACK:
                tcp.put(SubflowField.STATE, state | JOIN_ACK);
                if (mptcp.clientKeyKnown && mptcp.serverKeyKnown && (state & JOIN_SYN_ACK) != 0)
                {
                    option.getHmac(hmac, 0);
                    if (!keys.joinHmacMatches(Math.max(0, mptcp.version), mptcp.clientKey, mptcp.serverKey,
                        (int)tcp.get(SubflowField.JOIN_CLIENT_RANDOM), (int)tcp.get(SubflowField.JOIN_SERVER_RANDOM), hmac,
                        HMAC_LENGTH))
                    {
                        mptcp.hmacFailures++;
                    }
                }
                break;
            default:
                break;
        }
    }

    private void mpPrio(final MpPrioOption option, final MptcpConnection mptcp, final int subflow, final int side,
        final long now) throws IOException
    {
        for (int i = 0; i < mptcp.subflowCount(); i++)
        {
            final Subflow record = mptcp.subflow(i);
            final boolean applies = option.hasAddressId() ? record.addressId == option.addressId() : i == subflow;
            if (applies && record.backup != option.isBackup())
            {
                record.backup = option.isBackup();
                record.backupChanges++;
            }
        }
        listener.onEvent(mptcp, subflow, side, now, MptcpEventType.MP_PRIO,
            option.hasAddressId() ? option.addressId() : -1, 0, 0, 0, -1, option.isBackup() ? 1 : 0, -1);
    }

    private void dss(final DssOption option, final MptcpConnection mptcp, final TcpConnection tcp, final int direction,
        final int side, final TcpPacket packet, final long now) throws IOException
    {
        if (option.hasDataAck())
        {
            dataAck(mptcp, (int)tcp.get(SubflowField.SUBFLOW), 1 - side, option.dataAck(), option.isDataAck8(), now);
        }
        if (!option.hasMapping())
        {
            return;
        }
        if (option.isInfiniteMapping())
        {
            if (mptcp.fallback == FallbackReason.NONE)
            {
                mptcp.fallback = FallbackReason.INFINITE_MAPPING;
            }
            return;
        }
        final DataLevel level = mptcp.directions[side];
        final long raw = option.dataSequenceNumber();
        final long dsn = option.isDsn8() ? raw : expand(raw, level.dsnKnown ? level.dsnEnd :
            level.idsnKnown ? level.idsn + 1 : raw);
        mapping(mptcp, tcp, direction, side, dsn, option.subflowSequenceNumber(), option.dataLevelLength(),
            option.isDataFin(), option.hasChecksum(), packet, now);
    }

    private void dataAck(final MptcpConnection mptcp, final int subflow, final int side, final long raw,
        final boolean eightBytes, final long now) throws IOException
    {
        final DataLevel acked = mptcp.directions[side];
        if (!eightBytes && !acked.dataAckKnown && !acked.dsnKnown && !acked.idsnKnown)
        {
            // A 4-byte DATA_ACK cannot be placed before anything of that direction is known.
            return;
        }
        // 64-bit data sequence numbers use all 64 bits: "unknown" is a flag, never a value.
        final long reference = acked.dataAckKnown ? acked.highestDataAck : acked.dsnKnown ? acked.dsnEnd : acked.idsn + 1;
        final long ack = eightBytes ? raw : expand(raw, reference);
        if (acked.dataAckKnown && ack - acked.highestDataAck > 0)
        {
            acked.dataAckSizes.addTo(ack - acked.highestDataAck, 1);
        }
        if (!acked.dataAckKnown || ack - acked.highestDataAck > 0)
        {
            acked.highestDataAck = ack;
            acked.dataAckKnown = true;
        }
        space.wrap(acked.spaceHead, acked.spaceTail).acknowledge(ack, now, false, false);
        acked.spaceHead = space.head();
        acked.spaceTail = space.tail();
        final long rttMicros = space.rttSampleMicros();
        if (rttMicros >= 0)
        {
            acked.recordRtt(rttMicros);
        }
        listener.onDataAck(mptcp, subflow, side, now, ack, rttMicros);
    }

    private void mapping(final MptcpConnection mptcp, final TcpConnection tcp, final int direction, final int side,
        final long dsn, final long ssn, final int length, final boolean dataFin, final boolean checksum,
        final TcpPacket packet, final long now) throws IOException
    {
        final int subflowNumber = (int)tcp.get(SubflowField.SUBFLOW);
        final DataLevel level = mptcp.directions[side];
        if (level.lastSubflow == subflowNumber && packet.payloadLength() > 0)
        {
            level.burstPackets++;
            level.burstLast = now;
        }
        final SubflowField ssnEndField = SubflowField.ofDirection(SubflowField.MAPPED_SSN_END_A_TO_B, direction);
        final long mappedEnd = tcp.get(ssnEndField);
        final boolean belowMapped = mappedEnd != 0 && (int)(ssn - mappedEnd) < 0;
        if (dataFin && length == 1)
        {
            // A DATA_FIN without data (RFC 8684 3.3.3: subflow sequence number 0, length 1) maps no
            // subflow data, so it is no mapping; Linux sends it on every subflow.
            listener.onMapping(mptcp, subflowNumber, side, now, dsn, ssn, length, true, belowMapped);
            extendDsnEnd(level, dsn + 1);
            noteDataFin(mptcp, level, subflowNumber, side, now, dsn);
            return;
        }
        // The DATA_FIN takes the mapping's last data sequence number but is no data: Linux sends it
        // on every subflow, which must not read as a reinjection.
        final long dataBytes = length - (dataFin ? 1 : 0);
        final SubflowField dsnField = SubflowField.ofDirection(SubflowField.MAPPING_DSN_A_TO_B, direction);
        final SubflowField ssnField = SubflowField.ofDirection(SubflowField.MAPPING_SSN_A_TO_B, direction);
        final boolean inForce = tcp.get(dsnField) == dsn && tcp.get(ssnField) == ssn;
        tcp.put(dsnField, dsn);
        tcp.put(ssnField, ssn);
        tcp.put(SubflowField.ofDirection(SubflowField.MAPPING_DATA_BYTES_A_TO_B, direction), dataBytes);
        // Starting in subflow data already mapped means the same mapping again, on the next GSO
        // segment of one send or on a TCP retransmission, even with other mappings between. A
        // packet that fills a hole brings a mapping not seen yet, unless it is the one in force or
        // one seen lately (a lost segment resent after later mappings, captured past the loss).
        final Subflow subflow = mptcp.subflow(subflowNumber);
        final boolean repeated = belowMapped && (inForce || !filledHole || subflow.mappedRecently(side, ssn));
        listener.onMapping(mptcp, subflowNumber, side, now, dsn, ssn, length, dataFin, repeated);
        if (repeated)
        {
            return;
        }
        tcp.put(ssnEndField, belowMapped ? mappedEnd : ssn + length);
        subflow.rememberNewMapping(side, ssn);
        newMapping = true;
        if (!level.idsnKnown)
        {
            // Keys never seen (capture started late): the first mapping anchors the data sequence space.
            level.idsn = dsn - 1;
            level.idsnKnown = true;
        }
        level.mappings++;
        level.dataBytes += dataBytes;
        level.dssChecksums += checksum ? 1 : 0;
        subflow.mappedBytes[side] += dataBytes;
        if (subflow.initial)
        {
            level.initialSubflowBytes += dataBytes;
        }
        level.interfaceBytes[subflow.interfaceClass.ordinal()] += dataBytes;
        if (level.lastSubflow != subflowNumber)
        {
            if (level.lastSubflow >= 0)
            {
                level.subflowSwitches++;
                endBurst(mptcp, side);
            }
            level.lastSubflow = subflowNumber;
            level.burstStart = now;
            level.burstLast = now;
            level.burstPackets = packet.payloadLength() > 0 ? 1 : 0;
        }
        level.burstBytes += dataBytes;
        extendDsnEnd(level, dsn + length);
        if (dataFin)
        {
            noteDataFin(mptcp, level, subflowNumber, side, now, dsn + length - 1);
        }
    }

    private static void extendDsnEnd(final DataLevel level, final long end)
    {
        level.dsnEnd = level.dsnKnown && level.dsnEnd - end > 0 ? level.dsnEnd : end;
        level.dsnKnown = true;
    }

    /** The first DATA_FIN of a direction is an event; copies on other subflows are not. */
    private void noteDataFin(final MptcpConnection mptcp, final DataLevel level, final int subflowNumber,
        final int side, final long now, final long dataFinDsn) throws IOException
    {
        if (!level.dataFin)
        {
            level.dataFin = true;
            listener.onEvent(mptcp, subflowNumber, side, now, MptcpEventType.DATA_FIN, -1, 0, 0, 0, -1, 0, dataFinDsn);
        }
    }

    /**
     * Records the data sequence numbers a packet's payload carries, placed by the mapping in force
     * (its subflow sequence number against the mapping's), in its direction's sequence space; data
     * another subflow carried last makes it a reinjection of that mapping.
     */
    private void carryData(final MptcpConnection mptcp, final TcpConnection tcp, final int direction, final int side,
        final TcpPacket packet, final long now) throws IOException
    {
        final long dataBytes = tcp.get(SubflowField.ofDirection(SubflowField.MAPPING_DATA_BYTES_A_TO_B, direction));
        if (dataBytes <= 0 || tcp.get(direction, TcpDirectionField.SYN_PACKETS) == 0)
        {
            // No mapping yet, or no SYN to count subflow sequence numbers from.
            return;
        }
        final long dsn = tcp.get(SubflowField.ofDirection(SubflowField.MAPPING_DSN_A_TO_B, direction));
        final long ssn = tcp.get(SubflowField.ofDirection(SubflowField.MAPPING_SSN_A_TO_B, direction));
        final long relative = (packet.sequenceNumber() - tcp.get(direction, TcpDirectionField.SYN_SEQ)) & SEQUENCE_MASK;
        final int offset = (int)(relative - ssn);
        if (offset < 0 || offset >= dataBytes)
        {
            return;
        }
        final long start = dsn + offset;
        final long end = offset + packet.payloadLength() < dataBytes ? start + packet.payloadLength() : dsn + dataBytes;
        final int subflowNumber = (int)tcp.get(SubflowField.SUBFLOW);
        final DataLevel level = mptcp.directions[side];
        final long overlap = space.wrap(level.spaceHead, level.spaceTail).record(start, end, now, subflowNumber);
        level.spaceHead = space.head();
        level.spaceTail = space.tail();
        final long reinjected = space.resentFromOthers();
        if (newMapping && overlap > 0 && reinjected == 0)
        {
            level.sameSubflowRetransmissions++;
        }
        listener.onData(mptcp, subflowNumber, side, now, start, end, reinjected);
        level.reinjectedBytes += reinjected;
        level.distinctReinjectedBytes += space.firstResentFromOthers();
        if (reinjected > 0 && mptcp.reinjections.add(dsn * 31 + dataBytes))
        {
            final int original = space.firstOtherOwner();
            level.reinjectedMappings++;
            mptcp.subflow(original).reinjectionsOriginated++;
            mptcp.subflow(subflowNumber).reinjectionsReceived++;
            listener.onReinjection(mptcp, side, now, dsn, dataBytes, original, subflowNumber,
                now - space.firstSentByOthers());
        }
    }

    private void endBurst(final MptcpConnection mptcp, final int side) throws IOException
    {
        final DataLevel level = mptcp.directions[side];
        if (level.lastSubflow >= 0 && (level.burstBytes > 0 || level.burstPackets > 0))
        {
            listener.onBurst(mptcp, side, level.lastSubflow, level.burstStart, level.burstLast - level.burstStart,
                level.burstBytes, level.burstPackets);
        }
        level.burstBytes = 0;
        level.burstPackets = 0;
    }

    /**
     * Settles what packets without MPTCP options say: a SYN/ACK without MP_CAPABLE makes the
     * connection fall back; the receiver's first packet after a join's third ACK establishes the
     * join (a RST instead refuses it).
     */
    private void handshakeProgress(final MptcpConnection mptcp, final TcpConnection tcp, final boolean fromClient,
        final TcpPacket packet)
    {
        final long state = tcp.get(SubflowField.STATE);
        final boolean rst = packet.hasFlag(TcpHeader.RST);
        if (packet.hasFlag(TcpHeader.SYN) && packet.hasFlag(TcpHeader.ACK) && (state & MPC_SYN) != 0 &&
            (state & MPC_SYN_ACK) == 0 && mptcp.fallback == FallbackReason.NONE)
        {
            mptcp.fallback = FallbackReason.SYN_ACK_WITHOUT_MP_CAPABLE;
        }
        if (!fromClient && (state & JOIN_ACK) != 0 && (state & ESTABLISHED) == 0 && !rst)
        {
            tcp.put(SubflowField.STATE, state | ESTABLISHED);
        }
    }

    /** @return the 64-bit value nearest to {@code reference} whose low 32 bits are {@code value32}. */
    private static long expand(final long value32, final long reference)
    {
        return reference + (int)(value32 - (reference & SEQUENCE_MASK));
    }

}
