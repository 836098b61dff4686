package io.orchestrator.artifacts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartFormTest {

    private static final String BOUNDARY = "----form-boundary-42";
    private static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    /** A form body: fields as name=value pairs, then a file part with these bytes. */
    static byte[] body(byte[] file, String fileName, String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < fields.length; i += 2) {
            write(
                    out,
                    "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
                            + fields[i + 1] + "\r\n");
        }
        write(
                out,
                "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: text/csv\r\n\r\n");
        out.writeBytes(file);
        write(out, "\r\n--" + BOUNDARY + "--\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Hands the body over a few bytes at a time, as a slow network would. */
    private static InputStream trickling(byte[] body, int chunk) {
        return new FilterInputStream(new ByteArrayInputStream(body)) {
            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                return super.read(target, offset, Math.min(length, chunk));
            }
        };
    }

    @Test
    void fieldsAndAFileAreReadInOrderWithTheirNamesAndTheFilesBytesExact() throws IOException {
        byte[] file = "a,b\r\n1,2\r\n--not-the-boundary\r\n\r\n--".getBytes(StandardCharsets.UTF_8);
        MultipartForm form = MultipartForm.of(
                new ByteArrayInputStream(body(file, "C:\\fakepath\\data.csv", "run_id", "r-1", "tags", "a, b")), TYPE);

        MultipartForm.Part run = form.next();
        assertEquals("run_id", run.name());
        assertNull(run.fileName());
        assertEquals("r-1", run.text(100));
        MultipartForm.Part tags = form.next();
        assertEquals("a, b", tags.text(100));
        MultipartForm.Part upload = form.next();
        assertEquals("file", upload.name());
        assertEquals("C:\\fakepath\\data.csv", upload.fileName());
        assertEquals("text/csv", upload.contentType());
        assertArrayEquals(file, upload.content().readAllBytes());
        assertNull(form.next());
    }

    @Test
    void aLargeBinaryFileArrivingInSmallPiecesComesOutByteForByte() throws IOException {
        byte[] file = new byte[1_000_000];
        new Random(7).nextBytes(file);
        // The start of a delimiter inside the content, split over reads, must not end it.
        byte[] near = ("\r\n--" + BOUNDARY.substring(0, 10)).getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(near, 0, file, 65_530, near.length);
        for (int chunk : new int[] {1_000, 7, 65_536}) {
            MultipartForm form = MultipartForm.of(trickling(body(file, "x.bin", "run_id", "r"), chunk), TYPE);
            form.next();
            MultipartForm.Part upload = form.next();
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            byte[] buffer = new byte[3_333];
            int read;
            while ((read = upload.content().read(buffer)) >= 0) {
                copy.write(buffer, 0, read);
            }
            assertArrayEquals(file, copy.toByteArray(), "chunks of " + chunk);
            assertNull(form.next());
        }
    }

    @Test
    void anUnreadPartIsSkippedAndAPreambleIgnored() throws IOException {
        byte[] body = ("preamble to ignore\r\n"
                        + new String(body("xyz".getBytes(), "f.txt", "a", "1"), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        MultipartForm form =
                MultipartForm.of(new ByteArrayInputStream(body), "multipart/form-data; boundary=\"" + BOUNDARY + "\"");
        assertEquals("a", form.next().name());
        MultipartForm.Part file = form.next();
        assertEquals("file", file.name());
        assertNull(form.next());
    }

    @Test
    void malformedBodiesAreRefusedWithAReason() {
        assertThrows(
                MultipartForm.Malformed.class,
                () -> MultipartForm.of(InputStream.nullInputStream(), "application/json"));
        assertThrows(
                MultipartForm.Malformed.class,
                () -> MultipartForm.of(InputStream.nullInputStream(), "multipart/form-data"));

        byte[] cut = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno end")
                .getBytes(StandardCharsets.UTF_8);
        MultipartForm.Malformed noEnd = assertThrows(MultipartForm.Malformed.class, () -> {
            MultipartForm form = MultipartForm.of(new ByteArrayInputStream(cut), TYPE);
            form.next().content().readAllBytes();
        });
        assertTrue(noEnd.getMessage().contains("closing boundary"), noEnd.getMessage());

        byte[] nameless = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--" + BOUNDARY + "--")
                .getBytes(StandardCharsets.UTF_8);
        assertThrows(
                MultipartForm.Malformed.class,
                () -> MultipartForm.of(new ByteArrayInputStream(nameless), TYPE).next());

        byte[] notForm = "just some text".getBytes(StandardCharsets.UTF_8);
        assertThrows(
                MultipartForm.Malformed.class,
                () -> MultipartForm.of(new ByteArrayInputStream(notForm), TYPE).next());
    }

    @Test
    void aFormOfMorePartsThanAnyUploadNeedsIsRefused() throws IOException {
        String[] fields = new String[2 * (MultipartForm.MAX_PARTS + 1)];
        for (int i = 0; i < fields.length; i += 2) {
            fields[i] = "f" + i;
            fields[i + 1] = "v";
        }
        MultipartForm form = MultipartForm.of(new ByteArrayInputStream(body(new byte[0], "x", fields)), TYPE);
        for (int i = 0; i < MultipartForm.MAX_PARTS; i++) {
            form.next();
        }
        MultipartForm.Malformed refused = assertThrows(MultipartForm.Malformed.class, form::next);
        assertTrue(refused.getMessage().contains("more than " + MultipartForm.MAX_PARTS + " parts"));
    }

    @Test
    void aFieldLongerThanItsLimitIsRefused() throws IOException {
        MultipartForm form =
                MultipartForm.of(new ByteArrayInputStream(body(new byte[0], "f", "name", "x".repeat(500))), TYPE);
        MultipartForm.Part name = form.next();
        assertThrows(MultipartForm.Malformed.class, () -> name.text(100));
    }
}
