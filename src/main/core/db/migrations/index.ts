import type Database from 'better-sqlite3';
import { initial } from './001-initial';
import { folders } from './002-folders';
import { pollScheduleAndChanges } from './003-poll-schedule-and-changes';
import { searchStarsRetention } from './004-search-stars-retention';
import { websub } from './005-websub';
import { itemEnclosures } from './006-item-enclosures';
import { websubHealing } from './007-websub-healing';
import { hub } from './009-hub';
import { searchScopeAndReadMarks } from './010-search-scope-and-read-marks';
import { iconsArticlesRules } from './012-icons-articles-rules';
import { websubInboxParts } from './013-websub-inbox-parts';

export type Migration = (db: Database.Database) => void;

/** In order: migration N brings the schema from version N-1 to N. Never edit a shipped one. */
export const migrations: readonly Migration[] = [
  initial,
  folders,
  pollScheduleAndChanges,
  searchStarsRetention,
  websub,
  itemEnclosures,
  websubHealing,
  hub,
  searchScopeAndReadMarks,
  iconsArticlesRules,
  websubInboxParts,
];
