import { describe, expect, it } from 'vitest';
import type { LayerFiles } from '../../../shared/image-types.js';
import { BerthClient } from '../../api/client.js';
import { FakeTransport, flushPromises } from '../../test-support/fake-transport.js';
import { createImageDetailStore } from './image-tools-stores.js';

const imageId = `sha256:${'a'.repeat(64)}`;
const diffId = `sha256:${'b'.repeat(64)}`;
const listed: LayerFiles = {
  diffId,
  files: [{ path: 'unique', change: 'added', type: 'file', size: 6, mode: '644', linkTarget: null, opaque: false }],
  truncated: false,
  totalEntries: 1,
};

/** A transport whose layer-file answer waits until the test lets it go, as a slow archive read does. */
function slowLayerFiles() {
  let release: () => void = () => undefined;
  const transport = new FakeTransport()
    .reply('images.inspect', {})
    .reply('images.history', [])
    .reply('images.relations', { containers: [], parents: [], children: [] })
    .handle('images.layerFiles', () => new Promise((resolve) => (release = () => resolve({ ok: true, value: listed }))));
  return { transport, release: () => release() };
}

describe('image detail store: layer files', () => {
  it('keeps a layer’s file list that arrives after a refresh of the same image (an engine event during the archive read)', async () => {
    const { transport, release } = slowLayerFiles();
    const detail = createImageDetailStore(new BerthClient(transport));
    detail.getState().select(imageId, 'app:1');
    await flushPromises();
    const shown = detail.getState().showLayerFiles(diffId);
    // Reading the image's archive raises an image `save` event: the pane refreshes meanwhile.
    detail.getState().refresh();
    release();
    await shown;
    expect(detail.getState().layerFiles).toMatchObject({ loading: false, error: null, diffId, value: listed });
  });

  it('drops a list that answers for an image no longer shown', async () => {
    const { transport, release } = slowLayerFiles();
    const detail = createImageDetailStore(new BerthClient(transport));
    detail.getState().select(imageId, 'app:1');
    const shown = detail.getState().showLayerFiles(diffId);
    detail.getState().select(`sha256:${'c'.repeat(64)}`, 'other:1');
    release();
    await shown;
    expect(detail.getState().layerFiles).toMatchObject({ value: null, diffId: null });
  });
});
