import sax from 'sax';
import { decodeHTML } from 'entities';
import { AppError } from '../app-error';
import { nextTurn } from '../next-turn';

/** One feed the file lists, with the folder it belongs in (null: none). */
export interface OpmlFeed {
  url: string;
  title: string | null;
  siteUrl: string | null;
  folder: string | null;
}

export interface ParsedOpml {
  title: string | null;
  feeds: OpmlFeed[];
  /** Every folder the file names, in file order, including empty ones. */
  folders: string[];
  invalid: { title: string; reason: string }[];
}

/**
 * Bounds on a file from outside: 30,000 nested outlines (840 KB) once took the
 * whole heap, as each level copied its parent's path. Real subscription lists
 * nest a few levels and hold some thousands of feeds.
 */
export const opmlLimits = { maxDepth: 50, maxOutlines: 100_000 };

/** Text handed to the XML parser per slice, between which the event loop runs (~5 ms each). */
const sliceChars = 64 * 1024;

/** How nested folders become one level: "Tech / Web". Kept in one place so export and import agree. */
export const folderSeparator = ' / ';

interface Frame {
  kind: 'feed' | 'folder' | 'unnamed';
  /** Folder path this outline opens for its children, or null when it is a feed or unnamed. */
  folderPath: string[] | null;
  hasChildren: boolean;
  attrs: Record<string, string>;
}

const notOpml = (why: string) =>
  new AppError('INVALID_INPUT', `This file is not an OPML subscription list (${why}). Nothing was imported.`);

/**
 * OPML 1.0 and 2.0 to a flat list of feeds with their folder. Strict XML (a
 * malformed file is refused as a whole, so a half-read list never gets
 * stored), no DTD entity expansion (sax never expands declared entities), and
 * the HTML named entities some readers leave in titles decoded.
 */
export function parseOpml(text: string): ParsedOpml {
  const parser = createOpmlParser(text);
  parser.write(text);
  return parser.finish();
}

/**
 * The same, a slice at a time with the event loop free in between: a
 * 20,000-feed file (4 MB) is parsed without blocking the process.
 */
export async function parseOpmlInSlices(text: string): Promise<ParsedOpml> {
  const parser = createOpmlParser(text);
  for (let at = 0; at < text.length; at += sliceChars) {
    parser.write(text.slice(at, at + sliceChars));
    await nextTurn();
  }
  return parser.finish();
}

