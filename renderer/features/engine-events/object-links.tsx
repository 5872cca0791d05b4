import type { ReactNode } from 'react';
import { useStores } from '../../app/stores-context.js';
import { hashOf } from '../layout/ui-store.js';

interface LinkProps {
  children: ReactNode;
  className?: string;
  title?: string;
}

/** Opens an image's detail in the Images view. */
export function ImageLink({ imageId, label, children, className, title }: LinkProps & { imageId: string; label: string }) {
  const { imageTools } = useStores();
  return (
    <a
      href={hashOf('images')}
      className={className}
      title={title ?? `Open ${label} in Images`}
      onClick={() => imageTools.detail.getState().select(imageId, label)}
    >
      {children}
    </a>
  );
}

/** Shows a container in the Containers view (filtered to its name, as the other views link containers). */
export function ContainerLink({ name, children, className, title }: LinkProps & { name: string }) {
  const { ui } = useStores();
  return (
    <a
      href={hashOf('containers')}
      className={className}
      title={title ?? `Show ${name} in Containers`}
      onClick={() => ui.getState().setFilter('containers', name)}
    >
      {children}
    </a>
  );
}

export function VolumeLink({ name, children, className, title }: LinkProps & { name: string }) {
  const { volumeTools } = useStores();
  return (
    <a
      href={hashOf('volumes')}
      className={className}
      title={title ?? `Open volume ${name}`}
      onClick={() => volumeTools.detail.getState().select(name)}
    >
      {children}
    </a>
  );
}

export function NetworkLink({ id, name, children, className, title }: LinkProps & { id: string; name: string }) {
  const { networkTools } = useStores();
  return (
    <a
      href={hashOf('networks')}
      className={className}
      title={title ?? `Open network ${name}`}
      onClick={() => networkTools.detail.getState().showDetail(id)}
    >
      {children}
    </a>
  );
}
