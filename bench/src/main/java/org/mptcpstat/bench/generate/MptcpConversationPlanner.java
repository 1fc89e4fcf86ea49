package org.mptcpstat.bench.generate;

import org.mptcpstat.flowtable.mptcp.MptcpEventType;

import static org.mptcpstat.bench.generate.PacketScript.C2S;
import static org.mptcpstat.bench.generate.PacketScript.S2C;

/**
 * Plans an MPTCP conversation (v0 or v1) with its ground truth:
 * <ol>
 * <li>the initial subflow's MP_CAPABLE handshake, from the WiFi or the cellular address;</li>
 * <li>joins from the other address (and from the first one again for a third subflow) with valid
 *     tokens and HMACs, some as backup; the server may announce a second address (ADD_ADDR, echoed
 *     in v1), which the client then joins too;</li>
 * <li>request/response rounds or a bulk transfer, cut into chunks sent each on one usable subflow
 *     (backup ones only when no other is left); the client may make its second subflow backup
 *     midway (MP_PRIO);</li>
 * <li>DATA_FINs both ways, sent on every subflow as Linux does, then FINs; or MP_FASTCLOSE on a
 *     RST on every subflow.</li>
 * </ol>
 * <b>Reinjection</b>: a chunk's first flight goes out on one subflow, whose ACKs are then held up
 * by an outage; after a retransmission timeout the same data is sent again, as new mappings, on
 * another subflow, and the late ACKs arrive afterwards (the first subflow resends nothing). Each
 * resending mapping is a reinjected mapping, its payload reinjected bytes, counted once.
 * <p>
 * The analyzer's data-level definitions are those of {@code MptcpTracker}: a mapping counts once
 * (a TCP retransmission repeats it); {@code unique_data_bytes} is the highest DATA_ACK minus the
 * IDSN minus 1, so an acknowledged DATA_FIN adds one.
 */
final class MptcpConversationPlanner
{
    private static final int MSS = 1400;
    /** The proxy: 203.0.113.1 (TEST-NET-3); the address it may announce is the next one. */
    private static final int PROXY_ADDRESS = 0xCB00_7101;
    private static final int PROXY_PORT = 443;
    private static final int ANNOUNCED_ADDRESS_ID = 1;
    private static final long JOIN_DELAY_MIN_MICROS = 500;
    private static final long JOIN_DELAY_MAX_MICROS = 5_000;
    private static final long STEP_NANOS = 10_000;
    private static final long CLOSE_DELAY_NANOS = 1_000_000;
    private static final long REINJECTION_TIMEOUT_NANOS = 250_000_000;
    private static final int MIN_CHUNK_SEGMENTS = 4;
    private static final int MAX_CHUNK_SEGMENTS = 48;

    private final GeneratorSettings settings;
    private final SubflowTraffic traffic;
    private final Exchanges exchanges;
    private final MptcpOptionWriter keys;
    private final TokenRegistry tokens;
    private final DataSender sender = this::send;
    private Conversation c;
    private SeededRandom random;
    private Lane lane;
    private boolean mpPrioPending;

    MptcpConversationPlanner(final GeneratorSettings settings, final MptcpOptionWriter keys, final TokenRegistry tokens)
    {
        this.settings = settings;
        this.traffic = new SubflowTraffic(settings);
        this.exchanges = new Exchanges(settings);
        this.keys = keys;
        this.tokens = tokens;
    }

    void plan(final Lane conversationLane, final SeededRandom conversationRandom, final long start)
    {
        lane = conversationLane;
        c = lane.conversation;
        random = conversationRandom;
        traffic.wrap(c, random);
        c.mptcp = true;
        c.mss = MSS;
        c.version = random.chance(settings.v0Share()) ? 0 : 1;
        chooseKeys(start);
        c.longDsn = random.chance(0.5);
        c.longDataAck = random.chance(0.5);
        for (int direction = 0; direction < 2; direction++)
        {
            c.nextDsn[direction] = c.idsn[direction] + 1;
            c.dataAcked[direction] = c.idsn[direction] + 1;
        }
        c.announcedAddress = PROXY_ADDRESS + 1;

        final int first = random.chance(settings.cellularShare()) ? Conversation.CELLULAR : Conversation.WIFI;
        c.addSubflow(first, lane.address(first), lane.takePort(), PROXY_ADDRESS, PROXY_PORT);
        traffic.openPath(0);
        final long established = traffic.handshake(0, start, PacketScript.MP_CAPABLE_SYN,
            PacketScript.MP_CAPABLE_SYN_ACK, PacketScript.MP_CAPABLE_ACK);
        long ready = established;
        for (int k = 1; k < settings.subflows(); k++)
        {
            final int interfaceClass = k % 2 == 1 ? 1 - first : first;
            ready = Math.max(ready, join(interfaceClass, k % 2, PROXY_ADDRESS, established + joinDelay()));
        }
        if (random.chance(settings.addAddrShare()))
        {
            ready = Math.max(ready, announceAndJoin(first, established + joinDelay()));
        }
        mpPrioPending = c.subflows > 1 && !c.backupAtJoin[1] && random.chance(settings.mpPrioShare());
        final long done = exchanges.run(sender, random, ready + STEP_NANOS);
        if (random.chance(settings.fastcloseShare()))
        {
            fastclose(done + CLOSE_DELAY_NANOS);
        }
        else
        {
            closeWithDataFins(done + CLOSE_DELAY_NANOS);
        }
        final long last = c.script.latestTime();
        tokens.take(c.clientToken, last);
        tokens.take(c.serverToken, last);
    }

