package io.orchestrator.security;

import io.orchestrator.platform.OrchestratorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The server's one {@link SecretCipher}, with the key of {@link SecretKeySource}, loaded on first
 * use (at the latest at start-up, when stored secrets are sealed) so that a bad key stops the start.
 */
@ApplicationScoped
public class Secrets {

    @Inject
    OrchestratorConfig config;

    private volatile SecretCipher cipher;

    /** Outside CDI (tests). */
    public static Secrets with(SecretCipher cipher) {
        Secrets secrets = new Secrets();
        secrets.cipher = cipher;
        return secrets;
    }

    /** Reads the key now, so that a missing or malformed one stops the start rather than a later request. */
    public void loadKey() {
        cipher();
    }

    public String seal(String clear) {
        return cipher().seal(clear);
    }

    /** The value sealed, unless it already is a value this key sealed. */
    public String sealIfClear(String value) {
        return cipher().tryOpen(value).isPresent() ? value : cipher().seal(value);
    }

    /**
     * The clear text of a stored value. A value without the sealed format is returned as it is: it
     * was stored before secrets were sealed, and the start-up step seals it.
     *
     * @throws SecretCipher.UnreadableSecret when the value is sealed but does not open with this key
     */
    public String open(String stored) {
        return SecretCipher.looksSealed(stored) ? cipher().open(stored) : stored;
    }

    public Optional<String> tryOpen(String stored) {
        return cipher().tryOpen(stored);
    }

    private SecretCipher cipher() {
        SecretCipher current = cipher;
        if (current == null) {
            synchronized (this) {
                if (cipher == null) {
                    cipher = new SecretCipher(SecretKeySource.load(config.secretKey(), config.dataDirectory()));
                }
                current = cipher;
            }
        }
        return current;
    }
}
