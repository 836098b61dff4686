package io.orchestrator.artifacts;

import io.orchestrator.engine.scheduling.HousekeepingDue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Deletes artifacts past their retention ({@code ORCHESTRATOR_ARTIFACT_RETENTION_DAYS}) when the
 * housekeeping job fires, a thousand a transaction so that a large backlog never makes one long one.
 * An expired artifact answers 404 from its expiry on, purged or not.
 */
@ApplicationScoped
public class ArtifactRetention {

    private static final Logger LOG = Logger.getLogger(ArtifactRetention.class.getName());
    static final int BATCH = 1_000;

    @Inject
    ArtifactService artifacts;

    void purge(@Observes HousekeepingDue due) {
        int purged = 0;
        int batch;
        do {
            batch = artifacts.purgeExpired(due.now(), BATCH);
            purged += batch;
        } while (batch == BATCH);
        if (purged > 0) {
            LOG.info("Purged " + purged + " artifacts past their retention.");
        }
    }
}
