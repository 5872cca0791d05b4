// `npm run bench`: speed figures as ratios against baselines measured in the same run.
// Needs the engine and fixture image from scripts/setup-test-env.sh.
import { execFileSync } from 'node:child_process';
import { benchTerminalThroughput } from './terminal-throughput.js';

const container = `berth-bench-${process.pid}`;
execFileSync('docker', ['run', '-d', '--name', container, '--label', 'berth.test-fixture=true', 'berth-fixture/busybox:latest', 'sh', '-c', 'while true; do sleep 1; done']);
try {
  await benchTerminalThroughput(container);
} finally {
  execFileSync('docker', ['rm', '-f', container]);
}
