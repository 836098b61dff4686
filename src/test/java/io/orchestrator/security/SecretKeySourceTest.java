package io.orchestrator.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeySourceTest {

    @TempDir
    Path dataDir;

    @Test
    void theConfiguredKeyWinsAndNoFileIsWritten() {
        String configured = SecretKeySource.generate();
        assertArrayEquals(
                Base64.getDecoder().decode(configured), SecretKeySource.load(Optional.of(configured), dataDir));
        assertFalse(Files.exists(dataDir.resolve(SecretKeySource.FILE_NAME)));
    }

    @Test
    void aConfiguredKeyOfTheWrongSizeOrNotBase64StopsTheStartWithoutShowingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalStateException tooShort =
                assertThrows(IllegalStateException.class, () -> SecretKeySource.load(Optional.of(shortKey), dataDir));
        assertTrue(tooShort.getMessage().contains("ORCHESTRATOR_SECRET_KEY"), tooShort.getMessage());
        assertFalse(tooShort.getMessage().contains(shortKey));
        assertThrows(
                IllegalStateException.class, () -> SecretKeySource.load(Optional.of("not base64 at all"), dataDir));
    }

    @Test
    void withoutAConfiguredKeyAFileIsGeneratedOnceOwnerOnlyAndReusedAfter() throws Exception {
        Path dir = dataDir.resolve("nested/data");
        byte[] first = SecretKeySource.load(Optional.empty(), dir);
        assertEquals(32, first.length);
        Path file = dir.resolve(SecretKeySource.FILE_NAME);
        assertTrue(Files.exists(file));
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        assertArrayEquals(first, SecretKeySource.load(Optional.empty(), dir));
    }

    @Test
    void aDamagedKeyFileStopsTheStart() throws Exception {
        Files.writeString(dataDir.resolve(SecretKeySource.FILE_NAME), "garbage");
        IllegalStateException failure =
                assertThrows(IllegalStateException.class, () -> SecretKeySource.load(Optional.empty(), dataDir));
        assertTrue(failure.getMessage().contains(SecretKeySource.FILE_NAME), failure.getMessage());
    }
}
