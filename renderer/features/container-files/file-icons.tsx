import type { SVGProps } from 'react';
import type { FileEntry } from '../../../shared/files-types.js';

type IconProps = SVGProps<SVGSVGElement>;

function Icon({ children, ...props }: IconProps) {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

export const FolderIcon = (p: IconProps) => (
  <Icon {...p}>
    <path
      d="M3 6.5A1.5 1.5 0 0 1 4.5 5h4.2l2 2.2h8.8A1.5 1.5 0 0 1 21 8.7v9.8a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 18.5z"
      fill="currentColor"
      fillOpacity="0.18"
    />
  </Icon>
);

export const FileIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M6 3h8l4 4v14H6z" />
    <path d="M14 3v4h4" />
  </Icon>
);

export const LinkIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
    <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
  </Icon>
);

export const SpecialIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="12" cy="12" r="7" />
    <path d="M12 9v3.5M12 15.5v.01" />
  </Icon>
);

export const UpIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M12 19V6M6 11l6-6 6 6" />
  </Icon>
);

export const DownloadIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
  </Icon>
);

export const UploadIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M12 16V5M7 10l5-5 5 5M5 20h14" />
  </Icon>
);

export function EntryIcon({ entry }: { entry: FileEntry }) {
  if (entry.kind === 'dir') return <FolderIcon className="cf-icon cf-icon--dir" />;
  if (entry.kind === 'symlink')
    return entry.linkToDir ? <FolderIcon className="cf-icon cf-icon--link" /> : <LinkIcon className="cf-icon cf-icon--link" />;
  if (entry.kind === 'other') return <SpecialIcon className="cf-icon cf-icon--other" />;
  return <FileIcon className="cf-icon" />;
}
