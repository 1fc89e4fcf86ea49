package org.mptcpstat.cli.compat.mptcptrace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StagingFolderTest
{
    @TempDir
    Path output;

    private List<String> names() throws IOException
    {
        try (Stream<Path> files = Files.list(output))
        {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shouldMoveItsFilesInPlaceOfAnEarlierRunsAndLeaveOtherFilesAlone() throws IOException
    {
        Files.writeString(output.resolve("stats_0.csv"), "old");
        Files.writeString(output.resolve("stats_7.csv"), "old, of a run with more connections");
        Files.writeString(output.resolve("tcp_connections.csv"), "a table");
        final StagingFolder folder = new StagingFolder(output);
        Files.writeString(folder.file("stats_0.csv"), "new");
        Files.writeString(folder.file(FileNames.CAPTURE_COUNTERS), "new");

        folder.commit(FileNames::isConnectionFile);

        assertEquals(List.of("file_stats.csv", "stats_0.csv", "tcp_connections.csv"), names());
        assertEquals("new", Files.readString(output.resolve("stats_0.csv")));
    }

    @Test
    void shouldLeaveNothingWhenAbortedAndEmptyWhatACrashedRunLeft() throws IOException
    {
        final StagingFolder crashed = new StagingFolder(output);
        Files.writeString(crashed.file("stats_0.csv"), "half written");
        final StagingFolder folder = new StagingFolder(output);
        try (Stream<Path> left = Files.list(folder.file("stats_0.csv").getParent()))
        {
            assertEquals(0, left.count(), "the crashed run's files are gone");
        }
        Files.writeString(folder.file("stats_0.csv"), "new");

        folder.abort();

        assertEquals(List.of(), names());
    }
}
