import type { FilesystemChange } from '../../../shared/container-detail-types.js';

export interface ChangeNode {
  name: string;
  path: string;
  /** Undefined for a directory that is only on the way to a change. */
  kind?: FilesystemChange['kind'];
  children: ChangeNode[];
}

/** `docker diff`'s flat list as a tree of path segments, sorted by name. */
export function changeTree(changes: readonly FilesystemChange[]): ChangeNode[] {
  const root: ChangeNode = { name: '', path: '', children: [] };
  const index = new Map<string, ChangeNode>([['', root]]);
  for (const change of changes) {
    const parts = change.path.split('/').filter(Boolean);
    let parent = root;
    let path = '';
    for (const part of parts) {
      path += `/${part}`;
      let node = index.get(path);
      if (!node) {
        node = { name: part, path, children: [] };
        index.set(path, node);
        parent.children.push(node);
      }
      parent = node;
    }
    parent.kind = change.kind;
  }
  const sort = (nodes: ChangeNode[]) => {
    nodes.sort((a, b) => a.name.localeCompare(b.name));
    nodes.forEach((n) => sort(n.children));
  };
  sort(root.children);
  return root.children;
}
