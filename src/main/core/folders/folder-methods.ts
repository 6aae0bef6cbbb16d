import type { Folder } from '../../../shared/api';
import { AppError } from '../app-error';
import type { CoreContext, MethodsPart } from '../context';
import { createFoldersRepo, type FolderRow, type FoldersRepo } from './folders-repo';

export type FolderMethodNames = 'listFolders' | 'createFolder' | 'renameFolder' | 'deleteFolder' | 'moveFeed';

export interface FolderMethods extends MethodsPart<FolderMethodNames> {
  repo: FoldersRepo;
  /** Announces the whole folder list (after anything changed membership or names). */
  announce(): void;
}

export const toFolder = (row: FolderRow): Folder => ({
  id: row.id,
  name: row.name,
  feedCount: row.feed_count,
  unreadCount: row.unread_count,
});

/** Folders: one level; deleting one moves its feeds out, never removes them. */
export function createFolderMethods(ctx: CoreContext): FolderMethods {
  const { db, library, events, clock } = ctx;
  const repo = createFoldersRepo(db);
  const list = () => repo.list().map(toFolder);
  const announce = () => events.emit('foldersChanged', { folders: list() });
  const folderOf = (id: number) => list().find((f) => f.id === id);

  const refuseTaken = (name: string, except?: number) => {
    const existing = repo.getByName(name);
    if (existing && existing.id !== except) {
      throw new AppError('ALREADY_EXISTS', `There is already a folder called "${existing.name}".`);
    }
  };
  // The schemas trim too; the core does it again so every caller (tests, the import) gets the same names.
  const cleanName = (name: string) => {
    const trimmed = name.replace(/\s+/g, ' ').trim();
    if (!trimmed) throw new AppError('INVALID_INPUT', 'Give the folder a name.');
    return trimmed;
  };
  const mustExist = (id: number) => {
    if (!repo.get(id)) throw new AppError('NOT_FOUND', 'That folder no longer exists.');
  };
  const deleteFolder = db.transaction((id: number) => repo.remove(id));

  return {
    repo,
    announce,
    async listFolders() {
      return list();
    },
    async createFolder(arg) {
      const name = cleanName(arg.name);
      refuseTaken(name);
      const id = repo.insert(name, clock.now());
      announce();
      return folderOf(id)!;
    },
    async renameFolder({ folderId, ...arg }) {
      const name = cleanName(arg.name);
      mustExist(folderId);
      refuseTaken(name, folderId);
      repo.rename(folderId, name);
      announce();
      return folderOf(folderId)!;
    },
    async deleteFolder({ folderId }) {
      const { deleted, moved } = deleteFolder(folderId);
      if (!deleted) throw new AppError('NOT_FOUND', 'That folder no longer exists.');
      for (const feedId of moved) library.announce(feedId);
      announce();
      return { deleted, feedsMoved: moved.length };
    },
    async moveFeed({ feedId, folderId }) {
      if (!library.feeds.get(feedId)) throw new AppError('NOT_FOUND', 'That feed is no longer in your library.');
      if (folderId !== null) mustExist(folderId);
      repo.moveFeed(feedId, folderId);
      library.announce(feedId);
      announce();
      return library.feed(feedId)!;
    },
  };
}
