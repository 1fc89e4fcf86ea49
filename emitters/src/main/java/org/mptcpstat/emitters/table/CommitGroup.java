package org.mptcpstat.emitters.table;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Outputs that appear all together or not at all. {@link #abort()} may come from another thread
 * (a shutdown hook on Ctrl-C) while the outputs are still being written: once it has, no part is
 * committed, and a part added later is aborted at once. After {@link #commit()}, abort does nothing.
 */
public final class CommitGroup
{
    private final List<Committable> parts = new ArrayList<>();
    private boolean committed;
    private volatile boolean aborted;

    /**
     * @return false, having aborted the part, when the group was aborted already.
     */
    public synchronized boolean add(final Committable part)
    {
        if (aborted)
        {
            part.abort();
            return false;
        }
        parts.add(part);
        return true;
    }

    /** @throws IOException saying "interrupted" once the group was aborted. */
    public void checkNotAborted() throws IOException
    {
        if (aborted)
        {
            throw new IOException("interrupted");
        }
    }

    /** Commits every part, in the order they were added. */
    public synchronized void commit() throws IOException
    {
        checkNotAborted();
        for (final Committable part : parts)
        {
            part.commit();
        }
        committed = true;
    }

    /** Aborts every part, unless the group was committed already. */
    public synchronized void abort()
    {
        if (committed)
        {
            return;
        }
        aborted = true;
        for (final Committable part : parts)
        {
            part.abort();
        }
    }

    /** @return whether {@link #abort()} came before the commit. */
    public boolean aborted()
    {
        return aborted;
    }
}
