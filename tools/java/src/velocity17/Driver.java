package velocity17;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.apache.velocity.exception.ParseErrorException;
import org.apache.velocity.exception.TemplateInitException;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.node.SimpleNode;
import org.apache.velocity.runtime.resource.loader.StringResourceLoader;
import org.apache.velocity.runtime.resource.util.StringResourceRepository;

/**
 * Renders templates with Apache Velocity 1.7 in its stock configuration, to record the golden
 * tests of vtleval and to answer differential-testing queries.
 *
 * <p>Usage:
 *
 * <pre>
 * Driver golden FILE.txtar...      re-record the .out/.err sections of golden archives in place
 * Driver batch [--timeout-ms N]    JSON Lines: {"id","template","context"} in, {"id","output"|"error"} out
 * Driver render TEMPLATE [CONTEXT.json]   print one rendering (for debugging)
 * Driver props                      print the engine properties
 * </pre>
 *
 * <p>The engine is a {@link RuntimeInstance} initialised with Velocity 1.7's default properties
 * except: logging goes to {@code NullLogChute} (the default writes ./velocity.log), the only
 * resource loader is an in-memory {@link StringResourceLoader} (the default is a file loader
 * rooted at the current directory), private to the engine, so {@code #parse}/{@code #include}
 * fail unless a case supplies resources, and resources are read as UTF-8.
 *
 * <p>A template is parsed with {@link RuntimeInstance#parse(java.io.Reader, String)}, wrapped in
 * a {@link Template} and merged, which is what loading a template through a resource loader and
 * calling {@code merge} does; a parse error is reported as {@link ParseErrorException}, as there.
 */
public final class Driver {
    private Driver() {}

    /** Returns the engine properties; maxLoops is directive.foreach.maxloops (-1: unlimited). */
    static Properties engineProperties(int maxLoops) {
        Properties p = new Properties();
        p.setProperty("runtime.log.logsystem.class", "org.apache.velocity.runtime.log.NullLogChute");
        p.setProperty("resource.loader", "string");
        p.setProperty("string.resource.loader.class", StringResourceLoader.class.getName());
        p.setProperty("string.resource.loader.repository.static", "false");
        p.setProperty("input.encoding", "UTF-8");
        p.setProperty("output.encoding", "UTF-8");
        p.setProperty("directive.foreach.maxloops", Integer.toString(maxLoops));
        return p;
    }

    /** Creates an initialised engine whose string loader holds the given resources. */
    static RuntimeInstance newEngine(int maxLoops, Map<String, String> resources) {
        RuntimeInstance ri = new RuntimeInstance();
        ri.init(engineProperties(maxLoops));
        if (resources != null && !resources.isEmpty()) {
            StringResourceRepository repo = (StringResourceRepository)
                ri.getApplicationAttribute(StringResourceLoader.REPOSITORY_NAME_DEFAULT);
            for (Map.Entry<String, String> e : resources.entrySet()) {
                repo.putStringResource(e.getKey(), e.getValue(), "UTF-8");
            }
        }
        return ri;
    }

    /** Parses and merges one template; every failure is thrown. */
    static String render(RuntimeInstance ri, String name, String src, Map<String, Object> vars)
            throws Exception {
        SimpleNode node;
        try {
            node = ri.parse(new StringReader(src), name);
        } catch (ParseException e) {
            throw new ParseErrorException(e, name);
        }
        Template t = new Template();
        t.setRuntimeServices(ri);
        t.setName(name);
        t.setData(node);
        try {
            t.initDocument();
        } catch (TemplateInitException e) {
            throw new ParseErrorException(e, name);
        }
        VelocityContext ctx = new VelocityContext();
        if (vars != null) {
            for (Map.Entry<String, Object> e : vars.entrySet()) {
                if (e.getValue() != null) {
                    ctx.put(e.getKey(), e.getValue());
                }
            }
        }
        StringWriter w = new StringWriter();
        t.merge(ctx, w);
        return w.toString();
    }

    /** "SimpleClassName: message" for an exception. */
    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The context object of a case: a JSON object, or empty for null/blank. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> contextOf(Object v) throws Json.JsonException {
        if (v == null) {
            return new LinkedHashMap<>();
        }
        if (!(v instanceof Map)) {
            throw new Json.JsonException("the context must be a JSON object");
        }
        return (Map<String, Object>) v;
    }

