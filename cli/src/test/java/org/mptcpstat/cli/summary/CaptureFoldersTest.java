package org.mptcpstat.cli.summary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which folders the summary reads, and which it reports. */
class CaptureFoldersTest
{
    @TempDir
    Path dir;

    private final List<String> problems = new ArrayList<>();

    private Path capture(final String path) throws IOException
    {
        final Path folder = Files.createDirectories(dir.resolve(path));
        Files.createFile(folder.resolve("tcp_connections.bin"));
        return folder;
    }

    @Test
    void shouldFindCaptureFoldersAtAnyDepthInOrder() throws IOException
    {
        final Path b = capture("phone2/day1/b");
        final Path a = capture("phone1/a");
        final Path c = capture("c");

        assertEquals(List.of(c, a, b), CaptureFolders.find(dir, problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void shouldTakeACaptureFolderGivenItself() throws IOException
    {
        final Path a = capture("a");
        Files.createDirectories(a.resolve("not-searched"));

        assertEquals(List.of(a), CaptureFolders.find(a, problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void shouldReportAFolderWithoutTablesOrSubfoldersInOneLine() throws IOException
    {
        final Path a = capture("a");
        final Path csvOnly = Files.createDirectories(dir.resolve("csv-only"));
        Files.createFile(csvOnly.resolve("tcp_connections.csv"));

        assertEquals(List.of(a), CaptureFolders.find(dir, problems));
        assertEquals(List.of(csvOnly + ": no tables (tcp_connections.bin)"), problems);
    }

    @Test
    void shouldRefuseAMissingFolderOrAFile() throws IOException
    {
        final Path missing = dir.resolve("missing");
        final Path file = Files.createFile(dir.resolve("file"));

        assertEquals(missing + ": no such folder",
            assertThrows(IOException.class, () -> CaptureFolders.find(missing, problems)).getMessage());
        assertEquals(file + ": not a folder",
            assertThrows(IOException.class, () -> CaptureFolders.find(file, problems)).getMessage());
    }
}
