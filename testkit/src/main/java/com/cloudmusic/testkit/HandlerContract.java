package com.cloudmusic.testkit;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;

/** Reads a handler class's {@code RequestHandler<I, O>} type arguments, to check them against the template. */
public final class HandlerContract {

    private HandlerContract() {
    }

    /** The handler class named by a SAM {@code Handler: com.x.Y::handleRequest} value. */
    public static Class<?> handlerClass(String handler) throws ClassNotFoundException {
        return Class.forName(handler.substring(0, handler.indexOf("::")));
    }

    /** [input type, output type] of the RequestHandler the class implements. */
    public static List<Type> eventTypes(Class<?> handlerClass) {
        for (Type type : handlerClass.getGenericInterfaces()) {
            if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == RequestHandler.class) {
                return Arrays.asList(parameterized.getActualTypeArguments());
            }
        }
        throw new AssertionError(handlerClass + " does not implement RequestHandler");
    }
}
