import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { shortId } from '../../lib/short-id.js';
import { ContainerLink, ImageLink, NetworkLink, VolumeLink } from '../engine-events/object-links.js';
import { actionDetail, baseAction } from './event-filter.js';
import type { TimelineEvent } from './event-ring.js';

/** How an event names its object: its name when the engine gives one, else a short ID (volumes are named by their ID). */
export function objectLabel(event: Pick<TimelineEvent, 'type' | 'id' | 'name'>): string {
  if (event.name) return event.name;
  if (event.type === 'volume' || !/^(sha256:)?[0-9a-f]{12,}$/.test(event.id)) return event.id;
  return shortId(event.id);
}

/** An image by ID or reference (a pull names the reference): the ID the images list holds for it now. */
function useImageId(ref: string): string | undefined {
  const { images } = useStores();
  return useStore(images, (s) => s.items.find((r) => r.imageId === ref || r.label === ref || `${r.label}:latest` === ref)?.imageId);
}

function ImageRef({ reference, label }: { reference: string; label: string }) {
  const imageId = useImageId(reference);
  if (!imageId) return <span title="Not on this engine now">{label}</span>;
  return (
    <ImageLink imageId={imageId} label={label}>
      {label}
    </ImageLink>
  );
}

/** The event's object, linked to its view while it exists. */
export function ObjectCell({ event, gone }: { event: TimelineEvent; gone: boolean }) {
  const label = objectLabel(event);
  if (gone)
    return (
      <span className="ev-gone" title="Removed since">
        {label} <span className="faint">(removed)</span>
      </span>
    );
  switch (event.type) {
    case 'container':
      return <ContainerLink name={event.name ?? event.id}>{label}</ContainerLink>;
    case 'image':
      return <ImageRef reference={event.id} label={label} />;
    case 'volume':
      return <VolumeLink name={event.id}>{label}</VolumeLink>;
    case 'network':
      return (
        <NetworkLink id={event.id} name={label}>
          {label}
        </NetworkLink>
      );
    default:
      return <span>{label}</span>;
  }
}

/** What else the event says: an exit code, the signal, the image, the container a volume or network event concerns, a commit's new image. */
export function DetailsCell({ event }: { event: TimelineEvent }) {
  const parts: ReactNode[] = [];
  const action = baseAction(event.action);
  if (event.exitCode !== undefined)
    parts.push(
      <span key="exit" className={event.exitCode === 0 ? 'ev-exit' : 'ev-exit ev-exit--failed'}>
        exit code {event.exitCode}
      </span>,
    );
  if (event.signal) parts.push(<span key="signal">signal {event.signal}</span>);
  if (action === 'commit' && event.imageId)
    parts.push(
      <span key="commit">
        → new image <ImageRef reference={event.imageId} label={event.imageRef || shortId(event.imageId)} />
      </span>,
    );
  else if (event.type === 'container' && event.image) parts.push(<span key="image">image {event.image}</span>);
  if (event.container) parts.push(<span key="container">container {shortId(event.container)}</span>);
  const detail = actionDetail(event.action);
  if (detail)
    parts.push(
      <code key="detail" className="ev-command">
        {detail.length > 160 ? `${detail.slice(0, 160)}…` : detail}
      </code>,
    );
  return <span className="ev-details">{parts}</span>;
}
