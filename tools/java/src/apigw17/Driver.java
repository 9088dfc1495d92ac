package apigw17;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.node.SimpleNode;
import velocity17.Json;

/**
 * Apache Velocity 1.7 configured like Amazon API Gateway's mapping templates, the Java reference
 * of {@code go run ./tools/difftest -mode apigw}.
 *
 * <pre>
 * tools/java/apigw17 batch [--timeout-ms N] &lt; cases.jsonl &gt; results.jsonl
 * </pre>
 *
 * <p>Input lines are those of {@code vtlcheck render --jsonl} in apigw mode: {@code {"id",
 * "mode": "apigw", "template", "request": {"body", "path", "querystring", "header",
 * "stageVariables", "context"}}}; each gives {@code {"id", "output"}} or {@code {"id", "error":
 * "Class: message"}}.
 *
 * <p>Engine: Velocity 1.7 defaults plus {@code directive.foreach.maxloops = 1000} (the #foreach
 * quota), an {@code InvalidReferenceEventHandler} returning "" for invalid gets and methods and a
 * {@code ReferenceInsertionEventHandler} rendering null as "" ({@link Handlers}), no resource
 * files, no log. Variables: {@link Input $input}, {@link Util $util}, {@code $context} (maps are
 * {@link CtxMap}: {@code HashMap} whose toString is "", filled with the defaults of
 * vtleval/apigw/context.go in the same insertion order), {@code $stageVariables}
 * ({@code LinkedHashMap}).
 */
public final class Driver {
    private Driver() {}

    /** A malformed input line. */
    static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;

