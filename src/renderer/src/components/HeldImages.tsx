interface Props {
  count: number;
  onShow(): void;
}

/** Remote images held back for this item ("Load remote images" is off), and the one way to fetch them. */
export function HeldImages({ count, onShow }: Props) {
  if (count === 0) return null;
  return (
    <p className="held-images" role="status">
      {count === 1 ? '1 remote image is' : `${count} remote images are`} not loaded.{' '}
      <button type="button" onClick={onShow}>
        Show images
      </button>
    </p>
  );
}
