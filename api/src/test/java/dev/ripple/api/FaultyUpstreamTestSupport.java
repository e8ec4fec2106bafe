package dev.ripple.api;

import dev.ripple.test.standin.FaultyProxy;
import io.micronaut.core.annotation.NonNull;
import org.junit.jupiter.api.AfterAll;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link ApiTestSupport} with a {@link FaultyProxy} in front of a server the API calls — DynamoDB Local, the issuer's
 * key set — for tests to script: the proxy takes the place of the server in the setting that names its URL.
 */
abstract class FaultyUpstreamTestSupport extends ApiTestSupport {
    /** Between the API and the server. */
    FaultyProxy proxy;

    /** The setting that holds the server's URL; the proxy's address replaces its scheme, host and port. */
    abstract String upstreamUrlProperty();

    @Override
    public @NonNull Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        URI upstream = URI.create(properties.get(upstreamUrlProperty()));
        proxy = FaultyProxy.to(URI.create(upstream.getScheme() + "://" + upstream.getRawAuthority()));
        properties.put(upstreamUrlProperty(), proxy.endpoint() + upstream.getRawPath());
        return properties;
    }

    @AfterAll
    void stopProxy() {
        proxy.close();
    }
}
