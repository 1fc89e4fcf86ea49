package org.mptcpstat.cli.report;

import java.util.List;

/** The report's {@code index.html}: every drawn plot with its caption, then the plots left out. Self-contained. */
final class IndexHtml
{
    static final String TITLE = "mptcpstat report";

    private final StringBuilder html = new StringBuilder(4096);

    private IndexHtml()
    {
    }

    static String of(final ReportData data, final List<String> sources, final List<Report.Figure> figures)
    {
        return new IndexHtml().write(data, sources, figures);
    }

    private String write(final ReportData data, final List<String> sources, final List<Report.Figure> figures)
    {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .append(TITLE).append("</title>\n<style>\n")
            .append("body { font-family: sans-serif; max-width: 60em; margin: 1em auto; padding: 0 1em; }\n")
            .append("figure { margin: 2em 0; }\n")
            .append("figure img { width: 100%; max-width: 800px; border: 1px solid #ddd; }\n")
            .append("figcaption { margin-top: 0.3em; }\n")
            .append("</style>\n</head>\n<body>\n<h1>").append(TITLE).append("</h1>\n<p>");
        text(data.captures() + (data.captures() == 1 ? " capture folder" : " capture folders") + " from: ");
        for (int i = 0; i < sources.size(); i++)
        {
            html.append(i == 0 ? "" : ", ").append("<code>");
            text(sources.get(i));
            html.append("</code>");
        }
        html.append(".</p>\n");
        for (final Report.Figure figure : figures)
        {
            if (figure.drawn())
            {
                html.append("<figure id=\"").append(figure.name()).append("\">\n<a href=\"").append(figure.png())
                    .append("\"><img src=\"").append(figure.svg()).append("\" alt=\"");
                text(figure.title());
                html.append("\"></a>\n<figcaption>");
                text(figure.caption());
                html.append(" (<a href=\"").append(figure.png()).append("\">PNG</a>)</figcaption>\n</figure>\n");
            }
        }
        boolean first = true;
        for (final Report.Figure figure : figures)
        {
            if (!figure.drawn())
            {
                if (first)
                {
                    html.append("<h2>Not drawn: no data points</h2>\n<ul>\n");
                    first = false;
                }
                html.append("<li id=\"").append(figure.name()).append("\"><strong>");
                text(figure.title());
                html.append("</strong>: ");
                text(figure.caption());
                html.append("</li>\n");
            }
        }
        if (!first)
        {
            html.append("</ul>\n");
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    /** Appends text with HTML's special characters escaped (also inside attribute values). */
    private void text(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '&' -> html.append("&amp;");
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                default -> html.append(c);
            }
        }
    }
}
