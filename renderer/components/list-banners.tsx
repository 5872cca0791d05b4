/** What a live list says above its rows: a failed load, or rows that may be stale after a reconnect. */
export function ListBanners({ what, error, stale }: { what: string; error: string | null | undefined; stale: boolean }) {
  return (
    <>
      {error ? (
        <div role="alert" className="banner banner--error">
          Could not list {what}: {error}
        </div>
      ) : null}
      {stale ? (
        <div role="status" className="banner banner--stale">
          Reloading after the connection came back — the rows below may be out of date.
        </div>
      ) : null}
    </>
  );
}
