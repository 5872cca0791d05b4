import type { UploadResult } from '../../../shared/files-types.js';

/** What the Files tab says after an upload: what was written, and what was not and why. */
export interface UploadReport {
  notice: string | null;
  problem: string | null;
}

export function reportUpload(result: UploadResult, label: string): UploadReport {
  const { written, notWritten, dir } = result;
  const shownWritten = notWritten.length === 0 ? label : written.join(', ');
  return {
    notice: written.length > 0 ? `Uploaded ${shownWritten} to ${dir}` : null,
    problem:
      notWritten.length > 0 ? `Not written (left as they were): ${notWritten.map((f) => `${f.name} (${f.reason})`).join('; ')}` : null,
  };
}

const nothingWritten = /Nothing was written/;

/**
 * Why an upload failed, saying what became of the files. Before the finish call nothing reaches
 * the container; during it the server's answer is the only authority, so a broken connection
 * then leaves it unknown.
 */
export function reportUploadFailure(message: string, names: readonly string[], finishing: boolean): string {
  if (nothingWritten.test(message)) return `Upload failed: ${message}`;
  if (!finishing) return `Upload failed: ${message}. Nothing was written: ${names.join(', ')} left as they were.`;
  return `Upload failed while the files were being written: ${message}. Refresh to see which arrived.`;
}
