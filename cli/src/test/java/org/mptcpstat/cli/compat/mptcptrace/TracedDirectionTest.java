package org.mptcpstat.cli.compat.mptcptrace;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** mptcptrace's rules for one direction's mappings and DATA_ACKs, on hand-made signals (times in ms). */
class TracedDirectionTest
{
    private static final long EPOCH_NANOS = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;

    private final TracedDirection direction = new TracedDirection(true);

    @BeforeEach
    void nameFiles()
    {
        direction.sequence.name(dir.resolve("seq"));
        direction.ackSizes.name(dir.resolve("acksize"));
        direction.roundTripTimes.name(dir.resolve("rtt"));
        direction.reinjectedMappings.name(dir.resolve("map_reinject"), "id,n");
    }

    private static long at(final long millis)
    {
        return EPOCH_NANOS + millis * 1_000_000L;
    }

    private void mapping(final int subflow, final long millis, final long dsn, final long length) throws IOException
    {
        direction.countTransmission(length, direction.onMapping(subflow, at(millis), dsn, length, false));
    }

    private List<String> lines(final String file) throws IOException
    {
        return Files.readAllLines(dir.resolve(file));
    }

    @Test
    void shouldAcknowledgeWaitingMappingsInDsnOrderAsLongAsEachEndsAtTheDataAck() throws IOException
    {
        mapping(0, 1, 100, 10);
        mapping(0, 2, 120, 10);
        mapping(1, 3, 110, 10);
        direction.onDataAck(0, at(4), 115);
        direction.onDataAck(1, at(9), 130);
        mapping(0, 10, 200, 100);
        mapping(0, 11, 300, 5);
        direction.onDataAck(0, at(12), 305);
        direction.close();

        assertEquals(List.of("1700000000.004000,10,1,0,0,-1", "1700000000.009000,20,2,0,0,-1",
            "1700000000.012000,105,1,0,0,-1"), lines("acksize"));
        assertEquals(List.of("1700000000.001000,3.000000,2,0,0", "1700000000.003000,6.000000,2,0,0",
            "1700000000.002000,7.000000,2,0,0", "1700000000.010000,2.000000,2,0,0", "1700000000.011000,1.000000,2,0,0"),
            lines("rtt"), "by DSN, each from its first transmission");
    }

    @Test
    void shouldStopAtAWaitingMappingTheDataAckCoversOnlyInPart() throws IOException
    {
        mapping(0, 1, 200, 100);
        mapping(0, 2, 210, 5);
        direction.onDataAck(0, at(3), 220);
        direction.close();

        assertEquals(List.of("1700000000.003000,0,1,0,0,-1"), lines("acksize"),
            "[210, 215) is covered but waits behind [200, 300)");
        assertEquals(List.of(), lines("rtt"));
    }

    @Test
    void shouldTakeAMappingOfAStartFirstSentElsewhereForAReinjectionTimedFromItsFirstTransmission() throws IOException
    {
        mapping(0, 1, 100, 10);
        mapping(2, 5, 100, 10);
        mapping(2, 6, 100, 10);
        direction.onDataAck(1, at(8), 110);
        direction.close();

        assertEquals(List.of("1700000000.001000,100,1,1,110,-1", "1700000000.005000,100,3,1,110,1",
            "1700000000.006000,100,3,1,110,1", "1700000000.008000,110,2,0,0,-1"), lines("seq"));
        assertEquals(List.of("1700000000.001000,7.000000,2,0,0"), lines("rtt"));
        assertEquals(2, direction.reinjections());
        assertEquals(20, direction.reinjectedBytes());
        assertEquals(2, direction.reinjectionsFrom(0));
        assertEquals(1, direction.mappingsSentOn(2), "one mapping start, sent on two subflows");
        assertEquals(List.of("id,n", "0,2"), lines("map_reinject"));
    }

    @Test
    void shouldNotWaitForAMappingThatTheHighestDataAckAlreadyCovers() throws IOException
    {
        direction.onDataAck(0, at(1), 150);
        mapping(0, 2, 100, 10);
        direction.onDataAck(0, at(3), 150);
        direction.close();

        assertEquals(List.of("1700000000.001000,0,1,0,0,-1", "1700000000.003000,0,1,0,0,-1"), lines("acksize"));
        assertEquals(List.of(), lines("rtt"));
    }

    @Test
    void shouldNotTakeADataFinResentOnAnotherSubflowForAReinjection() throws IOException
    {
        direction.onMapping(0, at(1), 500, 1, true);
        final int origin = direction.onMapping(1, at(2), 500, 1, true);
        direction.close();

        assertEquals(-1, origin, "MPTCP v1 stacks send the DATA_FIN on every subflow");
        assertEquals(1, direction.mappingsSentOn(1));
        assertEquals(List.of("id,n"), lines("map_reinject"));
    }

    @Test
    void shouldPrintTheLow32BitsOfDataSequenceNumbersAndCountPositionsOfReinjectedStarts() throws IOException
    {
        mapping(0, 1, 0xFFFF_FFF0L, 0x20);
        mapping(0, 2, 0x1_0000_0010L, 0x10);
        mapping(1, 3, 0x1_0000_0010L, 0x10);
        direction.onDataAck(1, at(4), 0x1_0000_0020L);
        direction.close();

        assertEquals(List.of("1700000000.001000,4294967280,1,1,16,-1", "1700000000.002000,16,1,1,32,-1",
            "1700000000.003000,16,2,1,32,1", "1700000000.004000,32,2,0,0,-1"), lines("seq"));
        assertEquals(List.of("id,n", "1,2"), lines("map_reinject"), "the second start, from 0, sent on 2 subflows");
    }
}
