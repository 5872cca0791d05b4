import { z } from 'zod';
import { defineCall, defineStream } from './contract-kit.js';
import { containerRefSchema } from './container-ref.js';
import { formatCommandSequence } from './shell-command.js';
import { dockerCpSourceWord } from './docker-cp-words.js';
import {
  containerPathSchema,
  directoryListingSchema,
  downloadIdSchema,
  downloadMessageSchema,
  filesLimits,
  uploadChunkSchema,
  uploadFileSchema,
  uploadIdSchema,
  uploadResultSchema,
} from './files-types.js';

/**
 * Contract entries of a container's Files tab (browse, download, upload through the archive API).
 * Spread into `calls` and `streams` in contract.ts.
 *
 * Upload is a small protocol because one WebSocket frame carries at most 4 MiB: `files.uploadBegin`
 * (names and sizes; refuses to replace existing names unless asked), then `files.uploadChunk` calls
 * with the bytes of each file in order, then `files.uploadFinish`. The server spools the bytes on
 * its host and writes nothing into the container before the last one arrived; a replaced file is
 * swapped in by a rename, so a cut upload never leaves half a file.
 *
 * Download is a stream: `start`, `data` chunks, `done`. The client acknowledges received bytes
 * with `files.downloadAck`; the server stops reading from the engine while
 * `filesLimits.downloadWindowBytes` are unacknowledged.
 */

export const filesCalls = {
  /** The entries of one directory (symlinks to directories are followed). */
  'files.list': defineCall({
    input: z.strictObject({ id: containerRefSchema, path: containerPathSchema }),
    output: directoryListingSchema,
    cliArgs: (i) => ['docker', 'exec', i.id, 'ls', '-la', i.path],
  }),
  'files.uploadBegin': defineCall({
    input: z.strictObject({
      id: containerRefSchema,
      /** The directory to put the files in. */
      dir: containerPathSchema,
      files: z
        .array(uploadFileSchema)
        .min(1, 'Pick at least one file')
        .max(filesLimits.uploadMaxFiles, `At most ${filesLimits.uploadMaxFiles} files at once`)
        .refine((files) => new Set(files.map((f) => f.name)).size === files.length, 'Two files have the same name')
        .refine(
          (files) => files.reduce((sum, f) => sum + f.size, 0) <= filesLimits.uploadMaxBytes,
          `One upload is at most ${filesLimits.uploadMaxBytes / (1024 * 1024)} MB`,
        ),
      /** Replace files that already exist; without it an existing name is a CONFLICT. */
      replace: z.boolean(),
    }),
    output: z.object({ uploadId: uploadIdSchema }),
    cli: (i) => formatCommandSequence(i.files.map((f) => ['docker', 'cp', dockerCpSourceWord(f.name), `${i.id}:${i.dir}`])),
  }),
  'files.uploadChunk': defineCall({
    input: z.strictObject({ uploadId: uploadIdSchema, data: uploadChunkSchema }),
    output: z.null(),
  }),
  /** Checks every announced byte arrived, then writes the files into the container (see FileUploads). */
  'files.uploadFinish': defineCall({
    input: z.strictObject({ uploadId: uploadIdSchema }),
    output: uploadResultSchema,
  }),
  'files.uploadCancel': defineCall({ input: z.strictObject({ uploadId: uploadIdSchema }), output: z.null() }),
  'files.downloadAck': defineCall({
    input: z.strictObject({
      downloadId: downloadIdSchema,
      bytes: z
        .number()
        .int()
        .min(0)
        .max(1 << 30),
    }),
    output: z.null(),
  }),
} as const;

export const filesStreams = {
  /** A file's own bytes, or a folder as a tar (`docker cp` does the same). */
  'files.download': defineStream({
    input: z.strictObject({ id: containerRefSchema, path: containerPathSchema }),
    message: downloadMessageSchema,
    cliArgs: (i) => ['docker', 'cp', `${i.id}:${i.path}`, '.'],
  }),
} as const;
