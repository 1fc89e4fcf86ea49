package org.mptcpstat.parser.capture;

import java.io.IOException;

/** The file is not a capture mptcpstat can read; the message is one line meant for the user. */
public final class CaptureFormatException extends IOException
{
    private static final long serialVersionUID = 1L;

    public CaptureFormatException(final String message)
    {
        super(message);
    }
}
