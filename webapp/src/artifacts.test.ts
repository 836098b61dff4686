import { describe, expect, it, vi } from 'vitest';
import { downloadArtifact, formatBytes, LOG_TAIL_BYTES, storedLogTail, uploadArtifact } from './artifacts';
import { token } from './api';
import { apiError, json, mockFetch } from './test/fetchMock';

describe('formatBytes', () => {
  it('says a size in the unit that reads best, with one decimal below ten', () => {
    expect([0, 1, 1023, 1024, 1536, 10 * 1024, 5 * 1024 * 1024 - 1, 3 * 1024 ** 3].map(formatBytes)).toEqual([
      '0 B',
      '1 B',
      '1023 B',
      '1.0 KB',
      '1.5 KB',
      '10 KB',
      '5.0 MB',
      '3.0 GB',
    ]);
  });
});

describe('uploadArtifact', () => {
  it('sends the run and the file as a multipart form with the token, and no Content-Type of its own', async () => {
    token.set('wfo_t');
    const server = mockFetch({ 'POST artifacts/': () => json({ id: 'a1', name: 'note.txt' }, 201) });
    const file = new File(['hello'], 'note.txt', { type: 'text/plain' });

    expect(await uploadArtifact('run1', file)).toEqual({ id: 'a1', name: 'note.txt' });

    expect(server.calls[0].authorization).toBe('Bearer wfo_t');
    const sent = vi.mocked(fetch).mock.calls[0][1]!;
    expect(new Headers(sent.headers).has('Content-Type')).toBe(false);
    const form = sent.body as FormData;
    expect(form.get('run_id')).toBe('run1');
    expect((form.get('file') as File).name).toBe('note.txt');
  });

  it("throws the server's error, a refused size included", async () => {
    mockFetch({
      'POST artifacts/': () => apiError(413, 'PAYLOAD_TOO_LARGE', 'The file is larger than 5 MB; nothing was kept.'),
    });
    await expect(uploadArtifact('run1', new File(['x'], 'big.bin'))).rejects.toEqual({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      error: 'The file is larger than 5 MB; nothing was kept.',
      details: {},
    });
  });
});

describe('downloadArtifact', () => {
  it('fetches the file with the token and saves it under its name through an object URL', async () => {
    token.set('wfo_t');
    const server = mockFetch({ 'GET artifacts/a1/download/': () => new Response('report body') });
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:report');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });

    await downloadArtifact({ id: 'a1', file_name: 'report.txt' });

    expect(server.calls[0].authorization).toBe('Bearer wfo_t');
    expect(await (created.mock.calls[0][0] as Blob).text()).toBe('report body');
    expect(clicked).toEqual([{ href: 'blob:report', download: 'report.txt' }]);
  });

  it("throws the server's error for a file that is gone", async () => {
    mockFetch({ 'GET artifacts/a1/download/': () => apiError(404, 'NOT_FOUND', 'No artifact a1') });
    await expect(downloadArtifact({ id: 'a1', file_name: 'x' })).rejects.toMatchObject({ status: 404 });
  });
});

describe('storedLogTail', () => {
  it("asks for the log's tail and tells whether it is only part of it", async () => {
    const headers = (range: string) => ({ headers: { 'Content-Range': range } });
    mockFetch({
      'GET artifacts/big/download/': () =>
        new Response('ne 3\nline 4\n', { status: 206, ...headers('bytes 900-911/912') }),
    });
    expect(await storedLogTail('big')).toEqual({ text: 'ne 3\nline 4\n', partial: true });
    expect(new Headers(vi.mocked(fetch).mock.calls[0][1]!.headers).get('Range')).toBe(`bytes=-${LOG_TAIL_BYTES}`);

    mockFetch({
      'GET artifacts/small/download/': () => new Response('a\n', { status: 206, ...headers('bytes 0-1/2') }),
    });
    expect(await storedLogTail('small')).toEqual({ text: 'a\n', partial: false });
  });
});
