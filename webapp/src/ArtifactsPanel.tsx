import { useState } from 'react';
import { downloadArtifact, formatBytes, uploadArtifact, type Artifact } from './artifacts';
import { ErrorLine, ListTable } from './ListParts';
import { useFailure } from './useFailure';

interface Props {
  runId: string;
  artifacts: Artifact[];
  total: number;
  loaded: boolean;
  /** A file was uploaded: the list is read again. */
  onUploaded: () => void;
  onFailure: (failed: unknown) => void;
  onUnauthorized: () => void;
}

/** The run's files: name, type, size, a download each, and an upload form. */
export function ArtifactsPanel({ runId, artifacts, total, loaded, onUploaded, onFailure, onUnauthorized }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  // The upload's own line, by its form: a refused file (too large, say) is about what was just chosen.
  const [uploadError, setUploadError] = useState<string | null>(null);
  const uploadFailed = useFailure(onUnauthorized, setUploadError);
  // The file input keeps its file until it is rendered anew.
  const [formKey, setFormKey] = useState(0);

  const upload = async () => {
    if (!file) return;
    setUploading(true);
    setUploadError(null);
    try {
      await uploadArtifact(runId, file);
      setFile(null);
      setFormKey((n) => n + 1);
      onUploaded();
    } catch (failed) {
      uploadFailed(failed);
    } finally {
      setUploading(false);
    }
  };

  return (
    <section className="artifacts" aria-label="Artifacts">
      <h3>Artifacts</h3>
      <ListTable
        headings={['Name', 'Type', 'Size', '']}
        empty={artifacts.length ? null : loaded ? 'No files kept for this run.' : 'Loading…'}
      >
        {artifacts.map((artifact) => (
          <tr key={artifact.id} data-artifact-id={artifact.id}>
            <td title={artifact.file_name}>{artifact.name}</td>
            <td>{artifact.artifact_type}</td>
            <td>{formatBytes(artifact.size)}</td>
            <td className="row-actions">
              <button onClick={() => downloadArtifact(artifact).catch(onFailure)}>Download</button>
            </td>
          </tr>
        ))}
      </ListTable>
      {total > artifacts.length && (
        <p className="empty">
          The latest {artifacts.length} of {total} are listed.
        </p>
      )}
      <form
        key={formKey}
        className="upload"
        aria-label="Upload an artifact"
        onSubmit={(event) => {
          event.preventDefault();
          upload();
        }}
      >
        <input
          type="file"
          aria-label="File to upload"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setUploadError(null);
          }}
        />
        <button type="submit" disabled={!file || uploading}>
          {uploading ? 'Uploading…' : 'Upload'}
        </button>
      </form>
      <ErrorLine error={uploadError} />
    </section>
  );
}
