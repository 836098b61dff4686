package io.orchestrator.artifacts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Deletes the files of contents no artifact names, once the deletion of their rows has committed
 * (at once when there was no transaction): a rollback keeps the rows, and so must keep their files.
 * Not transactional itself: it runs after the transaction has completed.
 */
@ApplicationScoped
public class UnnamedContentCleanup {

    private static final Logger LOG = Logger.getLogger(UnnamedContentCleanup.class.getName());

    @Inject
    ArtifactService artifacts;

    void deleteFiles(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContentUnnamed contents) {
        ArtifactFiles files = artifacts.files();
        for (String sha256 : contents.sha256s()) {
            try {
                files.delete(sha256);
            } catch (IOException failed) {
                LOG.warning("Could not delete the artifact file of content " + sha256 + ": " + failed.getMessage());
            }
        }
    }
}
