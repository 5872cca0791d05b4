import { useEffect, useMemo, useState } from 'react';
import { cliEquivalent } from '../../../shared/contract.js';
import { EngineCommand } from '../engines/engine-command.js';
import { formatByteSize } from '../../../shared/byte-size.js';
import { formatCommand } from '../../../shared/shell-command.js';
import { useStores } from '../../app/stores-context.js';

type Json = Record<string, unknown>;

function obj(v: unknown): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
function str(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.map(String).join(' ') : '—';
  return String(v);
}
/** An argv from the inspect document as a shell would take it back: `sh -c 'sleep 1; echo hi'`. */
function argv(v: unknown): string {
  return Array.isArray(v) && v.length > 0 ? formatCommand(v.map(String)) : str(v);
}

/** The inspect document's parts a person reads first. */
export function summarize(doc: unknown) {
  const d = obj(doc);
  const config = obj(d.Config);
  const state = obj(d.State);
  const host = obj(d.HostConfig);
  const health = obj(state.Health);
  const ports = Object.entries(obj(obj(d.NetworkSettings).Ports)).map(([port, bindings]) => {
    const b = arr(bindings).map((x) => `${str(obj(x).HostIp)}:${str(obj(x).HostPort)}`);
    return b.length ? `${b.join(', ')} → ${port}` : port;
  });
  return {
    image: str(config.Image),
    command: argv(config.Cmd),
    entrypoint: argv(config.Entrypoint),
    created: str(d.Created),
    restartCount: str(d.RestartCount),
    restartPolicy: restartPolicyOf(obj(host.RestartPolicy)),
    devices: arr(host.Devices).map((x) => {
      const dev = obj(x);
      const inside = dev.PathInContainer && dev.PathInContainer !== dev.PathOnHost ? ` → ${str(dev.PathInContainer)}` : '';
      const perms = dev.CgroupPermissions && dev.CgroupPermissions !== 'rwm' ? ` (${str(dev.CgroupPermissions)})` : '';
      return `${str(dev.PathOnHost)}${inside}${perms}`;
    }),
    ipc: str(host.IpcMode),
    pid: host.PidMode ? str(host.PidMode) : 'private',
    shmSize: typeof host.ShmSize === 'number' && host.ShmSize > 0 ? formatByteSize(host.ShmSize) : '—',
    gpus: gpusOf(arr(host.DeviceRequests)),
    capabilities: [
      ...(host.Privileged === true ? ['privileged: every capability and every device'] : []),
      ...arr(host.CapAdd).map((c) => `+ ${String(c)}`),
      ...arr(host.CapDrop).map((c) => `− ${String(c)}`),
    ],
    health: health.Status ? str(health.Status) : 'no health check',
    mounts: arr(d.Mounts).map(
      (m) => `${str(obj(m).Type)}: ${str(obj(m).Source ?? obj(m).Name)} → ${str(obj(m).Destination)}${obj(m).RW === false ? ' (ro)' : ''}`,
    ),
    ports,
    env: arr(config.Env).map(String),
    networks: Object.entries(obj(obj(d.NetworkSettings).Networks)).map(
      ([name, n]) => `${name}${obj(n).IPAddress ? ` (${str(obj(n).IPAddress)})` : ''}`,
    ),
    labels: Object.entries(obj(config.Labels)).map(([k, v]) => `${k}=${String(v)}`),
  };
}

/** `unless-stopped`, `on-failure (at most 3 retries)`, or `no`. */
function restartPolicyOf(policy: Json): string {
  const name = policy.Name ? String(policy.Name) : 'no';
  const retries = Number(policy.MaximumRetryCount ?? 0);
  return name === 'on-failure' && retries > 0 ? `on-failure (at most ${retries} retries)` : name;
}

/** The GPU requests (`--gpus`): all, a count, or device ids. */
function gpusOf(requests: unknown[]): string {
  const gpus = requests.map(obj).filter((r) => arr(r.Capabilities).some((set) => arr(set).includes('gpu')));
  if (gpus.length === 0) return 'none';
  return gpus
    .map((r) => {
      const ids = arr(r.DeviceIDs);
      if (ids.length > 0) return `devices ${ids.map(String).join(', ')}`;
      return r.Count === -1 ? 'all' : `${str(r.Count)}`;
    })
    .join('; ');
}

export function InspectTab({ id, name }: { id: string; name: string }) {
  const { run } = useStores();
  const [doc, setDoc] = useState<unknown>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [showJson, setShowJson] = useState(false);

  useEffect(() => {
    let live = true;
    setDoc(undefined);
    setError(null);
    run('containers.inspect', { id }, { shownAs: { id: name }, quiet: true }).then(
      (d) => live && setDoc(d),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [run, id, name]);

  const json = useMemo(() => (doc === undefined ? '' : JSON.stringify(doc, null, 2)), [doc]);
  const jsonLines = useMemo(() => {
    const all = json.split('\n');
    if (!query) return all;
    const q = query.toLowerCase();
    return all.filter((l) => l.toLowerCase().includes(q));
  }, [json, query]);

  if (error)
    return (
      <div role="alert" className="banner banner--error">
        Could not inspect {name}: {error}
      </div>
    );
  if (doc === undefined) return <p className="faint">Loading…</p>;
  const s = summarize(doc);
  const rows: Array<[string, string | string[]]> = [
    ['Image', s.image],
    ['Command', s.command],
    ['Entrypoint', s.entrypoint],
    ['Created', s.created],
    ['Restart policy', s.restartPolicy],
    ['Restarts', s.restartCount],
    ['Health', s.health],
    ['Mounts', s.mounts],
    ['Ports', s.ports],
    ['Devices', s.devices],
    ['GPUs', s.gpus],
    ['Capabilities', s.capabilities],
    ['IPC', s.ipc],
    ['PID', s.pid],
    ['Shm size', s.shmSize],
    ['Networks', s.networks],
    ['Environment', s.env],
    ['Labels', s.labels],
  ];
  return (
    <div className="cd-inspect">
      <dl className="cd-summary">
        {rows.map(([k, v]) => (
          <div key={k} className="cd-summary-row">
            <dt>{k}</dt>
            <dd className="mono">
              {Array.isArray(v) ? v.length ? v.map((x) => <div key={x}>{x}</div>) : <span className="faint">—</span> : v}
            </dd>
          </div>
        ))}
      </dl>
      <div className="cd-detail-toolbar">
        <button type="button" className="btn btn--small" aria-expanded={showJson} onClick={() => setShowJson(!showJson)}>
          {showJson ? 'Hide full JSON' : 'Show full JSON'}
        </button>
        {showJson ? (
          <>
            <input
              className="cd-detail-search"
              type="search"
              aria-label="Search inspect JSON"
              placeholder="Search JSON…"
              value={query}
              onChange={(e) => setQuery(e.currentTarget.value)}
            />
            {query ? <span className="faint">{jsonLines.length} lines match</span> : null}
          </>
        ) : null}
        <span className="cd-spacer" />
        <EngineCommand line={cliEquivalent('containers.inspect', { id: name })} />
      </div>
      {showJson ? <pre className="cd-json">{jsonLines.join('\n')}</pre> : null}
    </div>
  );
}
