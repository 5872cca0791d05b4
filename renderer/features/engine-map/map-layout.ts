import type { EngineMap, MapContainer, MapImage, MapLayer } from '../../../shared/engine-map-types.js';

/** One box on the map: a layer, or a run of layers one above the other that no image branches off. */
export interface LayerBox {
  /** The first (lowest) chain ID of the run: what expanding it is remembered by. */
  key: string;
  layers: MapLayer[];
  column: number;
  /** The first image row it spans, and how many: each image that holds it is one row. */
  row: number;
  rows: number;
  /** Bytes of the run; null when a layer's size is unknown. */
  size: number | null;
  /** A run of several layers drawn as one box until expanded. */
  folded: boolean;
  /** Part of a run the user expanded: that run's key (expanding it again folds it). */
  expandedRun?: string;
  /** A layer that came in the last change (a commit, a pull, a build). */
  fresh: boolean;
}

export interface ImageRow {
  row: number;
  image: MapImage;
  /** The first tag, or the short ID of an untagged image. */
  label: string;
  /** The column just right of its top layer (0 for an image with no layers). */
  endColumn: number;
  containers: MapContainer[];
}

export interface MapLayout {
  boxes: LayerBox[];
  rows: ImageRow[];
  /** Layer columns: the image cards sit right of them. */
  columns: number;
  /** Images the filter hides. */
  hidden: number;
}

export interface LayoutOptions {
  filter: string;
  /** Keys of folded runs the user opened. */
  expanded: ReadonlySet<string>;
  /** Chain IDs that came in the last change. */
  fresh: ReadonlySet<string>;
}

interface Node {
  chainId: string;
  children: Map<string, Node>;
  /** Images whose top layer this is. */
  images: MapImage[];
  /** Images in this subtree, in row order (filled by placeRows). */
  row: number;
  rows: number;
  /** The smallest label under it: siblings are ordered by it, so rows read alphabetically. */
  firstLabel: string;
}

export function imageLabel(image: Pick<MapImage, 'id' | 'tags'>): string {
  return image.tags[0] ?? image.id.replace(/^sha256:/, '').slice(0, 12);
}

/** A long label cut in the middle, keeping the tag (what tells sibling images apart) and the repository's start. */
export function middleEllipsis(label: string, max: number): string {
  if (label.length <= max) return label;
  const tail = Math.ceil((max - 1) * 0.6);
  return `${label.slice(0, max - 1 - tail)}…${label.slice(label.length - tail)}`;
}

function matches(image: MapImage, containers: readonly MapContainer[], needle: string): boolean {
  if (!needle) return true;
  const words = [image.id, ...image.tags, ...containers.map((c) => c.name)];
  return words.some((w) => w.toLowerCase().includes(needle));
}

function newNode(chainId: string): Node {
  return { chainId, children: new Map(), images: [], row: 0, rows: 0, firstLabel: '' };
}

/** Labels first, so each subtree knows its first label before its siblings are sorted. */
function labelTree(node: Node): string {
  const labels = [...node.images.map(imageLabel), ...[...node.children.values()].map(labelTree)].sort();
  node.firstLabel = labels[0] ?? '';
  return node.firstLabel;
}

function orderedChildren(node: Node): Node[] {
  return [...node.children.values()].sort((a, b) => a.firstLabel.localeCompare(b.firstLabel));
}

/**
 * Lays the map out as a forest drawn left to right: base layers in the first column, each layer
 * spanning the rows of every image that holds it (so a shared layer is drawn once), images in a
 * column of their own right of the layers, containers beside their image. Runs of layers that no
 * image branches off fold into one box unless expanded; a fresh layer never folds into old ones.
 */
export function layoutMap(map: EngineMap, options: LayoutOptions): MapLayout {
  const needle = options.filter.trim().toLowerCase();
  const containersOf = new Map<string, MapContainer[]>();
  for (const c of map.containers) containersOf.set(c.imageId, [...(containersOf.get(c.imageId) ?? []), c]);
  const layerOf = new Map(map.layers.map((l) => [l.chainId, l]));

  const root = newNode('');
  let hidden = 0;
  for (const image of map.images) {
    if (!matches(image, containersOf.get(image.id) ?? [], needle)) {
      hidden += 1;
      continue;
    }
    let node = root;
    for (const chainId of image.chain) {
      let next = node.children.get(chainId);
      if (!next) node.children.set(chainId, (next = newNode(chainId)));
      node = next;
    }
    node.images.push(image);
  }
  labelTree(root);

  const rows: ImageRow[] = [];
  const boxes: LayerBox[] = [];
  let columns = 0;

  const placeImages = (node: Node, endColumn: number): void => {
    for (const image of [...node.images].sort((a, b) => imageLabel(a).localeCompare(imageLabel(b))))
      rows.push({ row: rows.length, image, label: imageLabel(image), endColumn, containers: containersOf.get(image.id) ?? [] });
  };

  /** Whether a run may go on from `node` to its only child. */
  const continues = (node: Node): Node | undefined =>
    node.images.length === 0 && node.children.size === 1 ? (node.children.values().next().value as Node) : undefined;

  /**
   * Places a run starting at `start` in `column`, then what grows from its end. Inside a run the
   * user expanded (`expandedRun`, its key), each layer is a box of its own.
   */
  const placeRun = (start: Node, column: number, expandedRun?: string): void => {
    const inExpanded = expandedRun ?? (options.expanded.has(start.chainId) ? start.chainId : undefined);
    const run = [start];
    let end = start;
    for (let next = continues(end); next && !inExpanded; next = continues(end)) {
      if (options.fresh.has(next.chainId) !== options.fresh.has(start.chainId)) break;
      run.push(next);
      end = next;
    }
    const firstRow = rows.length;
    placeImages(end, column + 1);
    const followedBy = continues(end);
    for (const child of orderedChildren(end)) placeRun(child, column + 1, child === followedBy ? inExpanded : undefined);
    const layers = run.map((n) => layerOf.get(n.chainId) ?? { chainId: n.chainId, diffId: '', size: null, createdBy: '' });
    const sizes = layers.map((l) => l.size);
    boxes.push({
      key: start.chainId,
      layers,
      column,
      row: firstRow,
      rows: rows.length - firstRow,
      size: sizes.includes(null) ? null : (sizes as number[]).reduce((a, b) => a + b, 0),
      folded: run.length > 1,
      fresh: options.fresh.has(start.chainId),
      ...(inExpanded ? { expandedRun: inExpanded } : {}),
    });
    columns = Math.max(columns, column + 1);
  };

  placeImages(root, 0);
  for (const child of orderedChildren(root)) placeRun(child, 0);
  boxes.sort((a, b) => a.column - b.column || a.row - b.row);
  return { boxes, rows, columns, hidden };
}

/** The words a box shows: the instruction of a single layer, or how many layers a folded run holds. */
export function boxTitle(box: Pick<LayerBox, 'layers' | 'folded'>): string {
  if (box.folded) return `${box.layers.length} layers`;
  const instruction = box.layers[0]?.createdBy ?? '';
  return instruction || 'layer';
}
