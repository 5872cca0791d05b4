/** Placeholder until its issue lands: the view's title and what it will hold. */
export function LearnView() {
  return (
    <section className="view" aria-labelledby="learn-title">
      <h1 id="learn-title" className="view-title">
        Learn
      </h1>
      <p>Lessons that follow Docker's story, checked against the engine.</p>
    </section>
  );
}
