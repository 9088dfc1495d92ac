package velocity17;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes txtar archives byte for byte the way golang.org/x/tools/txtar does.
 *
 * <p>An archive is a comment followed by sections, each introduced by a marker line
 * {@code -- NAME --}. A section's data runs up to the next marker line; the last one gets a
 * final newline added if it lacks one. Marker lines are kept exactly as read, so
 * {@code format(parse(b))} returns {@code b} for any archive whose last byte is a newline.
 */
public final class Txtar {
    /** One section: its name, its marker line as read (without the newline), and its data. */
    public static final class Section {
        public final String name;
        final byte[] marker;
        public byte[] data;

        Section(String name, byte[] marker, byte[] data) {
            this.name = name;
            this.marker = marker;
            this.data = data;
        }

        /** Creates a new section written with the canonical marker {@code -- name --}. */
        public Section(String name, byte[] data) {
            this(name, ("-- " + name + " --").getBytes(StandardCharsets.UTF_8), data);
        }
    }

    public byte[] comment;
    public final List<Section> sections = new ArrayList<>();

    /** Parses an archive; like txtar.Parse it never fails. */
    public static Txtar parse(byte[] b) {
        Txtar a = new Txtar();
        int i = 0;
        int start = 0;
        String pendingName = null;
        byte[] pendingMarker = null;
        while (true) {
            // i is at the start of a line.
            int eol = indexOf(b, (byte) '\n', i);
            int lineEnd = eol < 0 ? b.length : eol;
            String name = markerName(b, i, lineEnd, eol >= 0);
            if (name != null) {
                byte[] data = slice(b, start, i);
                if (pendingName == null) {
                    a.comment = data;
                } else {
                    a.sections.add(new Section(pendingName, pendingMarker, data));
                }
                pendingName = name;
                pendingMarker = slice(b, i, lineEnd);
                start = eol < 0 ? b.length : eol + 1;
            }
            if (eol < 0) {
                break;
            }
            i = eol + 1;
            if (i >= b.length) {
                break;
            }
        }
        byte[] tail = fixNL(slice(b, start, b.length));
        if (pendingName == null) {
            a.comment = tail;
        } else {
            a.sections.add(new Section(pendingName, pendingMarker, tail));
        }
        return a;
    }

    /** Formats the archive like txtar.Format, keeping each section's original marker line. */
    public byte[] format() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] c = fixNL(comment);
        out.write(c, 0, c.length);
        for (Section s : sections) {
            out.write(s.marker, 0, s.marker.length);
            out.write('\n');
            byte[] d = fixNL(s.data);
            out.write(d, 0, d.length);
        }
        return out.toByteArray();
    }

    /**
     * Reports whether text contains a line that txtar would read as a section marker, which
     * would make the text impossible to store in a section.
     */
    public static boolean hasMarkerLine(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        while (i <= b.length) {
            int eol = indexOf(b, (byte) '\n', i);
            int lineEnd = eol < 0 ? b.length : eol;
            if (markerName(b, i, lineEnd, eol >= 0) != null) {
                return true;
            }
            if (eol < 0) {
                return false;
            }
            i = eol + 1;
        }
        return false;
    }

    /**
     * Returns the section name if b[from:to] is a marker line, else null (x/tools isMarker).
     * hasNewline tells whether a newline follows the line; only then is a final "\r" (a CRLF
     * line ending) ignored, as x/tools does.
     */
    private static String markerName(byte[] b, int from, int to, boolean hasNewline) {
        if (hasNewline && to > from && b[to - 1] == '\r') {
            to--;
        }
        int n = to - from;
        if (n < 6 || b[from] != '-' || b[from + 1] != '-' || b[from + 2] != ' ') {
            return null;
        }
        if (b[to - 3] != ' ' || b[to - 2] != '-' || b[to - 1] != '-') {
            return null;
        }
        String name = goTrimSpace(new String(b, from + 3, n - 6, StandardCharsets.UTF_8));
        return name.isEmpty() ? null : name;
    }

    /** strings.TrimSpace: trims Unicode white space (Go's unicode.IsSpace) at both ends. */
    private static String goTrimSpace(String s) {
        int a = 0;
        int z = s.length();
        while (a < z && isGoSpace(s.charAt(a))) {
            a++;
        }
        while (z > a && isGoSpace(s.charAt(z - 1))) {
            z--;
        }
        return s.substring(a, z);
    }

    private static boolean isGoSpace(char c) {
        switch (c) {
            case '\t':
            case '\n':
            case 0x0B:
            case '\f':
            case '\r':
            case ' ':
            case 0x85:
            case 0xA0:
                return true;
            default:
                return c > 0xFF && Character.isSpaceChar(c);
        }
    }

    private static int indexOf(byte[] b, byte x, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] slice(byte[] b, int from, int to) {
        byte[] r = new byte[to - from];
        System.arraycopy(b, from, r, 0, r.length);
        return r;
    }

    private static byte[] fixNL(byte[] d) {
        if (d == null || d.length == 0 || d[d.length - 1] == '\n') {
            return d == null ? new byte[0] : d;
        }
        byte[] r = new byte[d.length + 1];
        System.arraycopy(d, 0, r, 0, d.length);
        r[d.length] = '\n';
        return r;
    }
}
