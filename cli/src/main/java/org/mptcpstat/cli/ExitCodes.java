package org.mptcpstat.cli;

/** Exit codes shared by every command. */
final class ExitCodes
{
    /** Every input was processed. */
    static final int OK = 0;
    /** Some input could not be processed; the rest was, and its output is complete. */
    static final int FAILED = 1;
    /** The command line itself was wrong (picocli's own code for usage errors). */
    static final int USAGE = 2;

    private ExitCodes()
    {
    }
}
