import type { filesCalls, filesStreams } from '../../../shared/files-contract.js';
import type { CallHandlers, StreamHandlers } from '../rpc/handler-types.js';
import type { ContainerFiles } from '../../engine/containers/container-files.js';

/** Handlers for the Files tab entries of the contract (shared/files-contract.ts). */
export function filesCallHandlers(files: ContainerFiles): Pick<CallHandlers, keyof typeof filesCalls> {
  return {
    'files.list': ({ id, path }) => files.list(id, path),
    'files.uploadBegin': (input, ctx) => files.beginUpload(ctx.clientId, input),
    'files.uploadChunk': async ({ uploadId, data }, ctx) => (await files.uploads.chunk(ctx.clientId, uploadId, data), null),
    'files.uploadFinish': ({ uploadId }, ctx) => files.uploads.finish(ctx.clientId, uploadId),
    'files.uploadCancel': async ({ uploadId }, ctx) => (files.uploads.cancel(ctx.clientId, uploadId), null),
    'files.downloadAck': async ({ downloadId, bytes }, ctx) => (files.downloads.ack(ctx.clientId, downloadId, bytes), null),
  };
}

export function filesStreamHandlers(files: ContainerFiles): Pick<StreamHandlers, keyof typeof filesStreams> {
  return {
    'files.download': ({ id, path }, sink, ctx) => files.download(ctx.clientId, id, path, sink),
  };
}
