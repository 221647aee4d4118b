package io.idmint.analyze;

import io.idmint.core.IdFormat;
import io.idmint.core.InvalidIdException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A second pass over a file for the lines of the duplicate examples only (up to {@value #MAX_LINES} lines each):
 * the external sort keeps no line numbers, so a file, unlike stdin or a query, can name where each copy was.
 */
final class DuplicateLines {
    static final int MAX_LINES = 10;

    private DuplicateLines() {}

    static Map<Long, List<Long>> find(List<DuplicateFinder.Duplicate> examples, Path file, IdFormat format) throws IOException {
        Map<Long, List<Long>> out = new LinkedHashMap<>();
        for (DuplicateFinder.Duplicate d : examples) {
            out.put(d.id(), new ArrayList<>());
        }
        try (InputStream in = Files.newInputStream(file)) {
            LineReader.read(in, (buf, from, to, n, cut) -> {
                long v = parseQuietly(buf, from, to, format);
                List<Long> at = v < 0 ? null : out.get(v);
                if (at != null && at.size() < MAX_LINES) {
                    at.add(n);
                }
            });
        }
        return out;
    }

    /** Where a line's ID text ends: at the first blank, comma or semicolon. */
    static int idEnd(byte[] b, int from, int to) {
        int end = from;
        while (end < to && b[end] != ' ' && b[end] != '\t' && b[end] != ',' && b[end] != ';') {
            end++;
        }
        return end;
    }

    /** Where a line's text starts, after leading blanks. */
    static int textStart(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        return from;
    }

    /** The ID on a line, or -1: the same reading as {@link Analyzer#line}, without counting anything. */
    private static long parseQuietly(byte[] b, int from, int to, IdFormat format) {
        from = textStart(b, from, to);
        int end = idEnd(b, from, to);
        if (end == from || b[from] == '#') {
            return -1;
        }
        String text = new String(b, from, end - from, StandardCharsets.ISO_8859_1);
        try {
            return format == null ? IdFormat.parseAuto(text) : format.parse(text);
        } catch (InvalidIdException e) {
            return -1;
        }
    }
}
