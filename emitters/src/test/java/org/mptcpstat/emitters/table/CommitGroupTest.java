package org.mptcpstat.emitters.table;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommitGroupTest
{
    private final List<String> calls = new ArrayList<>();

    private Committable part(final String name)
    {
        return new Committable()
        {
            @Override
            public void commit()
            {
                calls.add("commit " + name);
            }

            @Override
            public void abort()
            {
                calls.add("abort " + name);
            }
        };
    }

    @Test
    void shouldCommitEveryPartInOrderAndIgnoreALaterAbort() throws IOException
    {
        final CommitGroup group = new CommitGroup();
        group.add(part("a"));
        group.add(part("b"));

        group.commit();
        group.abort();

        assertEquals(List.of("commit a", "commit b"), calls);
        assertFalse(group.aborted());
    }

    @Test
    void shouldAbortEveryPartAndRefuseToCommitOrAddAfterAnAbort()
    {
        final CommitGroup group = new CommitGroup();
        group.add(part("a"));

        group.abort();

        assertTrue(group.aborted());
        assertFalse(group.add(part("late")), "a part added after the abort is refused");
        assertThrows(IOException.class, group::commit);
        assertThrows(IOException.class, group::checkNotAborted);
        assertEquals(List.of("abort a", "abort late"), calls, "the late part was aborted at once");
    }
}
