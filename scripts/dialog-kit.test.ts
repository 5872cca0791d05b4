import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The renderer kit (renderer/components) is the only place that draws a <dialog> or a state pill, or
// styles them: a feature's dialog is a <Dialog> (or the <ModalForm> shell), its look comes from
// components/dialog.css and form.css.
const renderer = join(import.meta.dirname, '..', 'renderer');
const features = join(renderer, 'features');

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .map((f) => join(dir, f));
}

describe('the dialog kit', () => {
  it('is the only code that draws a <dialog>', () => {
    const drawing = filesUnder(features, '.tsx').filter((f) => readFileSync(f, 'utf8').includes('<dialog'));
    expect(drawing.map((f) => relative(renderer, f))).toEqual([]);
  });

  it('holds the dialog and field rules: no feature CSS defines them', () => {
    const base =
      /^(\.dialog|\.dialog-title|\.dialog-body|\.dialog-warning|\.dialog-actions|\.dialog-cli code|\.check|\.input|\.hint|\.im-field|\.im-field-error|\.prune-list|\.rf-field|\.rf-input|\.rf-error|\.rf-section) \{/m;
    const defining = filesUnder(features, '.css').filter((f) => base.test(readFileSync(f, 'utf8')));
    expect(defining.map((f) => relative(renderer, f))).toEqual([]);
  });

  it('draws the container state pill in one place', () => {
    const drawing = filesUnder(features, '.tsx').filter((f) => /className=[{`"']+badge(?![-\w])/.test(readFileSync(f, 'utf8')));
    expect(drawing.map((f) => relative(renderer, f))).toEqual([]);
  });

  it('leaves no dialog importing another feature’s CSS', () => {
    const dialogs = filesUnder(features, '.tsx').filter((f) => readFileSync(f, 'utf8').includes("from '../../components/dialog.js'"));
    expect(dialogs.length).toBeGreaterThanOrEqual(12);
    const crossing = dialogs.filter((f) => /^import '\.\.\/[^']+\.css';$/m.test(readFileSync(f, 'utf8')));
    expect(crossing.map((f) => relative(renderer, f))).toEqual([]);
  });
});
