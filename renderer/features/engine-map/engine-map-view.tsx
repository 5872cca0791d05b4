/** Placeholder until its issue lands: the view's title and what it will hold. */
export function EngineMapView() {
  return (
    <section className="view" aria-labelledby="engine-map-title">
      <h1 id="engine-map-title" className="view-title">
        Engine map
      </h1>
      <p>Images as stacks of layers, containers on top.</p>
    </section>
  );
}
