import { describe, expect, it } from 'vitest';
import { engineCommandTarget, onEngine } from './engine-cli.js';
import { splitShellWords } from './shell-words.js';

const context = engineCommandTarget({ source: 'context', host: 'ssh://robot@r1', contextName: 'robot1' }, false);
const ssh = engineCommandTarget({ source: 'saved', host: 'ssh://robot@10.0.0.5:2222' }, false);
const tls = engineCommandTarget(
  { source: 'saved', host: 'tcp://10.0.0.5:2376', tls: { certPath: '/home/me/robot certs', verify: true } },
  false,
);

describe('a shown docker command names its engine', () => {
  it('a CLI context with --context, anything else with DOCKER_HOST (and the TLS variables)', () => {
    expect(onEngine('docker stop web', context)).toBe('docker --context robot1 stop web');
    expect(onEngine('docker stop web', ssh)).toBe('DOCKER_HOST=ssh://robot@10.0.0.5:2222 docker stop web');
    expect(onEngine('docker ps', tls)).toBe(
      "DOCKER_HOST=tcp://10.0.0.5:2376 DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH='/home/me/robot certs' docker ps",
    );
  });

  it('names it for docker-compose as for docker (the same DOCKER_HOST, the same --context)', () => {
    expect(onEngine('docker-compose -p shop up -d', context)).toBe('docker-compose --context robot1 -p shop up -d');
    expect(onEngine('docker-compose -p shop pull && docker-compose -p shop up -d', ssh)).toBe(
      'DOCKER_HOST=ssh://robot@10.0.0.5:2222 docker-compose -p shop pull && DOCKER_HOST=ssh://robot@10.0.0.5:2222 docker-compose -p shop up -d',
    );
    expect(onEngine('docker compose -p shop up -d', context)).toBe('docker --context robot1 compose -p shop up -d');
  });

  it('leaves the default engine’s commands as they are', () => {
    const local = engineCommandTarget({ source: 'saved', host: 'ssh://x' }, true);
    expect(onEngine('docker stop web', local)).toBe('docker stop web');
  });

  it('names the engine in every command of a sequence or pipeline, never inside a quoted word', () => {
    expect(onEngine('docker commit web img && docker rm web', context)).toBe(
      'docker --context robot1 commit web img && docker --context robot1 rm web',
    );
    expect(onEngine('docker save img | docker load', ssh)).toBe(
      'DOCKER_HOST=ssh://robot@10.0.0.5:2222 docker save img | DOCKER_HOST=ssh://robot@10.0.0.5:2222 docker load',
    );
    expect(onEngine("docker run img sh -c 'a && docker ps'", context)).toBe("docker --context robot1 run img sh -c 'a && docker ps'");
    expect(onEngine('echo docker', context)).toBe('echo docker');
  });

  it('a shell reads the prefixed line back as the same command with the assignment first', () => {
    const odd = engineCommandTarget({ source: 'saved', host: "ssh://o'brien@h" }, false);
    const line = onEngine('docker ps', odd);
    expect(splitShellWords(line)).toEqual(["DOCKER_HOST=ssh://o'brien@h", 'docker', 'ps']);
    // The assignment word starts bare (NAME=), so the shell treats it as an assignment, not a command name.
    expect(line.startsWith('DOCKER_HOST=')).toBe(true);
  });
});
