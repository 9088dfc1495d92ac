package vtlutil;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.lang.StringEscapeUtils;

/**
 * Records what the Java libraries behind API Gateway's {@code $util} string functions return, as
 * goldens for {@code vtleval/apigw/util_test.go}.
 *
 * <pre>
 * java vtlutil.UtilGolden --generate          # the deterministic input set, JSON Lines
 * java vtlutil.UtilGolden &lt; in.jsonl &gt; out.jsonl
 * </pre>
 *
 * <p>Each input line is {@code {"fn": NAME, "in": STRING}} or {@code {"fn": NAME, "inHex": HEX}}
 * (the bytes are first decoded with {@code new String(bytes, UTF_8)}, as Java reads a request).
 * Each output line repeats the input fields and adds {@code "out"} (the result) or
 * {@code "error"} ({@code Throwable.toString()}). NAME is one of:
 *
 * <ul>
 *   <li>{@code escapeJavaScript}: commons-lang 2.6 {@code StringEscapeUtils.escapeJavaScript}
 *   <li>{@code urlEncode}: {@code URLEncoder.encode(s, "UTF-8")}
 *   <li>{@code urlDecode}: {@code URLDecoder.decode(s, "UTF-8")}
 *   <li>{@code base64Encode}: {@code Base64.getEncoder().encodeToString(s.getBytes(UTF_8))}
 *   <li>{@code base64Decode}: {@code new String(Base64.getDecoder().decode(s), UTF_8)}
 *   <li>{@code utf8Decode}: the identity (only useful with {@code inHex})
 * </ul>
 *
 * <p>Strings in the output are ASCII JSON ({@code \\uXXXX} per UTF-16 unit), so unpaired
 * surrogates survive.
 */
public final class UtilGolden {
    private UtilGolden() {}