    /** Keys whose tokens differ from each other and from every token the analyzer may still hold. */
    private void chooseKeys(final long start)
    {
        do
        {
            c.clientKey = random.nextLong();
            c.serverKey = random.nextLong();
            keys.deriveTokens(c);
        }
        while (c.clientToken == c.serverToken || !tokens.isFree(c.clientToken, start) ||
            !tokens.isFree(c.serverToken, start));
    }

    private long joinDelay()
    {
        return 1000 * random.between(JOIN_DELAY_MIN_MICROS, JOIN_DELAY_MAX_MICROS);
    }

    /** MP_JOIN SYN, SYN/ACK, third ACK, and the server's ACK that establishes it. @return when that ACK is seen. */
    private long join(final int interfaceClass, final int addressId, final int server, final long start)
    {
        final int sf = c.addSubflow(interfaceClass, lane.address(interfaceClass), lane.takePort(), server, PROXY_PORT);
        traffic.openPath(sf);
        c.addressId[sf] = addressId;
        c.backupAtJoin[sf] = random.chance(settings.backupShare());
        c.backupAtEnd[sf] = c.backupAtJoin[sf];
        c.clientRandom[sf] = random.nextInt();
        c.serverRandom[sf] = random.nextInt();
        final long third = traffic.handshake(sf, start, PacketScript.MP_JOIN_SYN, PacketScript.MP_JOIN_SYN_ACK,
            PacketScript.MP_JOIN_ACK);
        final long fourth = third + c.replyDelay(sf, C2S);
        traffic.pureAck(sf, S2C, fourth);
        return fourth;
    }

    /** ADD_ADDR from the server on the initial subflow, the v1 echo, and the client's join to it. */
    private long announceAndJoin(final int firstInterface, final long start)
    {
        c.script.option[c.script.add(start, 0, S2C, PacketScript.ACK, c.next(0, S2C), c.next(0, C2S), 0)] =
            PacketScript.ADD_ADDR;
        c.addEvent(MptcpEventType.ADD_ADDR, 0, S2C, ANNOUNCED_ADDRESS_ID, c.announcedAddress, 0);
        long heard = start + c.replyDelay(0, S2C);
        if (c.version == 1)
        {
            c.script.option[c.script.add(heard, 0, C2S, PacketScript.ACK, c.next(0, C2S), c.next(0, S2C), 0)] =
                PacketScript.ADD_ADDR_ECHO;
            c.addEvent(MptcpEventType.ADD_ADDR, 0, C2S, ANNOUNCED_ADDRESS_ID, c.announcedAddress, 1);
            heard += STEP_NANOS;
        }
        return join(firstInterface, 0, c.announcedAddress, heard + joinDelay());
    }

    /** Sends application data in chunks, each on one subflow; some chunks are reinjected. */
    private long send(final int direction, final long bytes, final long start)
    {
        long time = start;
        long left = bytes;
        long lastAck = start;
        while (left > 0)
        {
            final long chunk = Math.min(left, MSS * random.between(MIN_CHUNK_SEGMENTS, MAX_CHUNK_SEGMENTS));
            final int sf = usableSubflow(-1);
            final int other = usableSubflow(sf);
            final long dsn = c.nextDsn[direction];
            if (other >= 0 && random.chance(settings.reinjection()))
            {
                lastAck = reinject(direction, chunk, sf, other, time, dsn);
                time = lastAck + c.replyDelay(other, 1 - direction);
            }
            else
            {
                lastAck = traffic.transfer(sf, direction, chunk, time, dsn);
                time = lastAck + c.replyDelay(sf, 1 - direction);
            }
            c.nextDsn[direction] += chunk;
            left -= chunk;
        }
        if (mpPrioPending && direction == S2C)
        {
            mpPrioPending = false;
            makeBackup(1, lastAck + STEP_NANOS);
        }
        return lastAck;
    }

