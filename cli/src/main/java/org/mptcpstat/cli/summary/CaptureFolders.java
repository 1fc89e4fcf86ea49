package org.mptcpstat.cli.summary;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the capture folders {@code analyze} wrote under an output folder. A folder that holds
 * {@code tcp_connections.bin} is a capture folder; others are searched, however deep, since a
 * campaign may keep its outputs in folders per phone or per day.
 */
public final class CaptureFolders
{
    /** The table every analysed capture has, even one without TCP connections. */
    private static final String MARKER = TcpConnectionTotals.TABLE + ".bin";

    private CaptureFolders()
    {
    }

    /**
     * @param problems gets one line per folder that cannot be summarised: one that holds neither
     *                 tables nor other folders (a capture analysed with {@code --format csv}, or
     *                 something else), or one that cannot be listed.
     * @return the capture folders, sorted.
     * @throws IOException when {@code root} is not a folder.
     */
    public static List<Path> find(final Path root, final List<String> problems) throws IOException
    {
        if (!Files.isDirectory(root))
        {
            throw new IOException(root + (Files.exists(root) ? ": not a folder" : ": no such folder"));
        }
        final List<Path> captures = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult preVisitDirectory(final Path dir, final BasicFileAttributes attributes)
            {
                if (Files.isRegularFile(dir.resolve(MARKER)))
                {
                    captures.add(dir);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                try (Stream<Path> entries = Files.list(dir))
                {
                    if (entries.noneMatch(Files::isDirectory))
                    {
                        problems.add(dir + ": no tables (" + MARKER + ")");
                    }
                    return FileVisitResult.CONTINUE;
                }
                catch (final IOException ex)
                {
                    problems.add(dir + ": cannot be read");
                    return FileVisitResult.SKIP_SUBTREE;
                }
            }

            @Override
            public FileVisitResult visitFileFailed(final Path file, final IOException ex)
            {
                problems.add(file + ": cannot be read");
                return FileVisitResult.CONTINUE;
            }
        });
        captures.sort(null);
        return captures;
    }
}