    public static void main(String[] args) throws Exception {
        PrintWriter out =
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        if (args.length == 1 && args[0].equals("--generate")) {
            for (Map<String, Object> m : generate()) {
                out.println(Jsonl.write(m));
            }
            out.flush();
            return;
        }
        if (args.length != 0) {
            System.err.println("usage: java vtlutil.UtilGolden [--generate] < in.jsonl > out.jsonl");
            System.exit(2);
        }
        BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) Jsonl.parse(line);
            String fn = (String) m.get("fn");
            String s;
            if (m.containsKey("inHex")) {
                s = new String(unhex((String) m.get("inHex")), StandardCharsets.UTF_8);
            } else {
                s = (String) m.get("in");
            }
            Map<String, Object> r = new LinkedHashMap<>(m);
            try {
                r.put("out", apply(fn, s));
            } catch (IllegalArgumentException e) {
                r.put("error", e.toString());
            } catch (RuntimeException e) {
                throw new RuntimeException("line " + n + ": " + e, e);
            }
            out.println(Jsonl.write(r));
        }
        out.flush();
    }

    static String apply(String fn, String s) throws Exception {
        switch (fn) {
            case "escapeJavaScript":
                return StringEscapeUtils.escapeJavaScript(s);
            case "urlEncode":
                return URLEncoder.encode(s, "UTF-8");
            case "urlDecode":
                return URLDecoder.decode(s, "UTF-8");
            case "base64Encode":
                return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
            case "base64Decode":
                return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
            case "utf8Decode":
                return s;
            default:
                throw new RuntimeException("unknown fn " + fn);
        }
    }

    private static byte[] unhex(String h) {
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xff));
        }
        return sb.toString();
    }

    // ---- the input generator ----

    private static final List<Map<String, Object>> cases = new ArrayList<>();

    private static void add(String fn, String in) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fn", fn);
        m.put("in", in);
        cases.add(m);
    }

    private static void addHex(String fn, byte[] b) {
        if (!fn.equals("utf8Decode")) {
            // The Go side reads ED A0..BF 80..BF as an unpaired surrogate (WTF-8), where Java
            // reads U+FFFD; utf8Decode covers Java's reading, the other functions avoid it.
            for (int i = 0; i + 1 < b.length; i++) {
                if ((b[i] & 0xff) == 0xED && (b[i + 1] & 0xff) >= 0xA0 && (b[i + 1] & 0xff) <= 0xBF) {
                    b[i + 1] = (byte) 0x9F;
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fn", fn);
        m.put("inHex", hex(b));
        cases.add(m);
    }

    /** All 65536 UTF-16 units, 256 per string (so surrogates appear unpaired, in runs). */
    private static List<String> bmpChunks() {
        List<String> l = new ArrayList<>();
        for (int base = 0; base < 0x10000; base += 0x100) {
            StringBuilder sb = new StringBuilder();
            for (int c = base; c < base + 0x100; c++) {
                sb.append((char) c);
            }
            l.add(sb.toString());
        }
        return l;
    }

    /** Supplementary code points across all planes, 16 per string, plus the edges. */
    private static List<String> astral() {
        List<String> l = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (int cp = 0x10000; cp <= 0x10FFFF; cp += 0x3FD) {
            sb.appendCodePoint(cp);
            if (++n % 16 == 0) {
                l.add(sb.toString());
                sb.setLength(0);
            }
        }
        l.add(sb.toString());
        l.add(new StringBuilder().appendCodePoint(0x10000).appendCodePoint(0x10FFFF)
                .appendCodePoint(0x1F600).appendCodePoint(0xFFFF).toString());
        return l;
    }

    /** Hand-picked strings: surrogate edge cases, specials, empty. */
    private static final String[] EDGES = {
        "",
        " ",
        "a b",
        "'\"\\/",
        "\b\t\n\u000B\f\r\u0000\u001F\u007F\u0080\u00FF\u0100\u0FFF\u1000\uFFFF",
        "\uD800",
        "\uDC00",
        "\uDBFF\uDFFF",
        "\uD83D\uDE00",
        "\uDE00\uD83D",
        "a\uD83Db",
        "a\uDE00b",
        "\uD83D\uD83D\uDE00",
        "\uD83D\uDE00\uDE00",
        "\uD83D",
        "x\uD83D",
        "\uD83D x",
        "\uD800\uDC00\uD800",
        "{\"some\": \"value\"}",
        "some raw data",
        "{}",
        "~!@#$%^&*()_+-=`[]{}|;:,.<>?",
        "caf\u00E9 \u20AC \u00E9\u0301",
        "%41+%2B",
    };

    private static final String[] ALPHABET = {
        "a", "Z", "0", " ", "'", "\"", "\\", "/", "\n", "\r", "\t", "\b", "\f", "\u0000", "\u0001",
        "\u001F", "\u007F", "\u0080", "\u00E9", "\u00FF", "\u0100", "\u07FF", "\u0800", "\u20AC",
        "\uFFFD", "\uFFFF", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uD83D\uDE00", "\uDBFF\uDFFF",
        "%", "+", "*", "-", "_", ".", "~", "=", "&",
    };

    private static String randomString(Random r, int maxLen) {
        int n = r.nextInt(maxLen + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(10);
            if (k < 7) {
                sb.append(ALPHABET[r.nextInt(ALPHABET.length)]);
            } else if (k < 9) {
                sb.append((char) r.nextInt(0x10000));
            } else {
                sb.appendCodePoint(0x10000 + r.nextInt(0x100000));
            }
        }
        return sb.toString();
    }

    /** Random bytes biased towards UTF-8 lead/continuation bytes and edge values. */
    private static byte[] randomBytes(Random r, int maxLen) {
        int[] special = {
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
            0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFE, 0xFF,
        };
        int n = r.nextInt(maxLen + 1);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(4);
            if (k == 0) {
                b[i] = (byte) r.nextInt(256);
            } else if (k == 1) {
                b[i] = (byte) special[r.nextInt(special.length)];
            } else {
                b[i] = (byte) (0x80 + r.nextInt(0x40));
            }
        }
        return b;
    }

    static List<Map<String, Object>> generate() {
        Random r = new Random(20240611L);
        List<String> bmp = bmpChunks();
        List<String> astral = astral();

        for (String fn : new String[] {"escapeJavaScript", "urlEncode", "base64Encode"}) {
            for (String s : bmp) {
                add(fn, s);
            }
            for (String s : astral) {
                add(fn, s);
            }
            for (String s : EDGES) {
                add(fn, s);
            }
            for (int i = 0; i < 400; i++) {
                add(fn, randomString(r, 12));
            }
            // invalid UTF-8 input bytes, as Java would read them
            for (int i = 0; i < 150; i++) {
                addHex(fn, randomBytes(r, 8));
            }
        }

        // utf8Decode: how new String(bytes, UTF_8) replaces malformed input
        for (int b1 = 0x80; b1 <= 0xFF; b1++) {
            addHex("utf8Decode", new byte[] {(byte) b1});
            addHex("utf8Decode", new byte[] {(byte) b1, 0x41});
            for (int b2 : new int[] {0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0}) {
                addHex("utf8Decode", new byte[] {(byte) b1, (byte) b2});
                addHex("utf8Decode", new byte[] {(byte) b1, (byte) b2, 0x41});
                for (int b3 : new int[] {0x80, 0xBF, 0x41}) {
                    addHex("utf8Decode", new byte[] {(byte) b1, (byte) b2, (byte) b3});
                    addHex("utf8Decode", new byte[] {(byte) b1, (byte) b2, (byte) b3, (byte) 0x80});
                    addHex("utf8Decode", new byte[] {(byte) b1, (byte) b2, (byte) b3, 0x41});
                }
            }
        }
        for (int i = 0; i < 3000; i++) {
            addHex("utf8Decode", randomBytes(r, 12));
        }

        // base64Decode
        for (int i = 0; i < 1500; i++) {
            add("base64Decode", Base64.getEncoder().encodeToString(randomBytes(r, 24)));
        }
        for (int i = 0; i < 300; i++) {
            add("base64Decode", Base64.getEncoder().encodeToString(
                    randomString(r, 12).getBytes(StandardCharsets.UTF_8)));
        }
        String[] b64alpha = {"A", "Q", "g", "/", "+", "=", "-", "_", " ", "\n", "\u00E9", "\u0100", "*",
            "\uD83D\uDE00", "\uD800"};
        for (String a : b64alpha) {
            add("base64Decode", a);
            for (String b : b64alpha) {
                add("base64Decode", a + b);
                for (String c : b64alpha) {
                    add("base64Decode", "QQ" + a + b + c);
                    add("base64Decode", "QUJD" + a + b + c);
                }
            }
        }
        for (int c = 0; c < 0x200; c++) {
            add("base64Decode", "QUJD" + (char) c + "RA==");
            add("base64Decode", "QUJDRA" + (char) c + "=");
        }
        for (int i = 0; i < 600; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(14);
            for (int j = 0; j < n; j++) {
                sb.append(r.nextInt(5) == 0
                        ? b64alpha[r.nextInt(b64alpha.length)]
                        : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".charAt(r.nextInt(65)));
            }
            add("base64Decode", sb.toString());
        }

        // urlDecode
        String[] hexish = {
            "0", "9", "a", "f", "A", "F", "g", "G", "z", "+", "-", " ", "%", "\u00E9", "\u0663",
            "\uFF21", "\uFF46", "\uFF10", "\uFF47", "\u0000", "\uD800", "\u0966",
        };
        for (String a : hexish) {
            for (String b : hexish) {
                add("urlDecode", "%" + a + b);
                add("urlDecode", "x%41%" + a + b + "y");
            }
        }
        for (int b = 0; b < 256; b++) {
            add("urlDecode", String.format("%%%02X", b));
            add("urlDecode", String.format("a%%%02xb", b));
        }
        for (int b1 = 0xC0; b1 <= 0xFF; b1++) {
            for (int b2 : new int[] {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF}) {
                add("urlDecode", String.format("%%%02X%%%02X", b1, b2));
            }
        }
        // every BMP char Character.digit accepts in radix 16, and its neighbours
        for (int c = 0; c < 0x10000; c++) {
            if (Character.digit((char) c, 16) >= 0
                    || (c > 0 && Character.digit((char) (c - 1), 16) >= 0)
                    || (c < 0xFFFF && Character.digit((char) (c + 1), 16) >= 0)) {
                add("urlDecode", "%3" + (char) c);
                add("urlDecode", "%" + (char) c + "1");
            }
        }
        for (int i = 0; i < 500; i++) {
            add("urlDecode", "%4" + (char) r.nextInt(0x10000));
        }
        String[] urlTokens = {
            "%", "+", "a", " ", "%2", "%41", "%e2", "%82", "%AC", "%ED%A0%80", "%F0%9F%98%80",
            "%C3", "%A9", "%-1", "%+1", "%-0", "%zz", "\u00E9", "\uD800", "\uD83D\uDE00", "%%",
            "%FF", "%80", "=", "&",
        };
        for (int i = 0; i < 1500; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(8);
            for (int j = 0; j < n; j++) {
                sb.append(urlTokens[r.nextInt(urlTokens.length)]);
            }
            add("urlDecode", sb.toString());
        }
        for (int i = 0; i < 1500; i++) {
            byte[] b = randomBytes(r, 10);
            StringBuilder sb = new StringBuilder();
            for (byte x : b) {
                sb.append(String.format(r.nextBoolean() ? "%%%02X" : "%%%02x", x & 0xff));
            }
            add("urlDecode", sb.toString());
        }
        for (String s : EDGES) {
            add("urlDecode", s);
        }
        for (int i = 0; i < 150; i++) {
            addHex("urlDecode", randomBytes(r, 8));
        }
        return cases;
    }
}
