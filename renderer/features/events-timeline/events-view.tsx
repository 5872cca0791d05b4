/** Placeholder until its issue lands: the view's title and what it will hold. */
export function EventsView() {
  return (
    <section className="view" aria-labelledby="events-title">
      <h1 id="events-title" className="view-title">
        Events
      </h1>
      <p>Every engine event as it happens.</p>
    </section>
  );
}
