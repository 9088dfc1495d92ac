package apigw17;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code $input}: the body, JSONPath reads over it ({@code json}, {@code path}) and the method
 * request parameters ({@code params}). The body is parsed once per render, on first use, so
 * objects {@code path} returns are live views of the document.
 */
public final class Input {
    private final String body;
    private final Map<String, Object> params;
    private final Map<String, String> path;
    private final Map<String, String> query;
    private final Map<String, String> header;
    private Object doc;

    Input(String body, Map<String, String> path, Map<String, String> query, Map<String, String> header) {
        // An empty body is "{}" for $input.body, json() and path() ([O] oracle README).
        this.body = body == null || body.isEmpty() ? "{}" : body;
        this.path = path;
        this.query = query;
        this.header = header;
        this.params = new LinkedHashMap<>();
        params.put("path", path);
        params.put("querystring", query);
        params.put("header", header);
    }

    private Object doc() {
        if (doc == null) {
            doc = Jayway.parse(body);
        }
        return doc;
    }

    private static final Object NOT_FOUND = new Object();

    private Object read(String expr) {
        Object ctx = doc();
        try {
            return Jayway.read(ctx, expr);
        } catch (RuntimeException e) {
            if (Jayway.isNotFound(e)) {
                return NOT_FOUND;
            }
            throw e;
        }
    }

    public String getBody() {
        return body;
    }

    /** The JSONPath result as JSON text; no match is {@code ""} (the two characters). */
    public String json(String expr) {
        Object v = read(expr);
        if (v == NOT_FOUND) {
            return "\"\"";
        }
        return Jayway.toJSON(v);
    }

    /** The JSONPath result itself; no match is null. */
    public Object path(String expr) {
        Object v = read(expr);
        return v == NOT_FOUND ? null : v;
    }

    public Map<String, Object> params() {
        return params;
    }

    /** path, then querystring, then header; exact name; "" when absent. */
    public Object params(String name) {
        for (Map<String, String> m : java.util.List.of(path, query, header)) {
            if (m.containsKey(name)) {
                return m.get(name);
            }
        }
        return "";
    }

    @Override
    public String toString() {
        return "";
    }
}
