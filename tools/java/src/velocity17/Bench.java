package velocity17;

import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.lang.StringEscapeUtils;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.node.SimpleNode;

/**
 * Throughput of Apache Velocity 1.7 on one template, the Java half of {@code make
 * bench-compare} (tools/benchcompare); {@code vtlcheck bench} is the Go half and does the same
 * work per render.
 *
 * <pre>
 * java -cp CLASSPATH velocity17.Bench --template T.vm [--context C.json | --request R.json]
 *     [--mode velocity|apigw] [--iterations N] [--rounds R] [--warmup N] [--warmup-time 5s]
 *     [--parse-each | --parse-only] [--output FILE]
 * </pre>
 *
 * <p>The template is parsed once (as {@link Driver#render} does: {@code RuntimeInstance.parse},
 * then {@code Template.initDocument}), warmed up (at least {@code --warmup} renders and {@code
 * --warmup-time}, default 5 s, then until three 0.25 s slices agree within 8 %, so that the JIT
 * has compiled the hot paths), then rendered N times per round for R rounds (without {@code
 * --iterations}, N makes a round about 0.3 s).
 * Each round prints its figures (with the process's CPU time per render, read from
 * /proc/self/stat: {@code cpu-ns/render: MEDIAN}); the last line is {@code ns/render: MEDIAN}
 * (wall time). {@code
 * --parse-each} parses and renders in every iteration, {@code --parse-only} only parses
 * (figures then read ns/parse). {@code --output FILE} writes the output of one render, so the
 * caller can check that both engines produced the same text.
 *
 * <p>Velocity mode: the context JSON's top-level keys are the variables (typed as {@link Json}
 * reads them); each render gets a fresh {@link VelocityContext} holding the same values.
 *
 * <p>API Gateway mode: a minimal {@code $input}, {@code $util}, {@code $context}, {@code
 * $stageVariables}, built anew for every render as API Gateway does per request: {@code
 * $input.json}/{@code $input.path} parse the body with Jayway JsonPath 2.0.0 (json-smart 2.2)
 * on first use in each render and serialise with json-smart's {@code JSONStyle.NO_COMPRESS};
 * {@code $util.escapeJavaScript} is commons-lang 2.6. A null reference renders as "" (a
 * reference-insertion event handler) and {@code directive.foreach.maxloops} is 1000. The
 * request JSON is {@code {"body", "path", "querystring", "header", "stageVariables",
 * "context"}}, where {@code context} is the complete {@code $context} (tools/benchcompare
 * writes the one vtlcheck would build), copied into {@link HashMap}s per render. Jayway and
 * json-smart are called through method handles, so this file compiles without them; their jars
 * must be on the class path at run time for apigw mode.
 */
public final class Bench {
    private Bench() {}

    private static final class Opts {
        String template;
        String context;
        String request;
        String mode;
        String output;
        long iterations;
        int rounds = 5;
        long warmup = 0;
        double warmupSeconds = 5;
        boolean parseEach;
        boolean parseOnly;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        Opts o = new Opts();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--parse-each")) {
                    o.parseEach = true;
                    continue;
                }
                if (a.equals("--parse-only")) {
                    o.parseOnly = true;
                    continue;
                }
                if (!Arrays.asList("--template", "--context", "--request", "--mode", "--output",
                        "--iterations", "--rounds", "--warmup", "--warmup-time").contains(a)) {
                    throw new IllegalArgumentException("unknown flag " + a);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("flag needs a value: " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--template": o.template = v; break;
                    case "--context": o.context = v; break;
                    case "--request": o.request = v; break;
                    case "--mode": o.mode = v; break;
                    case "--output": o.output = v; break;
                    case "--iterations": o.iterations = Long.parseLong(v); break;
                    case "--rounds": o.rounds = Integer.parseInt(v); break;
                    case "--warmup": o.warmup = Long.parseLong(v); break;
                    case "--warmup-time": o.warmupSeconds = seconds(v); break;
                    default: throw new IllegalArgumentException("unknown flag " + a);
                }
            }
            if (o.template == null) {
                throw new IllegalArgumentException("--template is required");
            }
            if (o.mode == null) {
                o.mode = o.request != null ? "apigw" : "velocity";
            }
            if (!o.mode.equals("velocity") && !o.mode.equals("apigw")) {
                throw new IllegalArgumentException("--mode must be velocity or apigw");
            }
            if (o.rounds < 1) {
                throw new IllegalArgumentException("--rounds must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            err.println("Bench: " + e.getMessage());
            err.println("usage: Bench --template T.vm [--context C.json | --request R.json]"
                + " [--mode velocity|apigw] [--iterations N] [--rounds R] [--warmup N] [--warmup-time 5s]"
                + " [--parse-each | --parse-only] [--output FILE]");
            System.exit(2);
        }
        try {
            System.exit(run(o, out));
        } catch (Throwable e) {
            err.println("Bench: " + Driver.describe(e));
            System.exit(1);
        }
    }

