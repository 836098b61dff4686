// Files kept for runs, through the API. Downloads and uploads go through fetch, not a plain link or form:
// neither can send the bearer token, and the API has no other way to sign in.
import { authorization, failureOf } from './api';

/** An artifact as GET artifacts/ and the command node's output describe it. */
export interface Artifact {
  id: string;
  run_id: string;
  node_id: string | null;
  name: string;
  file_name: string;
  mime_type: string;
  size: number;
  artifact_type: string;
  created_at: string;
}

export interface ArtifactsPage {
  artifacts: Artifact[];
  total_count: number;
  has_more: boolean;
}

/** The part of a stored log the console reads: about 5,000 lines of 200 characters. A longer log shows its tail. */
export const LOG_TAIL_BYTES = 1024 * 1024;

/** A size as people read it: 512 B, 1.5 KB, 12 MB (powers of 1,024, as the server's MB limits count). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** The file's bytes; a failed answer is thrown as the API's error. */
export async function fetchArtifact(id: string, init: { range?: string } = {}): Promise<Response> {
  const headers = authorization();
  if (init.range) headers.Range = init.range;
  const response = await fetch(`api/artifacts/${id}/download/`, { headers });
  if (!response.ok) throw failureOf(response, await response.text());
  return response;
}

/** Saves the file as the browser saves a download, under its own name. */
export async function downloadArtifact(artifact: Pick<Artifact, 'id' | 'file_name'>): Promise<void> {
  const blob = await (await fetchArtifact(artifact.id)).blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = artifact.file_name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser reads the blob after this task; freeing it at once would cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The tail of a stored log as text: the last LOG_TAIL_BYTES bytes (one Range request), and whether that is
 * only part of it (then its first line is cut in the middle).
 */
export async function storedLogTail(id: string): Promise<{ text: string; partial: boolean }> {
  const response = await fetchArtifact(id, { range: `bytes=-${LOG_TAIL_BYTES}` });
  const range = /^bytes (\d+)-/.exec(response.headers.get('Content-Range') ?? '');
  return { text: await response.text(), partial: response.status === 206 && range !== null && Number(range[1]) > 0 };
}

/** Uploads a file for a run (multipart, as the server reads it while it arrives); the stored artifact. */
export async function uploadArtifact(runId: string, file: File): Promise<Artifact> {
  const form = new FormData();
  form.append('run_id', runId);
  form.append('file', file, file.name);
  // No Content-Type of ours: the browser writes multipart's with its boundary.
  const response = await fetch('api/artifacts/', { method: 'POST', headers: authorization(), body: form });
  const text = await response.text();
  if (!response.ok) throw failureOf(response, text);
  return JSON.parse(text) as Artifact;
}
