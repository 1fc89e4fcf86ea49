package org.mptcpstat.emitters.table;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file written under a hidden temporary name in its final folder ({@code .NAME.tmp}) and
 * renamed over {@code NAME} only when complete: readers never see a half-written table, and a
 * failed run leaves nothing behind. The rename is atomic because both names are in one folder.
 * <p>
 * There is no fsync: a table lost to a power cut is written again by running the analysis
 * again, which is cheaper than syncing every table of every run. The fixed temporary name means
 * two runs must not write the same table in the same folder at the same time.
 */
public final class AtomicFile
{
    private final Path target;
    private final Path temporary;
    private final FileChannel channel;

    private AtomicFile(final Path target, final Path temporary, final FileChannel channel)
    {
        this.target = target;
        this.temporary = temporary;
        this.channel = channel;
    }

    /** Creates (or truncates, after a crashed run) the temporary file for {@code dir/fileName}. */
    public static AtomicFile create(final Path dir, final String fileName) throws IOException
    {
        final Path temporary = dir.resolve("." + fileName + ".tmp");
        final FileChannel channel = FileChannel.open(temporary,
            StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        return new AtomicFile(dir.resolve(fileName), temporary, channel);
    }

    public FileChannel channel()
    {
        return channel;
    }

    /** Closes the file and renames it to its final name, replacing any older table there. */
    public void commit() throws IOException
    {
        channel.close();
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Closes and deletes the temporary file; never throws, as it runs while another error unwinds. */
    public void abort()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignored)
        {
            // Closing a file we only wrote and now delete loses nothing.
        }
        try
        {
            Files.deleteIfExists(temporary);
        }
        catch (final IOException ignored)
        {
            // Nothing more to do: the hidden temporary name keeps it out of the table's way.
        }
    }
}
