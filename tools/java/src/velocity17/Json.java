package velocity17;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader and writer, so the drivers need no JSON library.
 *
 * <p>Reading maps JSON to the Java types a Velocity template sees when a context is bound with
 * an "untyped" JSON binding: object to {@link LinkedHashMap} (key order kept; a repeated key keeps
 * its first position and its last value), array to {@link ArrayList}, string to {@link String},
 * true/false to {@link Boolean}, null to null, an integer to {@link Integer} if it fits 32 bits,
 * else {@link Long} if it fits 64 bits, else {@link BigInteger}, and a number with a fraction or an
 * exponent to {@link Double} ({@code 1e400} is Infinity). Input must be strict RFC 8259 JSON.
 */
public final class Json {
    private final String src;
    private int pos;

    private Json(String src) {
        this.src = src;
    }

    /** Thrown for malformed JSON; the message names the character offset. */
    public static final class JsonException extends Exception {
        private static final long serialVersionUID = 1L;

        JsonException(String msg) {
            super(msg);
        }
    }

    /** A parsed value together with the exact source text it was read from. */
    public static final class Raw {
        public final Object value;
        public final String text;

        Raw(Object value, String text) {
            this.value = value;
            this.text = text;
        }
    }

    /** Parses one JSON value; only whitespace may follow it. */
    public static Object parse(String s) throws JsonException {
        Json p = new Json(s);
        p.ws();
        Object v = p.value();
        p.ws();
        if (p.pos != s.length()) {
            throw p.err("unexpected text after the value");
        }
        return v;
    }

    /**
     * Parses a JSON object and returns each member as a {@link Raw}, so a caller can echo a
     * member back exactly as it was written.
     */
    public static Map<String, Raw> parseObjectRaw(String s) throws JsonException {
        Json p = new Json(s);
        p.ws();
        if (p.peek() != '{') {
            throw p.err("expected a JSON object");
        }
        p.pos++;
        Map<String, Raw> out = new LinkedHashMap<>();
        p.ws();
        if (p.peek() == '}') {
            p.pos++;
        } else {
            while (true) {
                p.ws();
                String k = p.string();
                p.ws();
                p.expect(':');
                p.ws();
                int start = p.pos;
                Object v = p.value();
                out.put(k, new Raw(v, s.substring(start, p.pos)));
                p.ws();
                char c = p.next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    p.pos--;
                    throw p.err("expected ',' or '}'");
                }
            }
        }
        p.ws();
        if (p.pos != s.length()) {
            throw p.err("unexpected text after the object");
        }
        return out;
    }

    private JsonException err(String msg) {
        return new JsonException("JSON offset " + pos + ": " + msg);
    }

    private char peek() {
        return pos < src.length() ? src.charAt(pos) : '\0';
    }

    private char next() throws JsonException {
        if (pos >= src.length()) {
            throw err("unexpected end of input");
        }
        return src.charAt(pos++);
    }

    private void expect(char c) throws JsonException {
        if (pos >= src.length() || src.charAt(pos) != c) {
            throw err("expected '" + c + "'");
        }
        pos++;
    }

    private void ws() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private Object value() throws JsonException {
        char c = peek();
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                word("true");
                return Boolean.TRUE;
            case 'f':
                word("false");
                return Boolean.FALSE;
            case 'n':
                word("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw err("unexpected character");
        }
    }

    private void word(String w) throws JsonException {
        if (!src.startsWith(w, pos)) {
            throw err("expected " + w);
        }
        pos += w.length();
    }

    private Map<String, Object> object() throws JsonException {
        expect('{');
        Map<String, Object> m = new LinkedHashMap<>();
        ws();
        if (peek() == '}') {
            pos++;
            return m;
        }
        while (true) {
            ws();
            String k = string();
            ws();
            expect(':');
            ws();
            m.put(k, value());
            ws();
            char c = next();
            if (c == '}') {
                return m;
            }
            if (c != ',') {
                pos--;
                throw err("expected ',' or '}'");
            }
        }
    }

    private List<Object> array() throws JsonException {
        expect('[');
        List<Object> l = new ArrayList<>();
        ws();
        if (peek() == ']') {
            pos++;
            return l;
        }
        while (true) {
            ws();
            l.add(value());
            ws();
            char c = next();
            if (c == ']') {
                return l;
            }
            if (c != ',') {
                pos--;
                throw err("expected ',' or ']'");
            }
        }
    }

    private String string() throws JsonException {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                pos--;
                throw err("control character in string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"':
                case '\\':
                case '/':
                    sb.append(e);
                    break;
                case 'b':
                    sb.append('\b');
                    break;
                case 'f':
                    sb.append('\f');
                    break;
                case 'n':
                    sb.append('\n');
                    break;
                case 'r':
                    sb.append('\r');
                    break;
                case 't':
                    sb.append('\t');
                    break;
                case 'u':
                    if (pos + 4 > src.length()) {
                        throw err("short \\u escape");
                    }
                    int cp = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(src.charAt(pos + i), 16);
                        if (d < 0) {
                            throw err("bad \\u escape");
                        }
                        cp = cp * 16 + d;
                    }
                    pos += 4;
                    sb.append((char) cp);
                    break;
                default:
                    pos--;
                    throw err("bad escape");
            }
        }
    }

    private Object number() throws JsonException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (peek() >= '1' && peek() <= '9') {
            while (peek() >= '0' && peek() <= '9') {
                pos++;
            }
        } else {
            throw err("bad number");
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!(peek() >= '0' && peek() <= '9')) {
                throw err("bad number");
            }
            while (peek() >= '0' && peek() <= '9') {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!(peek() >= '0' && peek() <= '9')) {
                throw err("bad number");
            }
            while (peek() >= '0' && peek() <= '9') {
                pos++;
            }
        }
        String text = src.substring(start, pos);
        if (!integral) {
            return Double.valueOf(text);
        }
        BigInteger b = new BigInteger(text);
        if (b.bitLength() < 32) {
            return Integer.valueOf(b.intValue());
        }
        if (b.bitLength() < 64) {
            return Long.valueOf(b.longValue());
        }
        return b;
    }

    /** Appends s as a JSON string literal; lone surrogates are written as \\u escapes. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    boolean lone = false;
                    if (Character.isHighSurrogate(c)) {
                        lone = i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
                        if (!lone) {
                            sb.append(c).append(s.charAt(++i));
                            break;
                        }
                    } else if (Character.isLowSurrogate(c)) {
                        lone = true;
                    }
                    if (c < 0x20 || lone || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    /** Returns s as a JSON string literal. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(sb, s);
        return sb.toString();
    }
}
