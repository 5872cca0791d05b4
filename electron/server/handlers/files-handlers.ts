import type { filesCalls, filesStreams } from '../../../shared/files-contract.js';
import type { CallHandlers, StreamHandlers } from '../rpc/handler-types.js';
import { ContainerFiles } from '../../engine/containers/container-files.js';
import type { EngineConnection } from '../../engine/engine-connection.js';
import type { AppServices } from './app-services.js';

// Calls and the download stream must share one set of upload and download sessions.
const filesByConnection = new WeakMap<EngineConnection, ContainerFiles>();

export function containerFilesOf(s: AppServices): ContainerFiles {
  let files = filesByConnection.get(s.connection);
  if (!files) {
    files = new ContainerFiles(s.connection);
    filesByConnection.set(s.connection, files);
  }
  return files;
}

/** Handlers for the Files tab entries of the contract (shared/files-contract.ts). */
export function filesCallHandlers(s: AppServices): Pick<CallHandlers, keyof typeof filesCalls> {
  const files = containerFilesOf(s);
  return {
    'files.list': ({ id, path }) => files.list(id, path),
    'files.uploadBegin': (input, ctx) => files.beginUpload(ctx.clientId, input),
    'files.uploadChunk': async ({ uploadId, data }, ctx) => (await files.uploads.chunk(ctx.clientId, uploadId, data), null),
    'files.uploadFinish': ({ uploadId }, ctx) => files.uploads.finish(ctx.clientId, uploadId),
    'files.uploadCancel': async ({ uploadId }, ctx) => (files.uploads.cancel(ctx.clientId, uploadId), null),
    'files.downloadAck': async ({ downloadId, bytes }, ctx) => (files.downloads.ack(ctx.clientId, downloadId, bytes), null),
  };
}

export function filesStreamHandlers(s: AppServices): Pick<StreamHandlers, keyof typeof filesStreams> {
  const files = containerFilesOf(s);
  return {
    'files.download': ({ id, path }, sink, ctx) => files.download(ctx.clientId, id, path, sink),
  };
}