        BadInput(String msg) {
            super(msg);
        }
    }

    /** A $context map: a java.util.HashMap whose toString() is "". */
    public static final class CtxMap extends HashMap<String, Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return "";
        }
    }

    static RuntimeInstance engine() throws Exception {
        Properties p = new Properties();
        p.setProperty("runtime.log.logsystem.class", "org.apache.velocity.runtime.log.NullLogChute");
        p.setProperty("directive.foreach.maxloops", "1000");
        p.setProperty("eventhandler.invalidreferences.class", Handlers.class.getName());
        p.setProperty("eventhandler.referenceinsertion.class", Handlers.class.getName());
        p.setProperty("resource.loader", "string");
        p.setProperty("string.resource.loader.class", "org.apache.velocity.runtime.resource.loader.StringResourceLoader");
        p.setProperty("string.resource.loader.repository.static", "false");
        p.setProperty("input.encoding", "UTF-8");
        p.setProperty("output.encoding", "UTF-8");
        RuntimeInstance ri = new RuntimeInstance();
        ri.init(p);
        return ri;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> strings(Object v, String key) throws BadInput {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof Map)) {
            throw new BadInput("request." + key + " must be an object of strings");
        }
        for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
            out.put(e.getKey(), String.valueOf(e.getValue()));
        }
        return out;
    }

    static String header(Map<String, String> h, String name) {
        String v = null;
        for (Map.Entry<String, String> e : h.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                v = e.getValue();
            }
        }
        return v;
    }

    /** $context with vtleval/apigw/context.go's defaults, put in the same order. */
    @SuppressWarnings("unchecked")
    static CtxMap context(Map<String, String> path, Map<String, String> header, Map<String, Object> over) {
        StringBuilder rp = new StringBuilder();
        for (String k : path.keySet()) {
            rp.append("/{").append(k).append('}');
        }
        String resourcePath = rp.length() == 0 ? "/" : rp.toString();
        String actual = resourcePath;
        for (Map.Entry<String, String> e : path.entrySet()) {
            actual = actual.replace("{" + e.getKey() + "+}", e.getValue()).replace("{" + e.getKey() + "}", e.getValue());
        }
        CtxMap c = new CtxMap();
        c.put("resourceId", "abc123");
        c.put("resourcePath", resourcePath);
        c.put("httpMethod", "GET");
        c.put("extendedRequestId", "VtLcHeCkIdA=");
        c.put("requestTime", "25/Nov/2026:12:00:00 +0000");
        c.put("path", "/test" + actual);
        c.put("accountId", "123456789012");
        c.put("protocol", "HTTP/1.1");
        CtxMap ro = new CtxMap();
        ro.put("path", new CtxMap());
        ro.put("header", new CtxMap());
        ro.put("querystring", new CtxMap());
        c.put("requestOverride", ro);
        c.put("stage", "test");
        c.put("domainPrefix", "abcd123456");
        c.put("requestTimeEpoch", 1795608000000L);
        c.put("requestId", "c0ffee00-0000-4000-8000-000000000001");
        CtxMap id = new CtxMap();
        for (String k : new String[] {"cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller",
            "sourceIp", "principalOrgId", "accessKey", "cognitoAuthenticationType",
            "cognitoAuthenticationProvider", "userArn", "userAgent", "user"}) {
            id.put(k, "");
        }
        id.put("sourceIp", "203.0.113.10");
        String ua = header(header, "User-Agent");
        id.put("userAgent", ua != null ? ua : "vtlcheck");
        c.put("identity", id);
        c.put("domainName", "abcd123456.execute-api.us-east-1.amazonaws.com");
        c.put("deploymentId", "dpl001");
        CtxMap rso = new CtxMap();
        rso.put("header", new CtxMap());
        c.put("responseOverride", rso);
        c.put("apiId", "abcd123456");
        if (over != null) {
            merge(c, over);
            if (!over.containsKey("path") && over.containsKey("stage")) {
                c.put("path", "/" + over.get("stage") + actual);
            }
        }
        return c;
    }

    /** Overrides merge into the default maps (nested objects into nested CtxMaps). */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> dst, Map<String, Object> src) {
        for (Map.Entry<String, Object> e : src.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map) {
                Object cur = dst.get(e.getKey());
                Map<String, Object> dm;
                if (cur instanceof Map) {
                    dm = (Map<String, Object>) cur;
                } else {
                    dm = new CtxMap();
                    dst.put(e.getKey(), dm);
                }
                merge(dm, (Map<String, Object>) v);
            } else {
                dst.put(e.getKey(), v);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static String render(RuntimeInstance ri, String template, Object request) throws Exception {
        Map<String, Object> req = request instanceof Map ? (Map<String, Object>) request : new LinkedHashMap<>();
        Object b = req.get("body");
        String body = b == null ? "" : b instanceof String ? (String) b : String.valueOf(b);
        Map<String, String> path = strings(req.get("path"), "path");
        Map<String, String> query = strings(req.get("querystring"), "querystring");
        Map<String, String> header = strings(req.get("header"), "header");
        Map<String, String> stage = strings(req.get("stageVariables"), "stageVariables");
        Object over = req.get("context");

        VelocityContext ctx = new VelocityContext();
        ctx.put("input", new Input(body, path, query, header));
        ctx.put("util", new Util());
        ctx.put("context", context(path, header, over instanceof Map ? (Map<String, Object>) over : null));
        ctx.put("stageVariables", new LinkedHashMap<String, Object>(stage));

        SimpleNode node = ri.parse(new StringReader(template), "template");
        Template t = new Template();
        t.setRuntimeServices(ri);
        t.setData(node);
        t.initDocument();
        StringWriter w = new StringWriter();
        t.merge(ctx, w);
        return w.toString();
    }

    static String describe(Throwable e) {
        String msg = e.getMessage();
        String first = msg == null ? "" : msg.split("\n", 2)[0];
        return e.getClass().getName() + ": " + first;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !args[0].equals("batch")) {
            System.err.println("usage: apigw17 batch [--timeout-ms N] < cases.jsonl > results.jsonl");
            System.exit(2);
        }
        long timeoutMs = 10000;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--timeout-ms") && i + 1 < args.length) {
                timeoutMs = Long.parseLong(args[++i]);
            } else {
                System.err.println("apigw17: unknown argument " + args[i]);
                System.exit(2);
            }
        }
        RuntimeInstance ri = engine();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        ExecutorService pool = Executors.newSingleThreadExecutor(daemon());
        String line;
        while ((line = in.readLine()) != null) {
            if (line.trim().isEmpty()) {
                continue;
            }
            String id = "null";
            StringBuilder sb = new StringBuilder();
            try {
                Map<String, Json.Raw> c = Json.parseObjectRaw(line);
                if (c.containsKey("id")) {
                    id = c.get("id").text;
                }
                Json.Raw tr = c.get("template");
                if (tr == null || !(tr.value instanceof String)) {
                    throw new BadInput("missing \"template\"");
                }
                Json.Raw mode = c.get("mode");
                if (mode != null && !"apigw".equals(mode.value)) {
                    throw new BadInput("mode must be apigw");
                }
                Json.Raw rq = c.get("request");
                final String template = (String) tr.value;
                final Object request = rq == null ? null : rq.value;
                Future<String> f = pool.submit(() -> render(ri, template, request));
                String res;
                try {
                    res = f.get(timeoutMs, TimeUnit.MILLISECONDS);
                } catch (TimeoutException te) {
                    f.cancel(true);
                    pool.shutdownNow();
                    pool = Executors.newSingleThreadExecutor(daemon());
                    throw new Exception("Timeout: longer than " + timeoutMs + " ms");
                } catch (ExecutionException ee) {
                    throw ee.getCause() instanceof Exception ? (Exception) ee.getCause() : new Exception(ee.getCause());
                }
                sb.append("{\"id\":").append(id).append(",\"output\":");
                Json.quote(sb, res);
                sb.append('}');
            } catch (Throwable e) {
                sb.setLength(0);
                sb.append("{\"id\":").append(id).append(",\"error\":");
                Json.quote(sb, e instanceof BadInput || e instanceof Json.JsonException ? "BadInput: " + e.getMessage() : describe(e));
                sb.append('}');
            }
            out.println(sb);
            out.flush();
        }
        System.exit(0);
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(null, r, "render", 64L << 20);
            t.setDaemon(true);
            return t;
        };
    }
}
