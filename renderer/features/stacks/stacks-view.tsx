/** Placeholder until its issue lands: the view's title and what it will hold. */
export function StacksView() {
  return (
    <section className="view" aria-labelledby="stacks-title">
      <h1 id="stacks-title" className="view-title">
        Stacks
      </h1>
      <p>Compose stacks on this engine.</p>
    </section>
  );
}
