/** Every single-key shortcut, once: the `?` list and the empty reader's hint are made from it. */
export const keyList: ReadonlyArray<{ key: string; does: string }> = [
  { key: 'j', does: 'next item' },
  { key: 'k', does: 'previous item' },
  { key: 'm', does: 'mark read or unread' },
  { key: 's', does: 'star or unstar' },
  { key: 'h', does: 'share, with an optional note (again: change the note or unshare)' },
  { key: 'v', does: 'full article (reader view) or the feed’s text' },
  { key: 'o', does: 'open in the browser' },
  { key: '/', does: 'search' },
  { key: 'A', does: 'mark all read' },
  { key: 'a', does: 'add a feed' },
  { key: '?', does: 'this list of keys' },
  { key: 'Esc', does: 'close a dialog' },
];
