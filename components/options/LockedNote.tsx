/** Says that an administrator's policy fixed a setting, so its control is read-only. */
export function LockedNote({ id, testId }: { id: string; testId: string }) {
  return (
    <p id={id} className="locked small" data-testid={testId}>
      <span aria-hidden="true">🔒 </span>Set by your administrator; it cannot be changed here.
    </p>
  );
}
