package vtlutil;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Records what Jayway JsonPath (the library API Gateway's $input.json / $input.path use; 2.0.0
 * on Debian 12) returns for every (document, path) pair of a cases file, as goldens for
 * {@code vtleval/apigw/jsonpath_test.go}.
 *
 * <pre>
 * java -cp CLASSES:json-path.jar:json-smart.jar:accessors-smart.jar:asm.jar:slf4j-api.jar:slf4j-nop.jar \
 *     vtlutil.JsonPathGolden &lt; jsonpath.cases.json &gt; jsonpath.golden.jsonl
 * </pre>
 *
 * <p>Input: {@code {"docs": [JSON text, ...], "paths": [path, ...]}}. Output, one line per pair:
 * {@code {"doc": INDEX, "path": P, "definite": BOOL, "result": JSON}} or {@code {"doc": INDEX,
 * "path": P, "error": "ExceptionClass: message"}}, where RESULT is the value read, written as
 * compact JSON (ASCII, key order kept). Jayway is called through reflection so this file
 * compiles without it on the class path; documents are parsed with Jayway's default provider
 * (json-smart), as {@code JsonPath.parse(String)} does.
 */
public final class JsonPathGolden {
    private JsonPathGolden() {}

    public static void main(String[] args) throws Exception {
        String text;
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            text = in.lines().collect(Collectors.joining("\n"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> cases = (Map<String, Object>) Jsonl.parse(text);
        @SuppressWarnings("unchecked")
        List<Object> docs = (List<Object>) cases.get("docs");
        @SuppressWarnings("unchecked")
        List<Object> paths = (List<Object>) cases.get("paths");

        Class<?> jsonPath = Class.forName("com.jayway.jsonpath.JsonPath");
        Class<?> predicate = Class.forName("com.jayway.jsonpath.Predicate");
        Object noFilters = Array.newInstance(predicate, 0);
        Method parse = jsonPath.getMethod("parse", String.class);
        Method compile = jsonPath.getMethod("compile", String.class, noFilters.getClass());
        Method isDefinite = jsonPath.getMethod("isDefinite");

        PrintWriter out =
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        for (int d = 0; d < docs.size(); d++) {
            for (Object p : paths) {
                String path = (String) p;
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("doc", Long.valueOf(d));
                r.put("path", path);
                try {
                    // a fresh parse per read: a read never changes the document, but be safe
                    Object ctx = parse.invoke(null, (String) docs.get(d));
                    Method read = ctx.getClass().getMethod("read", String.class, noFilters.getClass());
                    Object v = read.invoke(ctx, path, noFilters);
                    r.put("definite", isDefinite.invoke(compile.invoke(null, path, noFilters)));
                    r.put("result", Jsonl.write(v));
                } catch (InvocationTargetException e) {
                    Throwable c = e.getCause();
                    r.put("error", c.getClass().getSimpleName() + ": " + c.getMessage());
                }
                out.println(Jsonl.write(r));
            }
        }
        out.flush();
    }
}
