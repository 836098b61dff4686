package io.orchestrator.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactFilesTest {

    @TempDir
    Path data;

    @Test
    void contentIsStoredUnderItsSha256AndTheSameContentSharesOneFile() throws Exception {
        ArtifactFiles files = new ArtifactFiles(data);
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);

        ArtifactFiles.Stored first = files.store(new ByteArrayInputStream(hello), 100);
        ArtifactFiles.Stored second = files.store(new ByteArrayInputStream(hello), 100);

        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", first.sha256());
        assertEquals(5, first.size());
        assertEquals(first, second);
        Path file = files.path(first.sha256());
        assertEquals(data.resolve("artifacts/2c/f2").resolve(first.sha256()), file);
        assertEquals("hello", Files.readString(file));
        try (Stream<Path> incoming = Files.list(data.resolve("artifacts/incoming"))) {
            assertEquals(0, incoming.count(), "no temporary file left");
        }
    }

    @Test
    void contentPastTheLimitLeavesNothingBehind() throws Exception {
        ArtifactFiles files = new ArtifactFiles(data);
        assertThrows(ArtifactFiles.TooLarge.class, () -> files.store(new ByteArrayInputStream(new byte[101]), 100));
        try (Stream<Path> all = Files.walk(data.resolve("artifacts"))) {
            assertTrue(all.allMatch(Files::isDirectory), "only folders");
        }
    }

    @Test
    void aNameThatIsNotASha256IsRefused() throws Exception {
        ArtifactFiles files = new ArtifactFiles(data);
        assertThrows(IllegalArgumentException.class, () -> files.path("../../etc/passwd"));
        ArtifactFiles.Stored stored = files.store(new ByteArrayInputStream(new byte[] {1}), 10);
        files.delete(stored.sha256());
        assertFalse(Files.exists(files.path(stored.sha256())));
    }

    @Test
    void aClientsFileNameKeepsOnlyItsLastSegment() {
        assertEquals("a.txt", ArtifactDescription.baseName("C:\\fakepath\\a.txt"));
        assertEquals("a.txt", ArtifactDescription.baseName("../../a.txt"));
        assertEquals("file", ArtifactDescription.baseName(".."));
        assertEquals("file", ArtifactDescription.baseName(null));
        assertEquals("ab.txt", ArtifactDescription.baseName("a\"b.txt"));
        assertEquals(255, ArtifactDescription.baseName("x".repeat(400)).length());
    }
}
