import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineSpec } from '../../../shared/engine-spec.js';
import { endpointForSpec, engineSpecFromDockerHost, explainConnectionError } from '../docker-endpoint.js';
import { EngineConnection } from '../engine-connection.js';
import { SshDialAgent, dialStdioArgs } from './ssh-dial-agent.js';
import { classifySshFailure } from './ssh-failure.js';
import { sha256Fingerprint } from './ssh-host-keys.js';
import { parseSshHost } from './ssh-target.js';
import { explainTlsError } from './tls-errors.js';

const spec = (host: string, extra: Partial<EngineSpec> = {}): EngineSpec => ({ id: 'e', name: 'e', host, source: 'saved', ...extra });
const certDir = mkdtempSync(join(tmpdir(), 'berth-certs-'));
afterAll(() => rmSync(certDir, { recursive: true, force: true }));

describe('reaching an engine from its spec', () => {
  it('refuses plain tcp off loopback without dialling, and never retries it by itself', async () => {
    const endpoint = endpointForSpec(spec('tcp://10.0.0.2:2375'));
    expect(endpoint.refusal).toMatch(/root on that machine/);
    const connection = new EngineConnection({ id: 'far', spec: spec('tcp://10.0.0.2:2375'), retryDelaysMs: [1] });
    const statuses: string[] = [];
    connection.onStatus((s) => statuses.push(s.state));
    const status = await connection.connect();
    expect(status).toMatchObject({ state: 'disconnected', refused: true, endpoint: 'tcp://10.0.0.2:2375' });
    expect(status.error).toMatch(/Plain tcp:\/\/ without TLS is only allowed to this machine/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // A retry would have come after 1 ms: none did.
    expect(statuses).toEqual(['disconnected']);
    connection.close();
  });

  it('refuses an ssh:// address with a path instead of throwing', () => {
    expect(endpointForSpec(spec('ssh://robot1/var/run/docker.sock')).refusal).toMatch(/takes no path/);
  });

  it('dials plain tcp on loopback', () => {
    const endpoint = endpointForSpec(spec('tcp://127.0.0.1:2375'));
    expect(endpoint).toMatchObject({ transport: 'tcp', options: { host: '127.0.0.1', port: 2375, protocol: 'http' } });
    expect(endpoint.refusal).toBeUndefined();
  });

  it('reads ca.pem, cert.pem and key.pem from the TLS folder, and names a missing one', () => {
    expect(endpointForSpec(spec('tcp://lab:2376', { tls: { certPath: certDir, verify: true } })).refusal).toBe(
      `The TLS file ${join(certDir, 'ca.pem')} is missing; DOCKER_CERT_PATH must hold ca.pem, cert.pem and key.pem`,
    );
    mkdirSync(certDir, { recursive: true });
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(certDir, file), 'pem');
    const endpoint = endpointForSpec(spec('tcp://lab:2376', { tls: { certPath: certDir, verify: true } }));
    expect(endpoint).toMatchObject({ transport: 'tls', options: { host: 'lab', port: 2376, protocol: 'https' } });
    expect((endpoint.agent as unknown as { options: object } | undefined)?.options).toMatchObject({
      rejectUnauthorized: true,
      keepAlive: true,
    });
    endpoint.agent?.destroy();
  });

  it('reaches ssh:// through the ssh program when there is one, else through dockerode ssh2', () => {
    const viaOpenSsh = endpointForSpec(spec('ssh://robot@robot1.local:2200'), { sshBinary: '/usr/bin/ssh' });
    expect(viaOpenSsh.agent).toBeInstanceOf(SshDialAgent);
    expect(viaOpenSsh.ssh).toEqual({ host: 'robot1.local', user: 'robot', port: 2200 });
    viaOpenSsh.agent?.destroy();
    const viaSsh2 = endpointForSpec(spec('ssh://robot@robot1.local'), { sshBinary: null });
    expect(viaSsh2).toMatchObject({ transport: 'ssh', options: { protocol: 'ssh', host: 'robot1.local', port: 22, username: 'robot' } });
  });

  it('reads DOCKER_HOST with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH as the CLI does', () => {
    expect(engineSpecFromDockerHost('tcp://lab:2376', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/c' })).toMatchObject({
      host: 'tcp://lab:2376',
      tls: { certPath: '/c', verify: true },
      source: 'env',
    });
    expect(engineSpecFromDockerHost('tcp://lab:2376', { DOCKER_TLS_VERIFY: '1', HOME: '/home/u' }).tls?.certPath).toBe('/home/u/.docker');
    expect(engineSpecFromDockerHost(undefined, {})).toMatchObject({ id: 'local', host: 'unix:///var/run/docker.sock', source: 'local' });
  });
});

describe('the ssh command for an engine', () => {
  it('checks host keys strictly, never prompts, and cannot take the host for an option', () => {
    const args = dialStdioArgs(parseSshHost('ssh://robot@robot1:2200', '/cfg'), '/tmp/c/x');
    expect(args.slice(0, 6)).toEqual(['-F', '/cfg', '-l', 'robot', '-p', '2200']);
    expect(args).toContain('StrictHostKeyChecking=yes');
    expect(args).toContain('BatchMode=yes');
    expect(args).toContain('ControlPath=/tmp/c/x');
    expect(args.slice(-5)).toEqual(['--', 'robot1', 'docker', 'system', 'dial-stdio']);
    expect(dialStdioArgs(parseSshHost('ssh://robot1'), undefined)).toContain('ControlMaster=no');
  });

  it('fingerprints a key as ssh-keygen -l does', () => {
    expect(sha256Fingerprint('AAAAC3NzaC1lZDI1NTE5AAAAIFxpXPtoY3+aOUlWqe/cKbAjCBWzWGlcI3XFETkIHYdW')).toBe(
      'SHA256:6PUMSdPxtw7VeISTwkm+VuaBmjpTw7h5OSvFd1vzMrY',
    );
  });
});

describe('connection failures in plain words', () => {
  const sshEndpoint = endpointForSpec(spec('ssh://robot1'), { sshBinary: null });

  it('reads what ssh said', () => {
    const cases: Array<[string, number, string, RegExp]> = [
      [
        'No ED25519 host key is known for robot1 and you have requested strict checking.\nHost key verification failed.',
        255,
        'host-key-unknown',
        /not in known_hosts/,
      ],
      ['@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@\nHost key verification failed.', 255, 'host-key-changed', /has changed/],
      ['robot@robot1: Permission denied (publickey).', 255, 'auth', /did not accept any of your keys/],
      ['ssh: Could not resolve hostname robot1: Name or service not known', 255, 'unreachable', /Cannot reach/],
      ['sh: 1: docker: not found', 127, 'no-docker', /has no docker command/],
      [
        'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
        1,
        'engine-down',
        /does not answer/,
      ],
    ];
    for (const [stderr, code, kind, message] of cases) {
      const err = classifySshFailure('robot1', stderr, code);
      expect(err.kind).toBe(kind);
      expect(explainConnectionError(err, sshEndpoint).error).toMatch(message);
    }
  });

  it('explains TLS refusals, and says which side refused', () => {
    const untrusted = explainTlsError(Object.assign(new Error('x'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }), 'tcp://lab:2376');
    expect(untrusted).toMatchObject({ refused: true, error: expect.stringMatching(/ca.pem does not vouch for/) });
    const clientRefused = explainTlsError(Object.assign(new Error('alert'), { code: 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA' }), 'tcp://lab:2376');
    expect(clientRefused?.error).toMatch(/refused Berth's client certificate/);
    expect(explainTlsError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), 'tcp://lab:2376')).toBeUndefined();
  });
});
