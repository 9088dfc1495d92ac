package vtlutil;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Records how java.util.regex matches API Gateway selection patterns (String.matches: the
 * whole value, default flags), as goldens for {@code vtleval/apigw/selection_test.go}.
 *
 * <pre>
 * java vtlutil.RegexGolden &lt; regex.cases.json &gt; regex.golden.jsonl
 * </pre>
 *
 * <p>Input: {@code {"groups": [{"name": N, "patterns": [...], "inputs": [...]}, ...]}}. For
 * every pattern of a group and every input of the same group one line is written:
 * {@code {"group": N, "pattern": P, "input": S, "matches": BOOL}}; a pattern that does not
 * compile gets a single line {@code {"group": N, "pattern": P, "error": DESCRIPTION}}.
 * Strings are written as ASCII JSON, so unpaired surrogates survive.
 */
public final class RegexGolden {
    private RegexGolden() {}

    public static void main(String[] args) throws Exception {
        String text;
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            text = in.lines().collect(Collectors.joining("\n"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) Jsonl.parse(text);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> groups = (List<Map<String, Object>>) root.get("groups");
        PrintWriter out =
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        for (Map<String, Object> g : groups) {
            String name = (String) g.get("name");
            @SuppressWarnings("unchecked")
            List<Object> patterns = (List<Object>) g.get("patterns");
            @SuppressWarnings("unchecked")
            List<Object> inputs = (List<Object>) g.get("inputs");
            for (Object po : patterns) {
                String p = (String) po;
                Pattern compiled;
                try {
                    compiled = Pattern.compile(p);
                } catch (PatternSyntaxException e) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("group", name);
                    r.put("pattern", p);
                    r.put("error", e.getDescription());
                    out.println(Jsonl.write(r));
                    continue;
                }
                for (Object io : inputs) {
                    String s = (String) io;
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("group", name);
                    r.put("pattern", p);
                    r.put("input", s);
                    r.put("matches", compiled.matcher(s).matches());
                    out.println(Jsonl.write(r));
                }
            }
        }
        out.flush();
    }
}
