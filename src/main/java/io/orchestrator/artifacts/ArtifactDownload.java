package io.orchestrator.artifacts;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorBody;
import io.orchestrator.platform.ErrorCode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** An artifact's bytes as a download: streamed from its file, whole or one range, named as it was uploaded. */
final class ArtifactDownload {

    private ArtifactDownload() {}

    /** The file, streamed; one byte range of it with {@code Range} (206), 416 for a range past its end. */
    static Response response(Artifact artifact, Path file, String rangeHeader) {
        if (!Files.isRegularFile(file)) {
            throw ApiException.notFound("Artifact file", artifact.id());
        }
        Optional<ByteRange> range;
        try {
            range = ByteRange.of(rangeHeader, artifact.size());
        } catch (ByteRange.Unsatisfiable unsatisfiable) {
            ApiException error = new ApiException(
                    ErrorCode.RANGE_NOT_SATISFIABLE,
                    "The range '" + rangeHeader + "' is outside the file's " + artifact.size() + " bytes.");
            return Response.status(error.code().status())
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorBody.of(error))
                    .header("Content-Range", "bytes */" + artifact.size())
                    .build();
        }
        long first = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(artifact.size());
        StreamingOutput content = out -> {
            // A range starts where the channel is placed, not after reading everything before it.
            try (FileChannel channel = FileChannel.open(file);
                    InputStream in = Channels.newInputStream(channel.position(first))) {
                byte[] buffer = new byte[64 * 1024];
                long left = length;
                while (left > 0) {
                    int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (read < 0) {
                        break;
                    }
                    out.write(buffer, 0, read);
                    left -= read;
                }
            } catch (NoSuchFileException purgedMeanwhile) {
                throw new IOException("the artifact's file was deleted during the download", purgedMeanwhile);
            }
        };
        Response.ResponseBuilder response = Response.status(range.isPresent() ? 206 : 200)
                .entity(content)
                .type(artifact.mimeType())
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.ETAG, "\"" + artifact.sha256() + "\"")
                .header("Content-Disposition", disposition(artifact.fileName()));
        range.ifPresent(served -> response.header(
                "Content-Range", "bytes " + served.first() + "-" + served.last() + "/" + artifact.size()));
        return response.build();
    }

    /** {@code attachment} with an ASCII fallback name and the exact one in UTF-8 (RFC 6266). */
    static String disposition(String fileName) {
        String ascii = fileName.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
