package apigw17;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Jayway JsonPath 2.0.0 and json-smart 2.2, called by reflection so that this package compiles
 * with tools/java/install.sh's class path (velocity, commons-lang, commons-collections); the jars
 * (Debian libjsonpath-java, libjson-smart-java, libasm-java, libslf4j-java) are needed at run time
 * only. tools/java/apigw17 puts them on the class path.
 *
 * <p>Parsing is {@code JsonPath.parse(String)}: Jayway's default configuration, whose provider is
 * {@code JsonSmartJsonProvider} (json-smart {@code MODE_PERMISSIVE}, ordered: objects are
 * {@code LinkedHashMap}, arrays {@code net.minidev.json.JSONArray}). Writing is {@code
 * JSONValue.toJSONString(value, JSONStyle.NO_COMPRESS)}.
 */
final class Jayway {
    private Jayway() {}

    private static Method parse;
    private static Method read;
    private static Class<?> predicate;
    private static Class<?> notFound;
    private static Method toJSONString;
    private static Object noCompress;
    private static Object provider;
    private static Method providerParse;

    private static synchronized void init() {
        if (parse != null) {
            return;
        }
        try {
            Class<?> jsonPath = Class.forName("com.jayway.jsonpath.JsonPath");
            Class<?> readCtx = Class.forName("com.jayway.jsonpath.ReadContext");
            predicate = Class.forName("com.jayway.jsonpath.Predicate");
            notFound = Class.forName("com.jayway.jsonpath.PathNotFoundException");
            Class<?> style = Class.forName("net.minidev.json.JSONStyle");
            Class<?> value = Class.forName("net.minidev.json.JSONValue");
            read = readCtx.getMethod("read", String.class, Array.newInstance(predicate, 0).getClass());
            toJSONString = value.getMethod("toJSONString", Object.class, style);
            noCompress = style.getField("NO_COMPRESS").get(null);
            Class<?> conf = Class.forName("com.jayway.jsonpath.Configuration");
            provider = conf.getMethod("jsonProvider").invoke(conf.getMethod("defaultConfiguration").invoke(null));
            providerParse = Class.forName("com.jayway.jsonpath.spi.json.JsonProvider").getMethod("parse", String.class);
            parse = jsonPath.getMethod("parse", String.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("apigw17 needs Jayway JsonPath and json-smart on the class path"
                + " (Debian: libjsonpath-java libjson-smart-java libasm-java libslf4j-java; run"
                + " tools/java/apigw-install.sh): " + e, e);
        }
    }

    private static Object call(Method m, Object target, Object... args) {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            if (c instanceof Error) {
                throw (Error) c;
            }
            throw new RuntimeException(c);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code JsonPath.parse(json)}: a DocumentContext holding the parsed document. */
    static Object parse(String json) {
        init();
        return call(parse, null, json);
    }

    /**
     * The default configuration's JSON provider (json-smart, permissive) parsing text without
     * Jayway's checks: {@code Configuration.defaultConfiguration().jsonProvider().parse(json)}.
     */
    static Object providerParse(String json) {
        init();
        return call(providerParse, provider, json);
    }

    /** {@code ctx.read(path)}. */
    static Object read(Object ctx, String path) {
        init();
        return call(read, ctx, path, Array.newInstance(predicate, 0));
    }

    /** Whether t is Jayway's PathNotFoundException. */
    static boolean isNotFound(Throwable t) {
        init();
        return notFound.isInstance(t);
    }

    /** {@code JSONValue.toJSONString(v, JSONStyle.NO_COMPRESS)}. */
    static String toJSON(Object v) {
        init();
        return (String) call(toJSONString, null, v, noCompress);
    }
}
