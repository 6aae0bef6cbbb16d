import { useEffect, useState } from 'react';
import type { Folder } from '../../../shared/api';

interface Props {
  folders: Folder[];
  /** The folder each feed is in, to mark the current one. */
  folderOf(feedId: number): number | null;
  onMove(feedId: number, folderId: number | null): void;
  onNewFolder(feedId: number): void;
}

/**
 * Right-click (or the context-menu key) on any feed row in the sidebar opens
 * "Move to…": the keyboard and mouse alternative to dragging.
 */
export function FeedMoveMenu({ folders, folderOf, onMove, onNewFolder }: Props) {
  const [menu, setMenu] = useState<{ feedId: number; x: number; y: number } | null>(null);

  useEffect(() => {
    const open = (event: MouseEvent) => {
      const row = (event.target as Element | null)?.closest?.('.feeds [data-feed-id]');
      if (!row) return;
      event.preventDefault();
      const rect = row.getBoundingClientRect();
      const x = event.clientX || rect.left + 24;
      const y = event.clientY || rect.bottom;
      setMenu({ feedId: Number(row.getAttribute('data-feed-id')), x, y });
    };
    document.addEventListener('contextmenu', open);
    return () => document.removeEventListener('contextmenu', open);
  }, []);

  useEffect(() => {
    if (!menu) return;
    const close = () => setMenu(null);
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && close();
    window.addEventListener('click', close);
    window.addEventListener('keydown', onKey);
    window.addEventListener('blur', close);
    return () => {
      window.removeEventListener('click', close);
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('blur', close);
    };
  }, [menu]);

  if (!menu) return null;
  const current = folderOf(menu.feedId);
  const choose = (folderId: number | null) => {
    setMenu(null);
    if (folderId !== current) onMove(menu.feedId, folderId);
  };
  return (
    <div
      className="context-menu"
      role="menu"
      aria-label="Move to folder"
      style={{ left: Math.min(menu.x, window.innerWidth - 220), top: Math.min(menu.y, window.innerHeight - 40) }}
    >
      <div className="context-menu-label">Move to</div>
      {folders.map((folder) => (
        <button
          key={folder.id}
          type="button"
          role="menuitemradio"
          aria-checked={folder.id === current}
          onClick={() => choose(folder.id)}
        >
          {folder.name}
        </button>
      ))}
      <button type="button" role="menuitemradio" aria-checked={current === null} onClick={() => choose(null)}>
        No folder
      </button>
      <hr />
      <button
        type="button"
        role="menuitem"
        onClick={() => {
          setMenu(null);
          onNewFolder(menu.feedId);
        }}
      >
        New folder…
      </button>
    </div>
  );
}
