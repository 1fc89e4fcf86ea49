package org.mptcpstat.parser.source;

/**
 * Takes over the mappings a {@link MappedFileSource} moves past, for a caller that hands records
 * to other threads without copying them (the dispatcher of a parallel analysis): such a record
 * points into its mapping, which must stay mapped until the last thread reading it is done.
 */
@FunctionalInterface
public interface MappingRetirement
{
    /**
     * The source will read no more from a mapping.
     *
     * @param unmap unmaps it: run it exactly once, on any thread, when nothing reads inside the
     *              mapping any more (reading after that crashes the JVM).
     */
    void retire(Runnable unmap);
}
