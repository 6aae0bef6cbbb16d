import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { createPortal } from 'react-dom';
import type { Feed, Folder } from '../../../shared/api';
import type { ConnectedApi } from '../api-client';
import { feedDragType, isFeedDrag, listenForFeedDrags } from '../feed-drag';
import { useFileDrop } from '../use-file-drop';
import { useOpml } from '../use-opml';
import { FeedMoveMenu } from './FeedMoveMenu';
import { FolderNameDialog } from './FolderNameDialog';
import { ImportStatus } from './ImportStatus';
import { FeedRow } from './FeedRow';

interface Props {
  api: ConnectedApi;
  folders: Folder[];
  /** Every feed: the folders show theirs, the list below shows the rest. */
  feeds: Feed[];
  selectedFeedId: number | null;
  selectedFolderId: number | null;
  onSelectFeed(feedId: number): void;
  onSelectFolder(folderId: number): void;
  onError(message: string): void;
}

/** Which folders are closed survives a restart, as in any reader. */
const collapsedKey = 'tidings.collapsedFolders';
function readCollapsed(): ReadonlySet<number> {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(collapsedKey) ?? '[]');
    return new Set(Array.isArray(stored) ? stored.filter((id): id is number => typeof id === 'number') : []);
  } catch {
    return new Set();
  }
}

type Naming = { kind: 'create'; thenMove?: number } | { kind: 'rename'; folder: Folder };

/**
 * The sidebar's folders: a toolbar (new folder, import, export), each folder
 * with its live unread count and its feeds, drag and drop of feed rows onto
 * folders (or out of them), a "Move to" menu, and OPML files dropped anywhere.
 * Rendered as list items inside the feed list.
 */
export function FolderSidebar(props: Props) {
  const { api, folders, feeds, selectedFeedId, selectedFolderId, onError } = props;
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(readCollapsed);
  const [naming, setNaming] = useState<Naming | null>(null);
  const [dropTarget, setDropTarget] = useState<number | 'none' | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const opml = useOpml(api, onError);
  const draggingFile = useFileDrop(opml.importFile);

  useEffect(() => listenForFeedDrags(), []);
  useEffect(() => localStorage.setItem(collapsedKey, JSON.stringify([...collapsed])), [collapsed]);

  const move = useCallback(
    (feedId: number, folderId: number | null) => {
      api.moveFeed({ feedId, folderId }).catch((error: unknown) => onError(String((error as Error).message)));
    },
    [api, onError],
  );

  const dropHandlers = (target: number | 'none') => ({
    onDragOver(event: DragEvent) {
      if (!isFeedDrag(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      setDropTarget(target);
    },
    onDragLeave() {
      setDropTarget((current) => (current === target ? null : current));
    },
    onDrop(event: DragEvent) {
      if (!isFeedDrag(event)) return;
      event.preventDefault();
      setDropTarget(null);
      const feedId = Number(event.dataTransfer.getData(feedDragType));
      if (feedId) move(feedId, target === 'none' ? null : target);
    },
  });

  async function remove(folder: Folder) {
    const count = feeds.filter((f) => f.folderId === folder.id).length;
    const what = count === 0 ? 'It is empty.' : `Its ${count} feeds stay, outside any folder.`;
    if (!window.confirm(`Delete the folder "${folder.name}"? ${what}`)) return;
    try {
      await api.deleteFolder({ folderId: folder.id });
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error));
    }
  }

  const toggle = (id: number) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <>
      <li className="folder-tools">
        <span className="folder-tools-label">Feeds and folders</span>
        <button type="button" onClick={() => setNaming({ kind: 'create' })} title="New folder">
          + Folder
        </button>
        <button
          type="button"
          onClick={() => fileInput.current?.click()}
          disabled={opml.busy}
          title="Import an OPML file (or drop one on the window)"
        >
          Import
        </button>
        <button type="button" onClick={() => void opml.exportNow()} title="Export all feeds as OPML">
          Export
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".opml,.xml,text/x-opml,text/xml,application/xml"
          aria-label="Import OPML file"
          hidden
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void opml.importFile(file);
          }}
        />
      </li>
      {folders.map((folder) => {
        const inside = feeds.filter((f) => f.folderId === folder.id);
        const unread = inside.reduce((sum, f) => sum + f.unreadCount, 0);
        const open = !collapsed.has(folder.id);
        return (
          <li
            key={folder.id}
            className={`folder${dropTarget === folder.id ? ' drop-target' : ''}`}
            data-folder-id={folder.id}
            {...dropHandlers(folder.id)}
          >
            <div className={`feed-row folder-row${selectedFolderId === folder.id ? ' selected' : ''}`}>
              <button
                type="button"
                className="caret"
                aria-expanded={open}
                aria-label={open ? `Collapse ${folder.name}` : `Expand ${folder.name}`}
                onClick={() => toggle(folder.id)}
              >
                {open ? '▾' : '▸'}
              </button>
              <button
                type="button"
                className="folder-name"
                aria-current={selectedFolderId === folder.id ? 'true' : undefined}
                onClick={() => props.onSelectFolder(folder.id)}
              >
                <span className="feed-title">{folder.name}</span>
                {unread > 0 && <span className="count">{unread}</span>}
              </button>
              <span className="folder-actions">
                <button
                  type="button"
                  aria-label={`Rename ${folder.name}`}
                  title="Rename"
                  onClick={() => setNaming({ kind: 'rename', folder })}
                >
                  ✎
                </button>
                <button
                  type="button"
                  aria-label={`Delete ${folder.name}`}
                  title="Delete (its feeds stay)"
                  onClick={() => void remove(folder)}
                >
                  ×
                </button>
              </span>
            </div>
            {open && inside.length > 0 && (
              <ul role="list" className="folder-feeds">
                {inside.map((feed) => (
                  <FeedRow
                    key={feed.id}
                    feed={feed}
                    selected={selectedFeedId === feed.id}
                    onSelect={props.onSelectFeed}
                  />
                ))}
              </ul>
            )}
          </li>
        );
      })}
      {folders.length > 0 && (
        <li
          className={`folder-drop-out${dropTarget === 'none' ? ' drop-target' : ''}`}
          aria-label="Not in a folder"
          {...dropHandlers('none')}
        >
          Not in a folder
        </li>
      )}
      {/* Menus, dialogs and overlays live on <body>: these rows sit inside the feed list's <ul>. */}
      {createPortal(
        <>
          <FeedMoveMenu
            folders={folders}
            folderOf={(feedId) => feeds.find((f) => f.id === feedId)?.folderId ?? null}
            onMove={move}
            onNewFolder={(feedId) => setNaming({ kind: 'create', thenMove: feedId })}
          />
          {naming && (
            <FolderNameDialog
              title={naming.kind === 'create' ? 'New folder' : `Rename "${naming.folder.name}"`}
              initial={naming.kind === 'rename' ? naming.folder.name : ''}
              action={naming.kind === 'create' ? 'Create' : 'Rename'}
              onSubmit={async (name) => {
                if (naming.kind === 'rename') {
                  await api.renameFolder({ folderId: naming.folder.id, name });
                  return;
                }
                const folder = await api.createFolder({ name });
                if (naming.thenMove !== undefined) await api.moveFeed({ feedId: naming.thenMove, folderId: folder.id });
              }}
              onClose={() => setNaming(null)}
            />
          )}
          {opml.state && <ImportStatus state={opml.state} onDismiss={opml.dismiss} />}
          {draggingFile && (
            <div className="file-drop-overlay" aria-hidden="true">
              Drop an OPML file to import its feeds
            </div>
          )}
        </>,
        document.body,
      )}
    </>
  );
}
