package dev.ripple.api.auth;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says at start-up, and loudly, when {@code ripple.api.auth.enabled=false} lets anyone call anything. */
@Singleton
@Requires(property = "ripple.api.auth.enabled", value = "false")
class CheckingOffWarning {
    private static final Logger LOG = LoggerFactory.getLogger(CheckingOffWarning.class);

    @EventListener
    void onStartup(StartupEvent event) {
        LOG.warn("""

                ********************************************************************************
                  AUTHENTICATION IS OFF (ripple.api.auth.enabled=false): anyone who can reach
                  this API may post plays, append to logs, read customers and change any vote.
                  For a quick demo only. Remove the setting to check tokens again.
                ********************************************************************************""");
    }
}