function createOpmlParser(text: string): { write(slice: string): void; finish(): ParsedOpml } {
  if (text.trim() === '') throw notOpml('the file is empty');
  const parser = sax.parser(true, { trim: false, normalize: false, xmlns: false, position: true });
  const result: ParsedOpml = { title: null, feeds: [], folders: [], invalid: [] };
  const stack: Frame[] = [];
  const folderSet = new Set<string>();
  /** Folders (lower case) that hold a feed, and folders dropped again (empty ones that were links). */
  const foldersWithFeeds = new Set<string>();
  const droppedFolders = new Set<string>();
  let outlines = 0;
  let root: string | null = null;
  let inBody = false;
  let inHeadTitle = false;
  let headTitle = '';
  let xmlError: string | null = null;

  const addFolder = (path: string[]) => {
    const name = path.join(folderSeparator);
    const key = name.toLowerCase();
    droppedFolders.delete(key);
    if (!folderSet.has(key)) {
      folderSet.add(key);
      result.folders.push(name);
    }
  };
  const currentFolder = (): string[] | null => {
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.folderPath) return stack[i]!.folderPath;
    return null;
  };

  parser.onerror = (error) => {
    if (xmlError === null) xmlError = error.message.split('\n')[0] ?? 'unreadable';
    // Stop at the first error: a malformed file imports nothing.
    throw error;
  };
  parser.onopentag = (node) => {
    const name = node.name.toLowerCase();
    if (root === null) {
      root = name;
      if (name !== 'opml') throw notOpml(`its root element is <${node.name}>, not <opml>`);
      return;
    }
    if (name === 'body') inBody = true;
    if (name === 'title' && !inBody && stack.length === 0) inHeadTitle = true;
    if (name !== 'outline' || !inBody) return;
    if (++outlines > opmlLimits.maxOutlines) {
      throw new AppError(
        'TOO_LARGE',
        `This OPML file holds more than ${opmlLimits.maxOutlines.toLocaleString('en')} outlines, more than Tidings imports at once. Nothing was imported.`,
      );
    }
    if (stack.length >= opmlLimits.maxDepth) {
      throw new AppError(
        'TOO_LARGE',
        `This OPML file nests its outlines more than ${opmlLimits.maxDepth} deep, too deep to be a subscription list. Nothing was imported.`,
      );
    }
    const parent = stack.at(-1);
    if (parent) parent.hasChildren = true;
    const attrs: Record<string, string> = {};
    for (const [key, value] of Object.entries(node.attributes as Record<string, string>)) {
      attrs[key.toLowerCase()] = value;
    }
    const xmlUrl = attrs.xmlurl?.trim() ?? attrs.url?.trim();
    const looksLikeFeed =
      Boolean(attrs.xmlurl?.trim()) || (Boolean(attrs.url?.trim()) && /^(rss|atom|feed)$/i.test(attrs.type ?? ''));
    if (looksLikeFeed && xmlUrl) {
      stack.push({ kind: 'feed', folderPath: null, hasChildren: false, attrs });
      const label = titleOf(attrs);
      const url = feedUrlOf(xmlUrl);
      if (!url) {
        result.invalid.push({ title: label ?? xmlUrl, reason: `"${xmlUrl}" is not a web address Tidings can fetch.` });
        return;
      }
      const folder = currentFolder() ?? categoryFolder(attrs.category);
      if (folder) {
        addFolder(folder);
        foldersWithFeeds.add(folder.join(folderSeparator).toLowerCase());
      }
      result.feeds.push({
        url,
        title: label,
        siteUrl: attrs.htmlurl?.trim() ? (feedUrlOf(attrs.htmlurl.trim()) ?? null) : null,
        folder: folder ? folder.join(folderSeparator) : null,
      });
      return;
    }
    // Not a feed: a folder if it has a name; an unnamed one passes its children to its parent.
    const label = titleOf(attrs);
    const path = label ? [...(currentFolder() ?? []), label] : null;
    stack.push({ kind: path ? 'folder' : 'unnamed', folderPath: path, hasChildren: false, attrs });
    if (path) addFolder(path);
  };
  parser.onclosetag = (tagName) => {
    const name = tagName.toLowerCase();
    if (name === 'body') inBody = false;
    if (name === 'title') inHeadTitle = false;
    if (name !== 'outline' || !inBody) return;
    const frame = stack.pop();
    if (!frame || frame.kind === 'feed' || frame.hasChildren) return;
    // A childless outline with no feed address: an empty folder, unless it is plainly a link or a page.
    const a = frame.attrs;
    const isSomethingElse = Boolean(a.htmlurl?.trim() || a.url?.trim() || a.xmlurl !== undefined || isNonFeedType(a));
    if (frame.kind === 'folder' && !isSomethingElse) return;
    if (frame.folderPath) dropFolder(frame.folderPath.join(folderSeparator));
    result.invalid.push({
      title: titleOf(a) ?? a.htmlurl ?? a.url ?? '(untitled)',
      reason:
        a.type && isNonFeedType(a) && !/^(rss|atom|feed)$/i.test(a.type)
          ? `It is a "${a.type}" outline, not a feed.`
          : 'It has no feed address (xmlUrl).',
    });
  };
  parser.ontext = (chunk) => {
    if (inHeadTitle) headTitle += chunk;
  };

  // Sets, not searches of the lists: a file of 50,000 such outlines made this quadratic.
  const dropFolder = (name: string) => {
    const key = name.toLowerCase();
    if (folderSet.has(key) && !foldersWithFeeds.has(key)) droppedFolders.add(key);
  };

  const failed = (error: unknown): never => {
    if (error instanceof AppError) throw error;
    if (root === null) throw notOpml('it is not XML');
    throw new AppError(
      'INVALID_INPUT',
      `This OPML file is damaged (${xmlError ?? 'it could not be read'}). Nothing was imported.`,
    );
  };
  return {
    write(slice) {
      try {
        parser.write(slice);
      } catch (error) {
        failed(error);
      }
    },
    finish() {
      try {
        parser.close();
      } catch (error) {
        failed(error);
      }
      if (root === null) throw notOpml('it is not XML');
      result.title = headTitle.trim() ? clean(headTitle) : null;
      if (droppedFolders.size > 0) result.folders = result.folders.filter((f) => !droppedFolders.has(f.toLowerCase()));
      return result;
    },
  };
}

function isNonFeedType(attrs: Record<string, string>): boolean {
  const type = attrs.type?.toLowerCase();
  return type !== undefined && type !== '' && type !== 'folder' && type !== 'category';
}

/** `title` first (the user's name for it), then `text`; entities some readers double-escape decoded. */
function titleOf(attrs: Record<string, string>): string | null {
  const raw = attrs.title?.trim() || attrs.text?.trim();
  return raw ? clean(raw) : null;
}

function clean(value: string): string {
  // "AT&amp;amp;T" in the file is "AT&amp;T" after XML decoding: a second, HTML, decoding finishes the job.
  const decoded = /&(#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i.test(value) ? decodeHTML(value) : value;
  return decoded.replace(/\s+/g, ' ').trim();
}

/** The OPML 2.0 `category` attribute: "/Tech/Web,/News" puts the feed in "Tech / Web". */
function categoryFolder(category: string | undefined): string[] | null {
  const first = category?.split(',')[0]?.trim();
  if (!first) return null;
  const parts = first
    .split('/')
    .map((part) => clean(part))
    .filter(Boolean);
  return parts.length > 0 ? parts : null;
}

/** http(s) addresses as is, `feed:` ones as the http address they stand for; anything else is refused. */
function feedUrlOf(raw: string): string | null {
  let candidate = raw.trim();
  if (/^feed:\/\//i.test(candidate)) candidate = `http://${candidate.slice(7)}`;
  else if (/^feed:https?:/i.test(candidate)) candidate = candidate.slice(5);
  try {
    const url = new URL(candidate);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}