    /** @return a random subflow other than {@code except}, not backup unless only backups are left; -1 if none. */
    private int usableSubflow(final int except)
    {
        int candidates = 0;
        boolean backupOnly = true;
        for (int sf = 0; sf < c.subflows; sf++)
        {
            backupOnly &= sf == except || c.backupAtEnd[sf];
        }
        for (int sf = 0; sf < c.subflows; sf++)
        {
            candidates += sf != except && (backupOnly || !c.backupAtEnd[sf]) ? 1 : 0;
        }
        if (candidates == 0)
        {
            return -1;
        }
        long pick = random.between(0, candidates - 1);
        for (int sf = 0; sf < c.subflows; sf++)
        {
            if (sf != except && (backupOnly || !c.backupAtEnd[sf]) && pick-- == 0)
            {
                return sf;
            }
        }
        throw new IllegalStateException("no subflow picked among " + candidates);
    }

    private long reinject(final int direction, final long chunk, final int original, final int resender,
        final long start, final long dsn)
    {
        final PacketScript s = c.script;
        final long sent = traffic.unacknowledgedFlight(original, direction, chunk, start, dsn);
        final int firstResent = s.count();
        long lastAck = traffic.transfer(resender, direction, sent, start + REINJECTION_TIMEOUT_NANOS, dsn);
        for (int p = firstResent; p < s.count(); p++)
        {
            if ((s.marks[p] & PacketScript.MAPPING) != 0 && (s.marks[p] & PacketScript.RETRANSMISSIONS) == 0)
            {
                c.addData(direction, DataLevelTruthColumn.REINJECTED_MAPPINGS, 1);
                c.addData(direction, DataLevelTruthColumn.REINJECTED_BYTES, s.payload[p]);
                c.addData(direction, DataLevelTruthColumn.DISTINCT_REINJECTED_BYTES, s.payload[p]);
                c.reinjectionsOriginated[original]++;
                c.reinjectionsReceived[resender]++;
            }
        }
        traffic.acknowledgeAll(original, direction, lastAck + STEP_NANOS);
        if (chunk > sent)
        {
            lastAck = traffic.transfer(resender, direction, chunk - sent,
                lastAck + c.replyDelay(resender, 1 - direction), dsn + sent);
        }
        return lastAck;
    }

    /** MP_PRIO from the client on the subflow itself: v1 names no address ID, v0 names the subflow's. */
    private void makeBackup(final int sf, final long time)
    {
        final PacketScript s = c.script;
        s.option[s.add(time, sf, C2S, PacketScript.ACK, c.next(sf, C2S), c.next(sf, S2C), 0)] = PacketScript.MP_PRIO;
        c.backupAtEnd[sf] = true;
        c.backupChanges[sf]++;
        c.addEvent(MptcpEventType.MP_PRIO, sf, C2S, c.version == 0 ? c.addressId[sf] : -1, 0, 1);
    }

    /** A DATA_FIN each way on every subflow, as Linux sends it: a bare mapping (SSN 0, length 1); then FINs. */
    private void closeWithDataFins(final long start)
    {
        final long serverTime = dataFin(C2S, start);
        final long clientTime = dataFin(S2C, serverTime);
        traffic.pureAck(0, C2S, clientTime);
        for (int sf = 0; sf < c.subflows; sf++)
        {
            traffic.close(sf, C2S, clientTime + CLOSE_DELAY_NANOS + sf * STEP_NANOS);
        }
    }

    /** @return when the other side answers the DATA_FIN on the initial subflow. */
    private long dataFin(final int direction, final long start)
    {
        final PacketScript s = c.script;
        for (int sf = 0; sf < c.subflows; sf++)
        {
            final int p = traffic.pureAck(sf, direction, start + sf * STEP_NANOS);
            s.marks[p] |= PacketScript.MAPPING | PacketScript.DATA_FIN;
            s.dsn[p] = c.nextDsn[direction];
            s.ssn[p] = 0;
            s.mappingLength[p] = 1;
        }
        c.addEvent(MptcpEventType.DATA_FIN, 0, direction, -1, 0, 0);
        c.dataAcked[direction] = c.nextDsn[direction] + 1;
        return start + c.replyDelay(0, direction);
    }

    private void fastclose(final long start)
    {
        c.fastclose = true;
        for (int sf = 0; sf < c.subflows; sf++)
        {
            c.script.option[traffic.reset(sf, C2S, start + sf * STEP_NANOS)] = PacketScript.MP_FASTCLOSE;
            c.addEvent(MptcpEventType.MP_FASTCLOSE, sf, C2S, -1, 0, 0);
        }
    }
}
