/**
 * The API contract between the core and every UI: method signatures, event
 * payloads and data shapes. Pure TypeScript: no `electron`, no `node:*`, no DOM,
 * so the core, the preload, the headless host and the renderer all import it.
 *
 * Adding a method: add it to `MethodArgs` and `MethodResults`, to `methodNameSet`
 * (the compiler insists), to the input schemas in `api-schemas.ts`, and implement
 * it in the core. The IPC loop, the preload and the HTTP host pick it up from here.
 */

/** Stable, closed set of error codes. The UI shows the message; tests and logic use the code. */
export const errorCodes = [
  'INVALID_INPUT',
  'INVALID_URL',
  'DNS_FAILURE',
  'UNREACHABLE',
  'TIMEOUT',
  'HTTP_ERROR',
  'TOO_LARGE',
  'TOO_MANY_REDIRECTS',
  'NOT_A_FEED',
  'NO_FEED_FOUND',
  /** The page was fetched but holds no article Readability can find (issue 16). */
  'NO_ARTICLE_FOUND',
  /** The page wants a subscription or a sign-in before it shows the article (issue 16). */
  'PAYWALLED',
  'MALFORMED_FEED',
  'ALREADY_EXISTS',
  'NOT_FOUND',
  'UNKNOWN_METHOD',
  'UNAUTHORIZED',
  'FORBIDDEN',
  /** Another Tidings (the app or a host) holds this profile (issue 15). */
  'PROFILE_IN_USE',
  /** The disk (or the user's quota) is full. */
  'DISK_FULL',
  /** The profile folder is read-only, someone else's, or can't be created. */
  'NOT_WRITABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ApiError {
  code: ErrorCode;
  /** A sentence a person understands; never a stack trace. */
  message: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** How a feed's new items reach us. Filled in by the WebSub and polling parts. */
export type DeliveryMode = 'push' | 'pending' | 'polling' | 'denied' | 'error';

export interface Delivery {
  mode: DeliveryMode;
  hubUrl: string | null;
  leaseExpiresAt: number | null;
  lastPingAt: number | null;
  rejectedSignatures: number;
  /** Times a poll found items the hub never delivered, so Tidings subscribed again (it heals itself). */
  resubscribes: number;
  lastResubscribeAt: number | null;
  /** Why the feed is in this mode, in words (for example the hub's refusal). */
  reason: string | null;
}

export interface Feed {
  id: number;
  title: string;
  /** The feed document's URL (after permanent redirects). */
  feedUrl: string;
  /** The website the feed belongs to, when it says. */
  siteUrl: string | null;
  unreadCount: number;
  /** Epoch milliseconds of the last successful fetch, or null. */
  lastFetchedAt: number | null;
  lastError: ApiError | null;
  delivery: Delivery;
  /** The folder the feed is in, or null when it is in none. */
  folderId: number | null;
  /** The feed's icon as a data URL (small: one image of about 32 px), or null: the UI draws a letter tile. */
  iconUrl: string | null;
}

/** Folders are one level deep; OPML nesting deeper than that becomes "Parent / Child" names. */
export interface Folder {
  id: number;
  name: string;
  feedCount: number;
  /** A snapshot: the sidebar sums its feeds' live counts instead. */
  unreadCount: number;
}

export interface ImportOpmlResult {
  /** Feeds stored (not yet fetched: that runs in the background as job `jobId`). */
  added: number;
  /** Feeds already followed, or listed twice in the file. */
  skipped: number;
  /** Outlines that could not become a feed, with why. */
  invalid: { title: string; reason: string }[];
  foldersCreated: number;
  /** Absent when nothing needs fetching. */
  jobId?: string;
}

export interface ImportFailure {
  feedId: number;
  title: string;
  url: string;
  reason: string;
}

export interface ImportProgress {
  jobId: string;
  done: number;
  total: number;
  /** How many feeds failed so far. */
  failed: number;
  /**
   * Those failures with their reasons: all of them once `finished`, the first
   * 200 before (an import of 20,000 dead feeds would otherwise send megabytes
   * several times a second).
   */
  failures: ImportFailure[];
  finished: boolean;
}

export interface ItemSummary {
  id: number;
  feedId: number;
  feedTitle: string;
  title: string;
  link: string | null;
  author: string | null;
  /** Epoch milliseconds: the item's own date, or when we first saw it. */
  publishedAt: number;
  summary: string;
  read: boolean;
  starred: boolean;
}

/** A file an item carries (a podcast episode, a video, an image), as the feed describes it. */
export interface Enclosure {
  /** Absolute http(s) URL. */
  url: string;
  /** MIME type, when the feed gives one (`audio/mpeg`, `video/mp4`, `image/jpeg`). */
  type: string | null;
  /** Size in bytes, when given. */
  length: number | null;
  title: string | null;
  durationSeconds: number | null;
}

export interface Item extends ItemSummary {
  /**
   * The item's HTML, with relative URLs resolved where the feed defined them and
   * scripts, frames and event handlers removed; the renderer still sanitises it before showing it.
   */
  contentHtml: string;
  /** Audio, video and other files the item carries (RSS enclosure, Atom rel=enclosure, Media RSS, JSON Feed attachments). */
  enclosures: Enclosure[];
  /** The item's picture (`media:thumbnail`, `itunes:image`, JSON Feed `image`, h-entry `photo`), when it names one. */
  imageUrl: string | null;
}

/** An item's page as Readability reads it (issue 16): sanitised like all item HTML before it is shown. */
export interface Article {
  contentHtml: string;
  title: string;
  byline: string | null;
  /** The page the article was read from (after redirects). */
  url: string;
}

/** What a rule looks at: the item's title, its text, its author, its feed's title, or any of the first three. */
export type RuleField = 'title' | 'content' | 'author' | 'feed' | 'any';
/**
 * `words`: the field contains every one of the words (and "quoted phrases") in `value`, ignoring case and accents.
 * `pattern`: `value` is a regular expression (RE2 syntax: no look-around or back-references), ignoring case.
 */
export type RuleMatch = 'words' | 'pattern';
export type RuleAction = 'markRead' | 'star' | 'hide' | 'notify';
export const ruleActions: readonly RuleAction[] = ['markRead', 'star', 'hide', 'notify'];
/** Every feed, one feed, or the feeds of one folder (the same shape as markAllRead's scope). */
export type RuleScope = { all: true } | { feedId: number } | { folderId: number };

/** Rules run in the core on every new item (push and poll), in `position` order. */
export interface Rule {
  id: number;
  name: string;
  enabled: boolean;
  field: RuleField;
  match: RuleMatch;
  value: string;
  /** Hiding also marks read; notify asks for a notification even where notifications are off. */
  actions: RuleAction[];
  scope: RuleScope;
  /** 0-based place in the order. */
  position: number;
}

/**
 * Search marks matches with these two private-use characters (never HTML), so
 * the renderer turns them into <mark> elements and shows everything else as text.
 */
export const highlightStart = '\uE000';
export const highlightEnd = '\uE001';

/** A search result: plain text, with matches between `highlightStart` and `highlightEnd`. */
export interface SearchHit extends ItemSummary {
  titleHighlighted: string;
  /** A short excerpt around the best match (plain text, marked the same way). */
  snippet: string;
}

/** One feed a web page links to, offered when a page lists several. */
export interface FeedChoice {
  url: string;
  title: string;
  type: string;
}

export type AddFeedResult = { feed: Feed; added: number } | { choices: FeedChoice[] };

/** Whether a feed can come by push (WebSub), and why or why not, in words: told before adding. */
export interface PushOutlook {
  /** The feed names a hub (or its publisher's hub is known). */
  capable: boolean;
  /** True when it will be live by push right away (push on, a public address). */
  live: boolean;
  hubUrl: string | null;
  /** For example "Live by push via pubsubhubbub.appspot.com", or why it is polled. */
  reason: string;
}

/** What adding a URL would give, without adding it (checkFeed). */
export interface FeedPreview {
  /** Where it would be stored. */
  url: string;
  title: string;
  itemCount: number;
  /** The feed already followed at that address, if any. */
  existingFeedId: number | null;
  push: PushOutlook;
}

export type CheckFeedResult = { feed: FeedPreview } | { choices: FeedChoice[] };

export interface ItemPage {
  items: ItemSummary[];
  /** Pass as `before` to get the next (older) page; null when there is none. */
  nextBefore: string | null;
}

export interface Status {
  version: string;
  feedCount: number;
  unreadCount: number;
  /** 'push' when feeds can be pushed to us, else why not. */
  push: { state: 'off' | 'starting' | 'up' | 'down'; publicUrl: string | null; reason: string | null };
  feedsByMode: Record<DeliveryMode, number>;
  /** The localtunnel that gives the callback server its public URL ('off' with an own public URL or push off). */
  tunnel: TunnelStatus;
}

export interface TunnelStatus {
  state: 'off' | 'connecting' | 'up' | 'down';
  /** The tunnel server in use. */
  host: string | null;
  /** The public base URL while up. */
  url: string | null;
  /** Why it is down, in words. */
  reason: string | null;
}

/**
 * User settings. Each part of the core owns its fields (add yours here, in
 * api-schemas.ts's settingsPatch, and read them where they are used).
 */
export interface Settings {
  /** Receive pushes through WebSub (false: poll everything). */
  pushEnabled: boolean;
  /** Send a WebSub secret to plain-http hubs too (off: secrets only travel over https, REC §5.1). */
  allowHttpSecret: boolean;
  /** The localtunnel server that gives the callback server a public URL (any self-hosted one works). */
  tunnelHost: string;
  /** This install's requested tunnel subdomain, chosen at random once, so callbacks survive restarts. */
  tunnelSubdomain: string | null;
  /**
   * An own public address that reaches the callback server (a reverse proxy), used
   * instead of a tunnel; null: use the tunnel.
   */
  publicUrl: string | null;
  /** Polling: the interval a feed starts with, and the bounds its learnt interval stays within (minutes). */
  pollIntervalMinutes: number;
  pollMinMinutes: number;
  pollMaxMinutes: number;
  /** How often a feed that is live by push is still polled, to catch a missed ping (hours). */
  safetyPollHours: number;
  /** Desktop notifications for new items, and the feeds they are off for. */
  notificationsEnabled: boolean;
  notificationsMutedFeedIds: number[];
  /** Retention: days to keep read, unstarred items; null keeps everything. Unread and starred items are always kept. */
  keepReadDays: number | null;
  /** Feeds whose items open as the full article (Readability) instead of what the feed carries. */
  fullArticleFeedIds: number[];
  /** Load remote images (img, picture, posters, the item's picture) when an item opens; off: only when asked, per item. */
  loadRemoteImages: boolean;
  /** Desktop app: closing the window hides it to the tray and Tidings keeps receiving (off: closing quits, as before). */
  runInBackground: boolean;
  /** Desktop app: start at login, hidden in the tray (Electron's login items; an XDG autostart entry on Linux). */
  openAtLogin: boolean;
  /** The shared feed's title (issue 12). */
  sharedFeedTitle: string;
  /** External hubs (for example a public one that fans out to many) advertised by the shared feed and pinged on each change. */
  shareHubUrls: string[];
}

/** An item the user shared: a copy of what the shared feed (`/shared.atom`) says about it. */
export interface SharedEntry {
  /** The entry's own id (it outlives its item: `unshareItem { entryId }` removes it then). */
  id: number;
  /** The item it was shared from; null once that item is gone (its feed removed, or pruned). */
  itemId: number | null;
  title: string;
  link: string | null;
  author: string | null;
  /** The user's note, shown as the entry's content above the quoted summary. */
  note: string | null;
  summary: string;
  /** The feed it came from (the entry's Atom `<source>`). */
  feedTitle: string;
  feedUrl: string | null;
  /** Epoch milliseconds: when it was shared (the entry's `published`). */
  sharedAt: number;
}

/** One callback subscribed at Tidings's hub, as the Sharing panel shows it. */
export interface SharingSubscriber {
  id: number;
  /** The callback's host (the whole callback is the subscriber's secret capability URL). */
  callbackHost: string;
  leaseExpiresAt: number;
  /** It gave a secret: its deliveries are signed. */
  signed: boolean;
  lastDeliveryAt: number | null;
  /** "200", "HTTP 503", "no answer within 10 s"...; null before the first delivery. */
  lastDeliveryStatus: string | null;
  lastDeliveryOk: boolean | null;
  /** Tries of the queued delivery that failed so far (0: none queued, or not yet tried). */
  retriesPending: number;
  /** When the queued delivery goes out next; null when nothing is queued. */
  nextDeliveryAt: number | null;
}

/** An external hub from `shareHubUrls`, pinged on every change of the shared feed. */
export interface SharingHub {
  url: string;
  lastPingAt: number | null;
  /** Its last answer in words ("HTTP 204", "no answer within 10 s"); null before the first ping. */
  lastAnswer: string | null;
  lastOk: boolean | null;
  /** When a failed ping is tried again; null when none is waiting. */
  nextPingAt: number | null;
}

/** The shared feed, its hub, who subscribes, and the external hubs it notifies. */
export interface Sharing {
  /** `<public origin>/shared.atom`, or null when nothing public reaches Tidings. */
  feedUrl: string | null;
  hubUrl: string | null;
  /** Why there is no public address (push off, tunnel down), in words; null when there is one. */
  reason: string | null;
  title: string;
  entryCount: number;
  subscribers: SharingSubscriber[];
  hubs: SharingHub[];
}

/** What changed since a cursor `changesSince` gave out: the renderer's fallback when an event was lost. */
export interface Changes {
  /** Pass back next time. */
  cursor: number;
  /** True when the cursor is too old (or absent) to answer exactly: reload everything. */
  reset: boolean;
  /** Feeds added or changed since the cursor, as they are now. */
  feeds: Feed[];
  removedFeedIds: number[];
  /** Items added since the cursor (still stored), newest first. */
  items: ItemSummary[];
}

/** Where a "refresh all" (or a catch-up poll) is. */
export interface RefreshProgress {
  running: boolean;
  done: number;
  total: number;
  failed: number;
  added: number;
}

export interface MethodArgs {
  /** `asPage`: the URL is a page to follow for its own h-entries, not for the feeds it advertises (a choice the user made). */
  addFeed: { url: string; asPage?: boolean };
  /** What addFeed would find at this URL (feed, or choices) and whether it can push, without adding it. */
  checkFeed: { url: string; asPage?: boolean };
  removeFeed: { feedId: number };
  listFeeds: Record<string, never>;
  listItems: {
    feedId?: number;
    folderId?: number;
    unreadOnly?: boolean;
    /** The starred view (issue 7). */
    starredOnly?: boolean;
    limit?: number;
    before?: string;
  };
  getItem: { itemId: number };
  setRead: { itemIds: number[]; read: boolean };
  refreshFeed: { feedId: number };
  getStatus: Record<string, never>;
  getSettings: Record<string, never>;
  updateSettings: Partial<Settings>;
  listFolders: Record<string, never>;
  createFolder: { name: string };
  renameFolder: { folderId: number; name: string };
  /** Its feeds move out of it (to no folder); none is ever removed. */
  deleteFolder: { folderId: number };
  moveFeed: { feedId: number; folderId: number | null };
  /** `text` is the file as text; `base64` its bytes, decoded by the file's own encoding declaration. */
  importOpml: { text?: string; base64?: string };
  exportOpml: Record<string, never>;
  /** Fetches every feed now, politely (concurrency limits, Retry-After); progress comes as `refreshProgress` events. */
  refreshAll: Record<string, never>;
  /** The computer woke up: catch up on every feed (the Electron shell's powerMonitor and the host call it). */
  resume: Record<string, never>;
  /** Without a cursor: just the current cursor (and reset). */
  changesSince: { cursor?: number };
  /** Stars or unstars items (starred items are never pruned by retention). */
  setStarred: { itemIds: number[]; starred: boolean };
  /** Full-text search, ranked; across everything, one feed or one folder. */
  search: { query: string; feedId?: number; folderId?: number; limit?: number };
  /** Exactly one scope: a feed, a folder, or everything (`all: true`). */
  markAllRead: { feedId: number } | { folderId: number } | { all: true };
  undoMarkAllRead: { token: string };
  /** Reads the item's page with Readability (off the main thread) and stores the article with the item; a stored one is answered at once, offline too. */
  extractArticle: { itemId: number };
  /** In the order they run. */
  listRules: Record<string, never>;
  /** Creates a rule (no `ruleId`) or replaces one; `position` moves it; `applyToExisting` runs it once over the items already stored in its scope. */
  saveRule: {
    ruleId?: number;
    name?: string;
    enabled?: boolean;
    field: RuleField;
    match: RuleMatch;
    value: string;
    actions: RuleAction[];
    scope: RuleScope;
    position?: number;
    applyToExisting?: boolean;
  };
  deleteRule: { ruleId: number };
  /** Shares an item (again: its note changes, it keeps its place); the shared feed and its subscribers follow. */
  shareItem: { itemId: number; note?: string };
  /** By the item, or by the entry (for an entry whose item is gone). */
  unshareItem: { itemId: number } | { entryId: number };
  listShared: Record<string, never>;
  getSharing: Record<string, never>;
}

export interface MethodResults {
  addFeed: AddFeedResult;
  checkFeed: CheckFeedResult;
  removeFeed: { removed: boolean };
  listFeeds: Feed[];
  listItems: ItemPage;
  getItem: Item;
  setRead: { changed: number };
  refreshFeed: { added: number };
  getStatus: Status;
  getSettings: Settings;
  updateSettings: Settings;
  listFolders: Folder[];
  createFolder: Folder;
  renameFolder: Folder;
  deleteFolder: { deleted: boolean; feedsMoved: number };
  moveFeed: Feed;
  importOpml: ImportOpmlResult;
  exportOpml: { text: string; fileName: string };
  refreshAll: RefreshProgress;
  resume: { polled: number };
  changesSince: Changes;
  setStarred: { changed: number };
  search: { items: SearchHit[] };
  /** `undoToken` is null when nothing was unread. */
  markAllRead: { changed: number; undoToken: string | null };
  undoMarkAllRead: { changed: number };
  extractArticle: Article;
  listRules: Rule[];
  /** `applied`: items the rule changed when it ran over the stored ones (0 without `applyToExisting`). */
  saveRule: { rule: Rule; applied: number };
  deleteRule: { deleted: boolean };
  shareItem: SharedEntry;
  unshareItem: { removed: boolean };
  /** Newest first. */
  listShared: SharedEntry[];
  getSharing: Sharing;
}

export type MethodName = keyof MethodArgs & keyof MethodResults;

/** Every method, once: a missing or extra key is a compile error. */
const methodNameSet = {
  addFeed: true,
  checkFeed: true,
  removeFeed: true,
  listFeeds: true,
  listItems: true,
  getItem: true,
  setRead: true,
  refreshFeed: true,
  getStatus: true,
  getSettings: true,
  updateSettings: true,
  listFolders: true,
  createFolder: true,
  renameFolder: true,
  deleteFolder: true,
  moveFeed: true,
  importOpml: true,
  exportOpml: true,
  refreshAll: true,
  resume: true,
  changesSince: true,
  setStarred: true,
  search: true,
  markAllRead: true,
  undoMarkAllRead: true,
  extractArticle: true,
  listRules: true,
  saveRule: true,
  deleteRule: true,
  shareItem: true,
  unshareItem: true,
  listShared: true,
  getSharing: true,
} as const satisfies Record<MethodName, true>;
export const methodNames = Object.keys(methodNameSet) as MethodName[];

export interface EventPayloads {
  /** Exactly the items that were new to the database (less those a rule hid); `notifyItemIds`: those a rule asks to notify. */
  itemsAdded: { feedId: number; items: ItemSummary[]; notifyItemIds?: number[] };
  /** A feed was added, changed (title, counts, status) or removed (`feed: null`). */
  feedChanged: { feedId: number; feed: Feed | null };
  statusChanged: Status;
  settingsChanged: Settings;
  /** A folder was created, renamed or deleted, or feeds moved between folders: the whole list. */
  foldersChanged: { folders: Folder[] };
  /** Background fetching after an OPML import: done of total, failures with reasons. */
  importProgress: ImportProgress;
  /** A "refresh all" or catch-up poll advanced (and `running: false` once it is over). */
  refreshProgress: RefreshProgress;
  /**
   * The desktop shell was handed a `feed:` link (the browser, another app): open the add-feed dialog with
   * `url` filled in, for the user to confirm; `problem` says why the link held no usable address (`url` is '').
   */
  addFeedRequested: { url: string; problem: string | null };
  /** The desktop shell wants an item on screen (a notification was clicked); null: show every item. */
  itemOpenRequested: { itemId: number | null };
  /** Sharing changed: an entry shared or unshared, a subscriber came or went, a delivery or hub ping answered. */
  sharingChanged: Sharing;
}
export type EventName = keyof EventPayloads;

const eventNameSet = {
  itemsAdded: true,
  feedChanged: true,
  statusChanged: true,
  settingsChanged: true,
  foldersChanged: true,
  importProgress: true,
  refreshProgress: true,
  addFeedRequested: true,
  itemOpenRequested: true,
  sharingChanged: true,
} as const satisfies Record<EventName, true>;
export const eventNames = Object.keys(eventNameSet) as EventName[];

/** The whole API as the renderer sees it. Every subscription returns its unsubscribe. */
export type TidingsApi = {
  [M in MethodName]: (arg: MethodArgs[M]) => Promise<MethodResults[M]>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};

/** What the preload exposes on `window.tidings` (and what the HTTP client mimics). */
export interface TidingsBridge {
  invoke<M extends MethodName>(method: M, arg: MethodArgs[M]): Promise<Envelope<MethodResults[M]>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methodNameSet, name);
}

/** IPC channel names, shared by the main process and the preload so they can't drift. */
export const invokeChannel = (method: MethodName): string => `tidings:${method}`;
export const eventChannel = (event: EventName): string => `tidings:event:${event}`;