    /**
     * The CPU time the process has used, all threads (JIT and GC included), in ns, from
     * /proc/self/stat (utime + stime, clock ticks of 10 ms), as {@code vtlcheck bench} reads
     * it; -1 where there is no such file.
     */
    static long processCPU() {
        try {
            String s = Files.readString(Paths.get("/proc/self/stat"), StandardCharsets.UTF_8);
            String[] f = s.substring(s.lastIndexOf(')') + 1).trim().split("\\s+");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (Exception e) {
            return -1;
        }
    }

    /** Reads a duration: "3s", "500ms" or a number of seconds. */
    static double seconds(String v) {
        if (v.endsWith("ms")) {
            return Double.parseDouble(v.substring(0, v.length() - 2)) / 1e3;
        }
        if (v.endsWith("s")) {
            return Double.parseDouble(v.substring(0, v.length() - 1));
        }
        return Double.parseDouble(v);
    }

    /** Does one unit of measured work. */
    private interface Work {
        String run() throws Exception;
    }

    private static int run(Opts o, PrintStream out) throws Exception {
        final String src = Files.readString(Paths.get(o.template), StandardCharsets.UTF_8);
        final String name = Paths.get(o.template).getFileName().toString();
        final boolean apigw = o.mode.equals("apigw");
        final RuntimeInstance ri = engine(apigw);
        final Vars vars;
        if (apigw) {
            Request r = Request.of(o.request == null ? null
                : Files.readString(Paths.get(o.request), StandardCharsets.UTF_8));
            vars = r::vars;
        } else {
            final Map<String, Object> ctx = o.context == null ? new LinkedHashMap<>()
                : Driver.contextOf(Json.parse(Files.readString(Paths.get(o.context), StandardCharsets.UTF_8)));
            vars = () -> ctx;
        }
        final Template parsed = parse(ri, name, src);
        Work work;
        String unit = "render";
        if (o.parseOnly) {
            unit = "parse";
            work = () -> {
                parse(ri, name, src);
                return null;
            };
        } else if (o.parseEach) {
            work = () -> merge(parse(ri, name, src), vars.get());
        } else {
            work = () -> merge(parsed, vars.get());
        }

        String first = merge(parsed, vars.get());
        if (o.output != null) {
            Files.writeString(Paths.get(o.output), first, StandardCharsets.UTF_8);
        }
        out.printf("template: %s (%d bytes), mode %s, Apache Velocity 1.7, %s %s%n", o.template,
            src.getBytes(StandardCharsets.UTF_8).length, o.mode, System.getProperty("java.vm.name"),
            System.getProperty("java.version"));
        out.printf("output: %d bytes%n", first.getBytes(StandardCharsets.UTF_8).length);

        // Warm up: at least --warmup iterations and --warmup-time, then on in
        // 0.25 s slices until three slices in a row agree within 8 % (the JIT
        // has settled; at most 20 s more). The last slice sets N.
        long tw = System.nanoTime();
        long warmNanos = (long) (o.warmupSeconds * 1e9);
        long w = 0;
        while (w < o.warmup || System.nanoTime() - tw < warmNanos) {
            work.run();
            w++;
        }
        double[] last = {Double.MAX_VALUE, Double.MAX_VALUE / 2, Double.MAX_VALUE / 4};
        double per;
        long settle = System.nanoTime();
        for (int slice = 0; ; slice++) {
            long t0 = System.nanoTime();
            long k = 0;
            while (System.nanoTime() - t0 < 250_000_000L || k < 10) {
                work.run();
                k++;
            }
            w += k;
            per = (System.nanoTime() - t0) / (double) k;
            last[slice % 3] = per;
            double lo = Math.min(last[0], Math.min(last[1], last[2]));
            double hi = Math.max(last[0], Math.max(last[1], last[2]));
            if (hi <= 1.08 * lo || System.nanoTime() - settle > 20_000_000_000L) {
                break;
            }
        }
        out.printf("warm-up: %d %ss in %.2f s, last at %.0f ns/%s%n", w, unit, (System.nanoTime() - tw) / 1e9, per, unit);
        long n = o.iterations > 0 ? o.iterations : Math.max(10, (long) (300_000_000L / per));

        com.sun.management.ThreadMXBean mx =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        double[] ns = new double[o.rounds];
        double[] cpu = new double[o.rounds];
        boolean cpuOK = true;
        long sink = 0;
        System.gc();
        for (int r = 0; r < o.rounds; r++) {
            long a0 = mx.getThreadAllocatedBytes(tid);
            long c0 = processCPU();
            long t0 = System.nanoTime();
            for (long i = 0; i < n; i++) {
                String s = work.run();
                if (s != null) {
                    sink += s.length();
                }
            }
            long dt = System.nanoTime() - t0;
            long c1 = processCPU();
            long alloc = mx.getThreadAllocatedBytes(tid) - a0;
            System.gc();
            Runtime rt = Runtime.getRuntime();
            long heap = rt.totalMemory() - rt.freeMemory();
            ns[r] = dt / (double) n;
            String cpuText = "";
            if (c0 >= 0 && c1 >= 0) {
                cpu[r] = (c1 - c0) / (double) n;
                cpuText = String.format(" (CPU %.0f ns)", cpu[r]);
            } else {
                cpuOK = false;
            }
            out.printf("round %d: %d %ss in %.3f s: %.0f ns/%s%s, %.0f %ss/s, %d B/%s allocated, heap after GC %d KB%n",
                r + 1, n, unit, dt / 1e9, ns[r], unit, cpuText, 1e9 / ns[r], unit, alloc / n, unit, heap / 1024);
        }
        if (sink == 42) {
            out.print(""); // keeps the outputs alive
        }
        if (cpuOK) {
            out.printf("cpu-ns/%s: %.0f%n", unit, median(cpu));
        }
        out.printf("ns/%s: %.0f%n", unit, median(ns));
        return 0;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 0 ? (s[n / 2 - 1] + s[n / 2]) / 2 : s[n / 2];
    }

    /** Returns the variables of one render: a fresh set when the mode builds them per render. */
    private interface Vars {
        Map<String, Object> get();
    }

    static RuntimeInstance engine(boolean apigw) {
        Properties p = Driver.engineProperties(apigw ? 1000 : -1);
        if (apigw) {
            p.setProperty("eventhandler.referenceinsertion.class", NullAsEmpty.class.getName());
        }
        RuntimeInstance ri = new RuntimeInstance();
        ri.init(p);
        return ri;
    }

    static Template parse(RuntimeInstance ri, String name, String src) throws Exception {
        SimpleNode node = ri.parse(new StringReader(src), name);
        Template t = new Template();
        t.setRuntimeServices(ri);
        t.setName(name);
        t.setData(node);
        t.initDocument();
        return t;
    }

    static String merge(Template t, Map<String, Object> vars) {
        VelocityContext ctx = new VelocityContext();
        for (Map.Entry<String, Object> e : vars.entrySet()) {
            if (e.getValue() != null) {
                ctx.put(e.getKey(), e.getValue());
            }
        }
        StringWriter w = new StringWriter();
        t.merge(ctx, w);
        return w.toString();
    }

    /** Renders a null reference as "" (API Gateway's null handling, for the output). */
    public static final class NullAsEmpty implements ReferenceInsertionEventHandler {
        @Override
        public Object referenceInsert(String reference, Object value) {
            return value == null ? "" : value;
        }
    }

    /** The method request of apigw mode, decoded once; {@link #vars} builds one render's variables. */
    static final class Request {
        String body = "";
        List<String[]> path = new ArrayList<>();
        List<String[]> query = new ArrayList<>();
        List<String[]> header = new ArrayList<>();
        List<String[]> stage = new ArrayList<>();
        Map<String, Object> context = new LinkedHashMap<>();

        @SuppressWarnings("unchecked")
        static Request of(String json) throws Json.JsonException {
            Request r = new Request();
            if (json == null || json.trim().isEmpty()) {
                return r;
            }
            Object v = Json.parse(json);
            if (!(v instanceof Map)) {
                throw new Json.JsonException("the request must be a JSON object");
            }
            for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                Object val = e.getValue();
                switch (e.getKey()) {
                    case "body":
                        if (val != null && !(val instanceof String)) {
                            throw new Json.JsonException("request.body must be a string");
                        }
                        r.body = val == null ? "" : (String) val;
                        break;
                    case "path": r.path = pairs(val); break;
                    case "querystring": r.query = pairs(val); break;
                    case "header": r.header = pairs(val); break;
                    case "stageVariables": r.stage = pairs(val); break;
                    case "context":
                        if (val instanceof Map) {
                            r.context = (Map<String, Object>) val;
                        }
                        break;
                    default:
                        break; // method, resourcePath: part of the resolved context already
                }
            }
            return r;
        }

        @SuppressWarnings("unchecked")
        private static List<String[]> pairs(Object v) {
            List<String[]> out = new ArrayList<>();
            if (v instanceof Map) {
                for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                    out.add(new String[] {e.getKey(), String.valueOf(e.getValue())});
                }
            }
            return out;
        }

