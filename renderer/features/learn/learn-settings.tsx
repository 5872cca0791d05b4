import { useId, useState } from 'react';
import { useStore } from 'zustand';
import { lessonPrefixSchema } from '../../../shared/learn-types.js';
import { useStores } from '../../app/stores-context.js';
import type { LearnStore } from './learn-store.js';
import type { LessonSettings } from './lessons/lesson-types.js';

/** The image every lesson starts from, how the names it gives begin, and where it pushes. */
export function LearnSettings({ store }: { store: LearnStore }) {
  const settings = useStore(store, (s) => s.settings);
  const rows = useStore(useStores().images, (s) => s.items);
  const listId = useId();
  const tags = [...new Set(rows.filter((r) => !r.dangling && r.tag !== '<none>').map((r) => `${r.repository}:${r.tag}`))].sort();
  return (
    <fieldset className="learn-settings" aria-label="Lesson settings">
      <legend>Your settings</legend>
      <SettingField
        label="Image"
        hint="the image lessons start FROM (it needs sh)"
        value={settings.image}
        listId={listId}
        validate={(v) => (v.trim() === '' ? 'Choose an image' : null)}
        onCommit={(image) => store.getState().setSettings({ image })}
      />
      <datalist id={listId}>
        {tags.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <SettingField
        label="Names start with"
        hint="containers prefix-…, images prefix/…"
        value={settings.prefix}
        validate={(v) => {
          const r = lessonPrefixSchema.safeParse(v);
          return r.success ? null : (r.error.issues[0]?.message ?? 'Not a valid prefix');
        }}
        onCommit={(prefix) => store.getState().setSettings({ prefix })}
      />
      <SettingField
        label="Registry"
        hint="host:port to push to"
        value={settings.registry}
        validate={(v) => (/^[a-zA-Z0-9.-]+(:\d{1,5})?$/.test(v) ? null : 'A registry as host:port, such as localhost:5000')}
        onCommit={(registry) => store.getState().setSettings({ registry })}
      />
    </fieldset>
  );
}

function SettingField(props: {
  label: string;
  hint: string;
  value: string;
  listId?: string;
  validate(value: string): string | null;
  onCommit(value: LessonSettings[keyof LessonSettings]): void;
}) {
  const [draft, setDraft] = useState(props.value);
  const [shownValue, setShownValue] = useState(props.value);
  if (shownValue !== props.value) {
    // Changed elsewhere (start over, another tab): follow it.
    setShownValue(props.value);
    setDraft(props.value);
  }
  const problem = props.validate(draft.trim());
  const errorId = useId();
  const commit = (): void => {
    const v = draft.trim();
    if (props.validate(v) === null && v !== props.value) props.onCommit(v);
  };
  return (
    <label className="learn-setting">
      <span>
        {props.label} <span className="faint">{props.hint}</span>
      </span>
      <input
        className="input mono"
        value={draft}
        list={props.listId}
        spellCheck={false}
        aria-invalid={problem !== null}
        aria-describedby={problem ? errorId : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {problem ? (
        <span id={errorId} className="learn-setting-error" role="alert">
          {problem}
        </span>
      ) : null}
    </label>
  );
}
