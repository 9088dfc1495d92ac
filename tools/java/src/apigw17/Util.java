package apigw17;

import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.commons.lang.StringEscapeUtils;

/**
 * {@code $util}: parameters are {@code Object} (converted with {@code String.valueOf}); null in
 * gives null out, which renders as "".
 */
public final class Util {
    public String escapeJavaScript(Object o) {
        return o == null ? null : StringEscapeUtils.escapeJavaScript(String.valueOf(o));
    }

    public String urlEncode(Object o) throws UnsupportedEncodingException {
        return o == null ? null : URLEncoder.encode(String.valueOf(o), "UTF-8");
    }

    public String urlDecode(Object o) throws UnsupportedEncodingException {
        return o == null ? null : URLDecoder.decode(String.valueOf(o), "UTF-8");
    }

    public String base64Encode(Object o) {
        return o == null ? null : Base64.getEncoder().encodeToString(String.valueOf(o).getBytes(StandardCharsets.UTF_8));
    }

    public String base64Decode(Object o) {
        return o == null ? null : new String(Base64.getDecoder().decode(String.valueOf(o)), StandardCharsets.UTF_8);
    }

    /** The same json-smart provider as $input.path. */
    public Object parseJson(Object o) {
        return o == null ? null : Jayway.providerParse(String.valueOf(o));
    }

    @Override
    public String toString() {
        return "";
    }
}