        private static Map<String, Object> map(List<String[]> ps) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String[] p : ps) {
                m.put(p[0], p[1]);
            }
            return m;
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> hashCopy(Map<String, Object> m) {
            Map<String, Object> c = new HashMap<>();
            for (Map.Entry<String, Object> e : m.entrySet()) {
                Object v = e.getValue();
                c.put(e.getKey(), v instanceof Map ? hashCopy((Map<String, Object>) v) : v);
            }
            return c;
        }

        /** One render's variables: everything built anew, as for a new request. */
        Map<String, Object> vars() {
            Map<String, Object> vars = new HashMap<>();
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("path", map(path));
            params.put("querystring", map(query));
            params.put("header", map(header));
            vars.put("input", new Input(body, params, this));
            vars.put("util", UTIL);
            vars.put("context", hashCopy(context));
            vars.put("stageVariables", map(stage));
            return vars;
        }
    }

    static final Util UTIL = new Util();

    /** Jayway JsonPath and json-smart, bound at first use. */
    static final class Jayway {
        static final MethodHandle PARSE;
        static final MethodHandle READ;
        static final MethodHandle TO_JSON;
        static final Object NO_COMPRESS;
        static final Class<?> NOT_FOUND;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.publicLookup();
                Class<?> jsonPath = Class.forName("com.jayway.jsonpath.JsonPath");
                Class<?> readCtx = Class.forName("com.jayway.jsonpath.ReadContext");
                Class<?> predicate = Class.forName("com.jayway.jsonpath.Predicate");
                Class<?> docCtx = Class.forName("com.jayway.jsonpath.DocumentContext");
                Class<?> predicates = java.lang.reflect.Array.newInstance(predicate, 0).getClass();
                PARSE = l.findStatic(jsonPath, "parse", MethodType.methodType(docCtx, String.class));
                READ = MethodHandles.insertArguments(
                    l.findVirtual(readCtx, "read", MethodType.methodType(Object.class, String.class, predicates)),
                    2, java.lang.reflect.Array.newInstance(predicate, 0));
                Class<?> jsonValue = Class.forName("net.minidev.json.JSONValue");
                Class<?> style = Class.forName("net.minidev.json.JSONStyle");
                TO_JSON = l.findStatic(jsonValue, "toJSONString", MethodType.methodType(String.class, Object.class, style));
                NO_COMPRESS = style.getField("NO_COMPRESS").get(null);
                NOT_FOUND = Class.forName("com.jayway.jsonpath.PathNotFoundException");
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("apigw mode needs Jayway JsonPath and json-smart on the class path"
                    + " (Debian: libjsonpath-java libjson-smart-java libasm-java libslf4j-java): " + e, e);
            }
        }
    }

    /** $input: the body, the method request parameters, JSONPath reads. */
    public static final class Input {
        private final String body;
        private final Map<String, Object> params;
        private final Request req;
        private Object doc;

        Input(String body, Map<String, Object> params, Request req) {
            this.body = body.isEmpty() ? "{}" : body;
            this.params = params;
            this.req = req;
        }

        public String getBody() {
            return body;
        }

        public Map<String, Object> params() {
            return params;
        }

        /** path, then query string, then header; "" when absent. */
        public String params(String name) {
            for (List<String[]> ps : Arrays.asList(req.path, req.query, req.header)) {
                for (int i = ps.size() - 1; i >= 0; i--) {
                    if (ps.get(i)[0].equals(name)) {
                        return ps.get(i)[1];
                    }
                }
            }
            return "";
        }

        private Object read(String path) throws Throwable {
            if (doc == null) {
                doc = Jayway.PARSE.invoke(body);
            }
            try {
                return Jayway.READ.invoke(doc, path);
            } catch (Throwable e) {
                if (Jayway.NOT_FOUND.isInstance(e)) {
                    return NOT_FOUND;
                }
                throw e;
            }
        }

        public Object path(String path) throws Throwable {
            Object v = read(path);
            return v == NOT_FOUND ? null : v;
        }

        public String json(String path) throws Throwable {
            Object v = read(path);
            if (v == NOT_FOUND) {
                return "\"\"";
            }
            return (String) Jayway.TO_JSON.invoke(v, Jayway.NO_COMPRESS);
        }

        @Override
        public String toString() {
            return "";
        }
    }

    private static final Object NOT_FOUND = new Object();

    /** $util. */
    public static final class Util {
        public String escapeJavaScript(String s) {
            return s == null ? null : StringEscapeUtils.escapeJavaScript(s);
        }

        public String urlEncode(String s) {
            return s == null ? null : URLEncoder.encode(s, StandardCharsets.UTF_8);
        }

        public String urlDecode(String s) {
            return s == null ? null : URLDecoder.decode(s, StandardCharsets.UTF_8);
        }

        public String base64Encode(String s) {
            return s == null ? null : Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        }

        public String base64Decode(String s) {
            return s == null ? null : new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
        }

        public Object parseJson(String s) throws Throwable {
            return s == null ? null : Jayway.READ.invoke(Jayway.PARSE.invoke(s), "$");
        }

        @Override
        public String toString() {
            return "";
        }
    }
}
