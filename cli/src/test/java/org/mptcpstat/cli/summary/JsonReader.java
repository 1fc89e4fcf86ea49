package org.mptcpstat.cli.summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of a JSON parser to prove that {@link SummaryJson} writes JSON: objects, arrays,
 * strings without escapes other than {@code \"} and {@code \\}, integers, decimals and null.
 */
final class JsonReader
{
    private final String text;
    private int at;

    private JsonReader(final String text)
    {
        this.text = text;
    }

    /** @return Map, List, Long, Double, String or null; throws IllegalArgumentException where the text is not JSON. */
    static Object parse(final String text)
    {
        final JsonReader reader = new JsonReader(text.strip());
        final Object value = reader.value();
        if (reader.at != reader.text.length())
        {
            throw reader.error("text after the value");
        }
        return value;
    }

    private Object value()
    {
        final char c = peek();
        if (c == '{')
        {
            return object();
        }
        if (c == '[')
        {
            return array();
        }
        if (c == '"')
        {
            return string();
        }
        if (text.startsWith("null", at))
        {
            at += 4;
            return null;
        }
        return number();
    }

    private Map<String, Object> object()
    {
        final Map<String, Object> object = new LinkedHashMap<>();
        expect('{');
        while (peek() != '}')
        {
            if (!object.isEmpty())
            {
                expect(',');
            }
            final String name = string();
            expect(':');
            if (object.put(name, value()) != null)
            {
                throw error("repeated name " + name);
            }
        }
        expect('}');
        return object;
    }

    private List<Object> array()
    {
        final List<Object> array = new ArrayList<>();
        expect('[');
        while (peek() != ']')
        {
            if (!array.isEmpty())
            {
                expect(',');
            }
            array.add(value());
        }
        expect(']');
        return array;
    }

    private String string()
    {
        expect('"');
        final StringBuilder string = new StringBuilder();
        while (peek() != '"')
        {
            final char c = text.charAt(at++);
            string.append(c == '\\' ? text.charAt(at++) : c);
        }
        expect('"');
        return string.toString();
    }

    private Object number()
    {
        final int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0)
        {
            at++;
        }
        final String number = text.substring(start, at);
        if (!number.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?"))
        {
            throw error("not a value: '" + number + "'");
        }
        return number.matches("-?[0-9]+") ? (Object)Long.parseLong(number) : (Object)Double.parseDouble(number);
    }

    private char peek()
    {
        if (at >= text.length())
        {
            throw error("unexpected end");
        }
        return text.charAt(at);
    }

    private void expect(final char c)
    {
        if (peek() != c)
        {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private IllegalArgumentException error(final String what)
    {
        return new IllegalArgumentException(what + " at " + at);
    }
}
