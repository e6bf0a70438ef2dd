/** One figure of a work queue's board (待受理 12): a toggle that filters the list to it; red when `danger` and non-zero. */
export function BoardChip({ label, value, active, danger, onClick }: { label: string; value: number | string | undefined; active: boolean; danger?: boolean; onClick: () => void }) {
  return (
    <button type="button" className={`yq-board-chip${active ? ' active' : ''}${danger && value ? ' danger' : ''}`} onClick={onClick} aria-pressed={active}>
      <span className="yq-board-chip-value">{value ?? '—'}</span>
      <span className="yq-board-chip-label">{label}</span>
    </button>
  );
}
