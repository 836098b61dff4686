package io.orchestrator.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The artifacts' bytes, under {@code <data directory>/artifacts/}: each file is named by the SHA-256
 * of its content ({@code ab/cd/abcd…}), so a name never comes from a client and two artifacts with
 * the same content share one file. Content is streamed to a temporary file while it is hashed and
 * counted, and moved into place once complete: a cut upload leaves nothing behind.
 */
public final class ArtifactFiles {

    /** What was stored: the content's SHA-256 (hex) and size in bytes. */
    public record Stored(String sha256, long size) {}

    /** The content went past the size limit; nothing was kept. */
    public static final class TooLarge extends IOException {
        public TooLarge(long maxBytes) {
            super("the file is larger than the limit of " + maxBytes + " bytes");
        }
    }

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int BUFFER = 64 * 1024;

    private final Path root;

    public ArtifactFiles(Path dataDirectory) {
        this.root = dataDirectory.resolve("artifacts").toAbsolutePath().normalize();
    }

    /** Reads the content to its end, up to {@code maxBytes}. */
    public Stored store(InputStream content, long maxBytes) throws IOException {
        Path incoming = root.resolve("incoming");
        Files.createDirectories(incoming);
        Path temporary = Files.createTempFile(incoming, "upload-", ".part");
        try {
            MessageDigest digest = sha256();
            long size = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), digest)) {
                byte[] buffer = new byte[BUFFER];
                int read;
                while ((read = content.read(buffer)) >= 0) {
                    size += read;
                    if (size > maxBytes) {
                        throw new TooLarge(maxBytes);
                    }
                    out.write(buffer, 0, read);
                }
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            Path target = path(sha256);
            Files.createDirectories(target.getParent());
            // Moved even when the same content is there: a deletion of the last artifact naming it may
            // have removed it since it was looked at.
            moveIntoPlace(temporary, target);
            return new Stored(sha256, size);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Stores content a node made in memory, up to {@code maxBytes}: hashed first, then written once
     * and moved into place, with fewer system calls than a stream needs (they were most of an llm
     * node's answer from the cache).
     */
    public Stored store(byte[] content, long maxBytes) throws IOException {
        if (content.length > maxBytes) {
            throw new TooLarge(maxBytes);
        }
        String sha256 = HexFormat.of().formatHex(sha256().digest(content));
        Path target = path(sha256);
        Files.createDirectories(target.getParent());
        Path temporary = root.resolve("incoming").resolve("made-" + UUID.randomUUID() + ".part");
        Files.createDirectories(temporary.getParent());
        try {
            Files.write(temporary, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            moveIntoPlace(temporary, target);
        } catch (IOException | RuntimeException notStored) {
            Files.deleteIfExists(temporary);
            throw notStored;
        }
        return new Stored(sha256, content.length);
    }

    /** Where the content with this SHA-256 lives (it may not exist). */
    public Path path(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2))
                .resolve(sha256.substring(2, 4))
                .resolve(sha256);
    }

    /** Removes the content; the caller knows no artifact names it any more. */
    public void delete(String sha256) throws IOException {
        Files.deleteIfExists(path(sha256));
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE); // replaces: the same bytes
        } catch (AtomicMoveNotSupportedException otherFileSystem) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java has SHA-256", impossible);
        }
    }
}
