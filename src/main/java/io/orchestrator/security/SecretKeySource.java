package io.orchestrator.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Where the key that seals secrets comes from: {@code ORCHESTRATOR_SECRET_KEY} (base64 of 32
 * bytes), else a key file in the data directory, generated on the first start with owner-only
 * permissions and read on every later one. A key that is set but malformed stops the start: going
 * on with another key would leave every stored secret unreadable.
 */
public final class SecretKeySource {

    public static final String SETTING = "ORCHESTRATOR_SECRET_KEY";
    public static final String FILE_NAME = "secret.key";

    private static final Logger LOG = Logger.getLogger(SecretKeySource.class.getName());

    private SecretKeySource() {}

    public static byte[] load(Optional<String> configured, Path dataDirectory) {
        if (configured.isPresent()) {
            return decode(configured.get(), SETTING);
        }
        Path file = dataDirectory.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII), "The key file " + file);
        } catch (IOException unreadable) {
            throw new IllegalStateException(
                    "Cannot read or create the secret key file " + file + " ("
                            + unreadable.getClass().getSimpleName() + "); make the data directory writable, or set "
                            + SETTING + ".",
                    unreadable);
        }
    }

    /** A new key as {@code ORCHESTRATOR_SECRET_KEY} takes it. */
    public static String generate() {
        byte[] key = new byte[SecretCipher.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static byte[] decode(String text, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException notBase64) {
            key = new byte[0];
        }
        if (key.length != SecretCipher.KEY_BYTES) {
            throw new IllegalStateException(source + " must hold the base64 of " + SecretCipher.KEY_BYTES
                    + " random bytes (for example the output of: openssl rand -base64 32); the server will not"
                    + " start without a valid key, since stored secrets could not be read.");
        }
        return key;
    }

    /** Written under a temporary name and moved, so that two servers starting at once never read half a key. */
    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial =
                file.resolveSibling(FILE_NAME + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(partial);
        if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
            Files.createFile(
                    partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(partial);
            partial.toFile().setReadable(false, false);
            partial.toFile().setReadable(true, true);
            partial.toFile().setWritable(false, false);
            partial.toFile().setWritable(true, true);
        }
        Files.writeString(partial, generate() + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(partial, file);
            LOG.info("Generated the key that seals stored secrets: " + file
                    + " (back it up with the database; a cluster sets the same key in " + SETTING + ")");
        } catch (FileAlreadyExistsException anotherServerWasFirst) {
            Files.deleteIfExists(partial);
        }
    }
}
