// The scale section alone: `node --import tsx bench/scale/run-scale.ts` (after `npm run build`;
// BENCH_DIST=<folder> serves another build, e.g. an older commit's, for before/after figures).
import { benchScale } from './scale-bench.js';

await benchScale();
