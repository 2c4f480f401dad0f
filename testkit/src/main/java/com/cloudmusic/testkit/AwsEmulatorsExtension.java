package com.cloudmusic.testkit;

import com.cloudmusic.emulators.AwsEmulators;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.emulators.Endpoints;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: starts the emulators once per JVM (in-process by default, LocalStack through
 * Testcontainers with {@code -Dcloudmusic.aws=localstack}) and hands each test method a fresh
 * {@link AwsStack} with its own table, queues and bucket, so no test sees another's leftovers.
 */
public final class AwsEmulatorsExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AwsEmulatorsExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == AwsStack.class || type == Endpoints.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Endpoints endpoints = endpoints(context);
        if (parameter.getParameter().getType() == Endpoints.class) {
            return endpoints;
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return new AwsStack(endpoints, "cloudmusic-" + suffix, "cloudmusic-jobs-" + suffix, "cloudmusic-tracks-" + suffix)
                .create();
    }

    private static Endpoints endpoints(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        return store.getOrComputeIfAbsent("emulators", key -> new Running(start()), Running.class).endpoints;
    }

    private static Endpoints start() {
        String mode = System.getProperty("cloudmusic.aws", "");
        if (mode.isBlank() || mode.equals("emulators") || mode.startsWith("${")) {
            return AwsEmulators.startInMemory();
        }
        if (mode.equals("localstack")) {
            return LocalStackEndpoints.start();
        }
        throw new ParameterResolutionException("-Dcloudmusic.aws must be 'emulators' (default) or 'localstack', not '"
                + mode + "'");
    }

    /** Closes the emulators when the root context ends (end of the test JVM's run). */
    private record Running(Endpoints endpoints) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            if (endpoints instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