    /** Reports whether a template might define a macro (directly or through #evaluate). */
    static boolean mayDefineMacro(String template, Object context) {
        if (template.contains("macro")) {
            return true;
        }
        if (template.contains("\\u") && template.contains("evaluate")) {
            return true;
        }
        return mentionsMacro(context);
    }

    private static boolean mentionsMacro(Object v) {
        if (v instanceof String) {
            return ((String) v).contains("macro");
        }
        if (v instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (mentionsMacro(e.getKey()) || mentionsMacro(e.getValue())) {
                    return true;
                }
            }
        }
        if (v instanceof List) {
            for (Object o : (List<?>) v) {
                if (mentionsMacro(o)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        if (args.length == 0) {
            usage(err);
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int rc;
        switch (args[0]) {
            case "golden":
                rc = Golden.run(rest, out, err);
                break;
            case "batch":
                rc = batch(rest, out, err);
                break;
            case "render":
                rc = renderCmd(rest, out, err);
                break;
            case "props":
                engineProperties(-1).forEach((k, v) -> out.println(k + " = " + v));
                rc = 0;
                break;
            default:
                usage(err);
                rc = 2;
        }
        out.flush();
        System.exit(rc);
    }

    private static void usage(PrintStream err) {
        err.println("usage: Driver golden FILE.txtar...");
        err.println("       Driver batch [--timeout-ms N] < cases.jsonl > results.jsonl");
        err.println("       Driver render TEMPLATE.vm [CONTEXT.json]");
        err.println("       Driver props");
    }

    private static int renderCmd(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length < 1 || args.length > 2) {
            usage(err);
            return 2;
        }
        String src = Files.readString(Paths.get(args[0]), StandardCharsets.UTF_8);
        try {
            Map<String, Object> vars = args.length == 2
                ? contextOf(Json.parse(Files.readString(Paths.get(args[1]), StandardCharsets.UTF_8)))
                : null;
            String name = Paths.get(args[0]).getFileName().toString();
            out.print(render(newEngine(-1, null), name, src, vars));
            return 0;
        } catch (Throwable e) {
            out.flush();
            err.println("velocity17: " + describe(e));
            return 1;
        }
    }

    /**
     * Batch mode. Each input line is a JSON object with "id" (any JSON, echoed as written),
     * "template" (string), and optionally "context" (object), "resources" (object of strings,
     * for #parse/#include) and "maxLoops" (integer, directive.foreach.maxloops). Each output line
     * is {"id":..,"output":".."} or {"id":..,"error":"Class: message"}, flushed at once.
     * Cases share one engine, except that a case that may define a macro (macros are global to
     * an engine in 1.7), supplies resources or sets maxLoops gets a fresh one. A case running
     * longer than the timeout (default 10 s) is stopped and reported as an error.
     */
    private static int batch(String[] args, PrintStream out, PrintStream err) throws Exception {
        long timeoutMs = 10000;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--timeout-ms") && i + 1 < args.length) {
                timeoutMs = Long.parseLong(args[++i]);
            } else {
                usage(err);
                return 2;
            }
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        ExecutorService exec = Executors.newSingleThreadExecutor(Driver::daemon);
        RuntimeInstance shared = null;
        int n = 0;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            n++;
            String id = "null";
            StringBuilder sb = new StringBuilder();
            try {
                Map<String, Json.Raw> c = Json.parseObjectRaw(line);
                if (c.containsKey("id")) {
                    id = c.get("id").text;
                }
                Json.Raw tr = c.get("template");
                if (tr == null || !(tr.value instanceof String)) {
                    throw new Json.JsonException("\"template\" must be a string");
                }
                String template = (String) tr.value;
                Map<String, Object> vars = contextOf(c.containsKey("context") ? c.get("context").value : null);
                Map<String, String> resources = resourcesOf(c.get("resources"));
                int maxLoops = -1;
                Json.Raw ml = c.get("maxLoops");
                if (ml != null && ml.value != null) {
                    if (!(ml.value instanceof Integer)) {
                        throw new Json.JsonException("\"maxLoops\" must be an integer");
                    }
                    maxLoops = (Integer) ml.value;
                }
                boolean fresh = !resources.isEmpty() || maxLoops != -1 || mayDefineMacro(template, vars);
                RuntimeInstance ri;
                if (fresh) {
                    ri = newEngine(maxLoops, resources);
                } else {
                    if (shared == null) {
                        shared = newEngine(-1, null);
                    }
                    ri = shared;
                }
                final RuntimeInstance engine = ri;
                final String name = "case-" + n;
                Future<String> f = exec.submit(() -> render(engine, name, template, vars));
                String result;
                try {
                    result = f.get(timeoutMs, TimeUnit.MILLISECONDS);
                    sb.append("{\"id\":").append(id).append(",\"output\":");
                    Json.quote(sb, result);
                    sb.append('}');
                } catch (TimeoutException e) {
                    exec = killWorker(exec);
                    shared = null;
                    sb.append("{\"id\":").append(id).append(",\"error\":");
                    Json.quote(sb, "Timeout: rendering took longer than " + timeoutMs + " ms");
                    sb.append('}');
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Error && !(cause instanceof StackOverflowError)) {
                        shared = null; // OutOfMemoryError and the like: do not trust the engine
                    }
                    sb.append("{\"id\":").append(id).append(",\"error\":");
                    Json.quote(sb, describe(cause));
                    sb.append('}');
                }
            } catch (Json.JsonException e) {
                sb.setLength(0);
                sb.append("{\"id\":").append(id).append(",\"error\":");
                Json.quote(sb, "BadInput: line " + n + ": " + e.getMessage());
                sb.append('}');
            }
            out.print(sb);
            out.print('\n');
            out.flush();
        }
        exec.shutdownNow();
        return 0;
    }

    private static Thread daemon(Runnable r) {
        // Velocity recurses deeply on nested templates; give the worker a large stack.
        Thread t = new Thread(null, r, "render", 512L << 20);
        t.setDaemon(true);
        return t;
    }

    @SuppressWarnings("deprecation")
    private static ExecutorService killWorker(ExecutorService exec) {
        exec.shutdownNow();
        try {
            if (!exec.awaitTermination(500, TimeUnit.MILLISECONDS)) {
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    if (t.getName().equals("render")) {
                        t.stop(); // still allowed on Java 17; the only way to end a runaway render
                    }
                }
            }
        } catch (InterruptedException | UnsupportedOperationException e) {
            // fall through: the runaway thread is a daemon and dies with the process
        }
        return Executors.newSingleThreadExecutor(Driver::daemon);
    }

    static Map<String, String> resourcesOf(Json.Raw r) throws Json.JsonException {
        Map<String, String> res = new LinkedHashMap<>();
        if (r == null || r.value == null) {
            return res;
        }
        if (!(r.value instanceof Map)) {
            throw new Json.JsonException("\"resources\" must be an object of strings");
        }
        for (Map.Entry<?, ?> e : ((Map<?, ?>) r.value).entrySet()) {
            if (!(e.getValue() instanceof String)) {
                throw new Json.JsonException("\"resources\" must be an object of strings");
            }
            res.put((String) e.getKey(), (String) e.getValue());
        }
        return res;
    }

    /** Golden mode: re-records .out/.err sections of txtar archives. */
    static final class Golden {
        private Golden() {}

        /** A case found in an archive: its template, context and resources sections. */
        private static final class Case {
            final String name;
            Txtar.Section vm;
            Txtar.Section json;
            final List<Txtar.Section> resources = new ArrayList<>();

            Case(String name) {
                this.name = name;
            }
        }

        static int run(String[] files, PrintStream out, PrintStream err) {
            if (files.length == 0) {
                err.println("velocity17 golden: no files given");
                return 2;
            }
            int failed = 0;
            int cases = 0;
            int changedFiles = 0;
            for (String f : files) {
                try {
                    int[] r = recordFile(Paths.get(f), err);
                    cases += r[0];
                    changedFiles += r[1];
                    failed += r[2];
                } catch (IOException e) {
                    err.println(f + ": " + e.getMessage());
                    failed++;
                }
            }
            out.println("velocity17 golden: " + cases + " cases in " + files.length + " files, "
                + changedFiles + " files rewritten, " + failed + " problems");
            return failed == 0 ? 0 : 1;
        }

        private static String str(byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }

        /** Section content: the data less exactly one trailing newline. */
        private static String content(Txtar.Section s) {
            String d = str(s.data);
            return d.endsWith("\n") ? d.substring(0, d.length() - 1) : d;
        }

        private static byte[] stored(String content) {
            return (content + "\n").getBytes(StandardCharsets.UTF_8);
        }

        /** Returns {cases, rewritten (0/1), problems}. */
        static int[] recordFile(Path path, PrintStream err) throws IOException {
            byte[] orig = Files.readAllBytes(path);
            Txtar a = Txtar.parse(orig);
            Map<String, Case> cases = new LinkedHashMap<>();
            int problems = 0;
            for (Txtar.Section s : a.sections) {
                String n = s.name;
                int slash = n.indexOf('/');
                if (slash > 0) {
                    caseOf(cases, n.substring(0, slash)).resources.add(s);
                } else if (n.endsWith(".vm")) {
                    Case c = caseOf(cases, n.substring(0, n.length() - 3));
                    if (c.vm != null) {
                        err.println(path + ": duplicate section " + n);
                        problems++;
                    }
                    c.vm = s;
                } else if (n.endsWith(".json")) {
                    Case c = caseOf(cases, n.substring(0, n.length() - 5));
                    if (c.json != null) {
                        err.println(path + ": duplicate section " + n);
                        problems++;
                    }
                    c.json = s;
                }
            }
            int count = 0;
            for (Case c : cases.values()) {
                if (c.vm == null) {
                    err.println(path + ": case " + c.name + " has no " + c.name + ".vm section");
                    problems++;
                    continue;
                }
                count++;
                String template = content(c.vm);
                String ext;
                String result;
                try {
                    Map<String, Object> vars = contextOf(c.json == null ? null : Json.parse(content(c.json)));
                    Map<String, String> res = new LinkedHashMap<>();
                    for (Txtar.Section r : c.resources) {
                        res.put(r.name.substring(c.name.length() + 1), content(r));
                    }
                    try {
                        result = render(newEngine(-1, res), c.name, template, vars);
                        ext = ".out";
                    } catch (Throwable e) {
                        result = firstLine(describe(e));
                        ext = ".err";
                    }
                } catch (Json.JsonException e) {
                    err.println(path + ": " + c.name + ".json: " + e.getMessage());
                    problems++;
                    continue;
                }
                if (template.indexOf('\r') >= 0 || result.indexOf('\r') >= 0) {
                    err.println(path + ": case " + c.name + ": carriage returns cannot be kept in txtar");
                    problems++;
                }
                if (Txtar.hasMarkerLine(result)) {
                    err.println(path + ": case " + c.name + ": the result holds a txtar marker line");
                    problems++;
                    continue;
                }
                place(a, c, new Txtar.Section(c.name + ext, stored(result)));
            }
            byte[] now = a.format();
            int changed = 0;
            if (!Arrays.equals(now, orig)) {
                Files.write(path, now);
                changed = 1;
            }
            return new int[] {count, changed, problems};
        }

        private static String firstLine(String s) {
            int i = s.indexOf('\n');
            return i < 0 ? s : s.substring(0, i);
        }

        private static Case caseOf(Map<String, Case> cases, String name) {
            return cases.computeIfAbsent(name, Case::new);
        }

        /**
         * Puts the result section of case c in place of its first .out/.err section (keeping that
         * section's bytes if they are unchanged), drops any other ones, or else inserts it after
         * the case's last section.
         */
        private static void place(Txtar a, Case c, Txtar.Section result) {
            String out = c.name + ".out";
            String errName = c.name + ".err";
            int at = -1;
            int last = -1;
            for (int i = 0; i < a.sections.size(); i++) {
                Txtar.Section s = a.sections.get(i);
                if (s.name.equals(out) || s.name.equals(errName)) {
                    if (at < 0) {
                        at = i;
                        if (s.name.equals(result.name) && Arrays.equals(s.data, result.data)) {
                            result = s;
                        }
                        a.sections.set(i, result);
                    } else {
                        a.sections.remove(i);
                        i--;
                    }
                } else if (s == c.vm || s == c.json || c.resources.contains(s)) {
                    last = i;
                }
            }
            if (at < 0) {
                a.sections.add(last + 1, result);
            }
        }
    }
}
