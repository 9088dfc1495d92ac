package apigw17;

import org.apache.velocity.app.event.InvalidReferenceEventHandler;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.context.Context;
import org.apache.velocity.util.introspection.Info;

/**
 * API Gateway's null handling: every reference whose evaluation ends in null is "" (an invalid
 * get or method gives "", and a null value inserted into the output renders as "").
 */
public final class Handlers implements InvalidReferenceEventHandler, ReferenceInsertionEventHandler {
    @Override
    public Object invalidGetMethod(Context context, String reference, Object object, String property, Info info) {
        return "";
    }

    @Override
    public boolean invalidSetMethod(Context context, String leftreference, String rightreference, Info info) {
        return false;
    }

    @Override
    public Object invalidMethod(Context context, String reference, Object object, String method, Info info) {
        return "";
    }

    @Override
    public Object referenceInsert(String reference, Object value) {
        return value == null ? "" : value;
    }
}
