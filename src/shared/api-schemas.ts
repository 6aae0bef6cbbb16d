/**
 * Runtime checks for every method's argument, so a bad call from any UI (IPC or
 * HTTP) is refused with a readable INVALID_INPUT before it reaches the core.
 * Kept apart from api.ts so the renderer bundle does not carry zod.
 */
import { z } from 'zod';
import type { MethodArgs, MethodName } from './api';

const id = z.number({ error: 'must be a number' }).int('must be a whole number').positive('must be positive');
const empty = z.object({}).strict();
const folderName = z.string().trim().min(1, 'Give the folder a name.').max(200, 'Use a shorter folder name.');

export const argSchemas = {
  addFeed: z
    .object({
      url: z.string().trim().min(1, 'Enter the address of a feed or a website.'),
      asPage: z.boolean().optional(),
    })
    .strict(),
  checkFeed: z
    .object({
      url: z.string().trim().min(1, 'Enter the address of a feed or a website.'),
      asPage: z.boolean().optional(),
    })
    .strict(),
  removeFeed: z.object({ feedId: id }).strict(),
  listFeeds: empty,
  listItems: z
    .object({
      feedId: id.optional(),
      folderId: id.optional(),
      unreadOnly: z.boolean().optional(),
      starredOnly: z.boolean().optional(),
      limit: z.number().int().min(1).max(500).optional(),
      before: z.string().max(100).optional(),
    })
    .strict(),
  getItem: z.object({ itemId: id }).strict(),
  setRead: z.object({ itemIds: z.array(id).max(10_000), read: z.boolean() }).strict(),
  refreshFeed: z.object({ feedId: id }).strict(),
  getStatus: empty,
  getSettings: empty,
  updateSettings: z
    .object({
      pushEnabled: z.boolean().optional(),
      allowHttpSecret: z.boolean().optional(),
      tunnelHost: z
        .string()
        .max(500)
        .regex(/^https?:\/\/[^/\s]+\/?$/, 'must be an http(s) address like https://localtunnel.me')
        .optional(),
      tunnelSubdomain: z
        .string()
        .regex(/^[a-z0-9-]{4,63}$/, 'must be 4-63 lower-case letters, digits or dashes')
        .nullable()
        .optional(),
      publicUrl: z
        .string()
        .max(500)
        .regex(/^https?:\/\/[^/\s#?]+(\/[^\s#?]*)?$/, 'must be an http(s) address like https://reader.example.net')
        .nullable()
        .optional(),
      pollIntervalMinutes: z.number().int().min(1).max(10_080).optional(),
      pollMinMinutes: z.number().int().min(1).max(10_080).optional(),
      pollMaxMinutes: z.number().int().min(1).max(10_080).optional(),
      safetyPollHours: z.number().int().min(1).max(168).optional(),
      notificationsEnabled: z.boolean().optional(),
      notificationsMutedFeedIds: z.array(id).max(100_000).optional(),
      keepReadDays: z.number().int().min(1).max(36_500).nullable().optional(),
      fullArticleFeedIds: z.array(id).max(100_000).optional(),
      loadRemoteImages: z.boolean().optional(),
      runInBackground: z.boolean().optional(),
      openAtLogin: z.boolean().optional(),
      sharedFeedTitle: z
        .string()
        .trim()
        .min(1, 'Give the shared feed a title.')
        .max(200, 'Use a shorter title.')
        .optional(),
      shareHubUrls: z
        .array(
          z
            .string()
            .trim()
            .max(500)
            .regex(
              /^https?:\/\/[^/\s#?]+[^\s#]*$/,
              'must be an http(s) address like https://pubsubhubbub.appspot.com/',
            ),
        )
        .max(10, 'Name at most 10 hubs.')
        .optional(),
    })
    .strict(),
  listFolders: empty,
  createFolder: z.object({ name: folderName }).strict(),
  renameFolder: z.object({ folderId: id, name: folderName }).strict(),
  deleteFolder: z.object({ folderId: id }).strict(),
  moveFeed: z.object({ feedId: id, folderId: id.nullable() }).strict(),
  // About 10 MB of OPML is tens of thousands of feeds: far beyond any real export.
  importOpml: z
    .object({ text: z.string().max(10_000_000).optional(), base64: z.string().max(14_000_000).optional() })
    .strict()
    .refine((arg) => (arg.text === undefined) !== (arg.base64 === undefined), 'give either text or base64'),
  exportOpml: empty,
  refreshAll: empty,
  resume: empty,
  changesSince: z.object({ cursor: z.number().int().min(0).optional() }).strict(),
  setStarred: z.object({ itemIds: z.array(id).max(10_000), starred: z.boolean() }).strict(),
  search: z
    .object({
      query: z.string().max(500, 'Use a shorter search.'),
      feedId: id.optional(),
      folderId: id.optional(),
      limit: z.number().int().min(1).max(200).optional(),
    })
    .strict(),
  markAllRead: z.union([
    z.object({ feedId: id }).strict(),
    z.object({ folderId: id }).strict(),
    z.object({ all: z.literal(true) }).strict(),
  ]),
  undoMarkAllRead: z.object({ token: z.string().min(1).max(100) }).strict(),
  extractArticle: z.object({ itemId: id }).strict(),
  listRules: empty,
  saveRule: z
    .object({
      ruleId: id.optional(),
      name: z.string().trim().max(200, 'Use a shorter rule name.').optional(),
      enabled: z.boolean().optional(),
      field: z.enum(['title', 'content', 'author', 'feed', 'any'], {
        error: 'must be title, content, author, feed or any',
      }),
      match: z.enum(['words', 'pattern'], { error: 'must be words or pattern' }),
      // Patterns are bounded here and compiled by RE2 (linear time) in the core.
      value: z
        .string()
        .trim()
        .min(1, 'Say which words or pattern the rule looks for.')
        .max(500, 'Use at most 500 characters.'),
      actions: z
        .array(z.enum(['markRead', 'star', 'hide', 'notify'], { error: 'must be markRead, star, hide or notify' }))
        .min(1, 'Choose at least one action.')
        .max(4),
      scope: z.union(
        [
          z.object({ all: z.literal(true) }).strict(),
          z.object({ feedId: id }).strict(),
          z.object({ folderId: id }).strict(),
        ],
        { error: 'must be { all: true }, { feedId } or { folderId }' },
      ),
      position: z.number().int().min(0).max(100_000).optional(),
      applyToExisting: z.boolean().optional(),
    })
    .strict(),
  deleteRule: z.object({ ruleId: id }).strict(),
  shareItem: z.object({ itemId: id, note: z.string().max(5_000, 'Use a shorter note.').optional() }).strict(),
  unshareItem: z.union([z.object({ itemId: id }).strict(), z.object({ entryId: id }).strict()]),
  listShared: empty,
  getSharing: empty,
} satisfies { [M in MethodName]: z.ZodType<MethodArgs[M]> };

/** Parses a method's argument; `undefined` and `null` count as `{}`. */
export function parseArg<M extends MethodName>(
  method: M,
  raw: unknown,
): { ok: true; value: MethodArgs[M] } | { ok: false; message: string } {
  const schema: z.ZodType<MethodArgs[M]> = argSchemas[method] as unknown as z.ZodType<MethodArgs[M]>;
  const result = schema.safeParse(raw ?? {});
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, message: `Bad argument for ${method}: ${where}${issue?.message ?? 'invalid'}` };
}
