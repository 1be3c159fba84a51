package dev.berth.sandbox.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** One initialised handler object, invoked the way the Lambda Java runtime invokes its kind of handler. */
sealed interface HandlerInstance {

    /** Runs one invocation: payload bytes in, response bytes out; the handler's exceptions propagate. */
    byte[] invoke(byte[] payload, Context context) throws IOException;

    /** A {@link RequestStreamHandler}: the raw payload in, whatever it writes out. */
    record Stream(RequestStreamHandler handler) implements HandlerInstance {
        @Override
        public byte[] invoke(byte[] payload, Context context) throws IOException {
            var out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(payload), out, context);
            return out.toByteArray();
        }
    }

    /**
     * A {@link RequestHandler}: input and output converted as the Lambda Java runtime converts
     * them: with the function's {@code CustomPojoSerializer} if it ships one, else the runtime's
     * event serializers for {@code com.amazonaws.services.lambda.runtime.events} types and its
     * shaded Jackson otherwise. So what works here works on Lambda, and what fails here (a record
     * as input, with the default serializer) fails there too.
     *
     * @param output empty when the handler returns {@code void}/{@code Void}: the response is {@code null}
     */
    record Pojo(RequestHandler<Object, Object> handler, Codec input, Optional<Codec> output) implements HandlerInstance {
        private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.UTF_8);

        @Override
        public byte[] invoke(byte[] payload, Context context) {
            Object in;
            try {
                in = payload.length == 0 ? null : input.read(new ByteArrayInputStream(payload));
            } catch (RuntimeException e) {
                throw new RuntimeException("An error occurred during JSON parsing", e); // the runtime's own wording
            }
            Object result = handler.handleRequest(in, context);
            if (output.isEmpty()) {
                return JSON_NULL;
            }
            var out = new ByteArrayOutputStream();
            try {
                output.get().write(result, out);
            } catch (RuntimeException e) {
                throw new RuntimeException("An error occurred during JSON serialization of response", e);
            }
            return out.toByteArray();
        }
    }

    /** Reads and writes one Java type as JSON. */
    interface Codec {
        Object read(InputStream in);

        void write(Object value, OutputStream out);

        static Codec of(PojoSerializer<Object> serializer) {
            return new Codec() {
                public Object read(InputStream in) {
                    return serializer.fromJson(in);
                }

                public void write(Object value, OutputStream out) {
                    serializer.toJson(value, out);
                }
            };
        }

        static Codec of(CustomPojoSerializer serializer, Type type) {
            return new Codec() {
                public Object read(InputStream in) {
                    return serializer.fromJson(in, type);
                }

                public void write(Object value, OutputStream out) {
                    serializer.toJson(value, out, type);
                }
            };
        }
    }

    /**
     * Loads and constructs the function's handler through its {@code Map<String, String>}
     * constructor, so it reads the function's environment instead of the sandbox JVM's.
     */
    static HandlerInstance create(LambdaFunction function, ClassLoader loader, Optional<CustomPojoSerializer> custom)
            throws ReflectiveOperationException {
        Class<?> type = Class.forName(function.handlerClass(), true, loader);
        if (!function.handlerMethod().equals("handleRequest")) {
            throw new NoSuchMethodException(function.handlerClass() + "::" + function.handlerMethod()
                    + ": the sandbox runs RequestHandler and RequestStreamHandler classes, whose method is handleRequest");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor(Map.class);
        } catch (NoSuchMethodException e) {
            throw new NoSuchMethodException(function.handlerClass() + " has no public constructor taking "
                    + "Map<String, String>: the sandbox passes each function its own environment through it");
        }
        Object instance;
        try {
            instance = constructor.newInstance(function.environment());
        } catch (InvocationTargetException e) {
            // Report what the constructor threw, as Lambda reports an init failure, not the reflection wrapper.
            switch (e.getCause()) {
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw e;
            }
        }
        return switch (instance) {
            case RequestStreamHandler stream -> new Stream(stream);
            case RequestHandler<?, ?> pojo -> {
                Type[] io = requestHandlerTypes(type);
                @SuppressWarnings("unchecked")
                var handler = (RequestHandler<Object, Object>) pojo;
                Optional<Codec> output = isVoid(io[1]) ? Optional.empty() : Optional.of(codec(io[1], loader, custom));
                yield new Pojo(handler, codec(io[0], loader, custom), output);
            }
            default -> throw new ClassCastException(function.handlerClass()
                    + " implements neither RequestHandler nor RequestStreamHandler");
        };
    }

    /**
     * The runtime's choice: the function's own {@code CustomPojoSerializer} if present; else Lambda
     * event classes get their dedicated serializers, everything else the runtime's Jackson.
     */
    @SuppressWarnings("unchecked")
    private static Codec codec(Type type, ClassLoader loader, Optional<CustomPojoSerializer> custom) {
        if (custom.isPresent()) {
            return Codec.of(custom.get(), type);
        }
        if (type instanceof Class<?> clazz && LambdaEventSerializers.isLambdaSupportedEvent(clazz.getName())) {
            return Codec.of(LambdaEventSerializers.serializerFor((Class<Object>) clazz, loader));
        }
        return Codec.of(JacksonFactory.getInstance().getSerializer(type));
    }

    private static boolean isVoid(Type type) {
        return type == void.class || type == Void.class;
    }

    /**
     * The function's {@code CustomPojoSerializer}, found as the Lambda runtime finds it: through
     * {@code META-INF/services} on the function's class path, at most one.
     */
    static Optional<CustomPojoSerializer> customSerializer(ClassLoader loader) {
        var providers = ServiceLoader.load(CustomPojoSerializer.class, loader).iterator();
        if (!providers.hasNext()) {
            return Optional.empty();
        }
        CustomPojoSerializer serializer = providers.next();
        if (providers.hasNext()) {
            throw new ServiceConfigurationError(
                    "Too many serializers provided inside the META-INF/services folder, only one is allowed");
        }
        return Optional.of(serializer);
    }

    /** The actual {@code I} and {@code O} of {@code RequestHandler<I, O>} somewhere above {@code type}; Object when erased. */
    private static Type[] requestHandlerTypes(Class<?> type) {
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            Type[] found = search(current, bindings);
            if (found != null) {
                return found;
            }
            if (current.getGenericSuperclass() instanceof ParameterizedType superclass) {
                bind(superclass, bindings);
            }
        }
        return new Type[] {Object.class, Object.class};
    }

    private static Type[] search(Class<?> type, Map<TypeVariable<?>, Type> bindings) {
        for (Type implemented : type.getGenericInterfaces()) {
            Class<?> raw = implemented instanceof ParameterizedType p ? (Class<?>) p.getRawType()
                    : implemented instanceof Class<?> c ? c : null;
            if (raw == null) {
                continue;
            }
            if (raw == RequestHandler.class) {
                if (!(implemented instanceof ParameterizedType p)) {
                    return new Type[] {Object.class, Object.class};
                }
                Type[] arguments = p.getActualTypeArguments();
                return new Type[] {concrete(arguments[0], bindings), concrete(arguments[1], bindings)};
            }
            if (implemented instanceof ParameterizedType p) {
                bind(p, bindings);
            }
            Type[] inherited = search(raw, bindings);
            if (inherited != null) {
                return inherited;
            }
        }
        return null;
    }

    private static void bind(ParameterizedType type, Map<TypeVariable<?>, Type> bindings) {
        TypeVariable<?>[] variables = ((Class<?>) type.getRawType()).getTypeParameters();
        Type[] arguments = type.getActualTypeArguments();
        for (int i = 0; i < variables.length; i++) {
            bindings.put(variables[i], concrete(arguments[i], bindings));
        }
    }

    private static Type concrete(Type type, Map<TypeVariable<?>, Type> bindings) {
        return type instanceof TypeVariable<?> variable ? bindings.getOrDefault(variable, Object.class) : type;
    }
}
