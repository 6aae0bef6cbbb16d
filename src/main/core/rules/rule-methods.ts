import { AppError } from '../app-error';
import type { CoreContext, MethodsPart } from '../context';
import type { NormalisedItem } from '../feeds/normalise-item';
import { createFoldersRepo } from '../folders/folders-repo';
import type { MethodArgs, Rule, RuleAction, RuleScope } from '../../../shared/api';
import { compileCondition, ruleSubject, type Matcher, type RuleSubject } from './compile-rule';
import { htmlToRuleText } from './rule-text';
import { createRulesRepo, type RuleRow, type RuleValues } from './rules-repo';
import { nextTurn } from '../next-turn';

export interface NewItem {
  id: number;
  item: NormalisedItem;
}

/** What the rules did to a merge's new items: which to leave out of `itemsAdded`, which to notify. */
export interface NewItemsVerdict {
  hidden: ReadonlySet<number>;
  notify: number[];
}

export interface RulesPart extends MethodsPart<'listRules' | 'saveRule' | 'deleteRule'> {
  /**
   * The seam in `library.merge`: runs inside its transaction, on exactly the new
   * items. Cheap when there are no rules (one array check), and per item a
   * few string tests: no query but the updates a matching rule makes.
   */
  onNewItems(
    feed: { id: number; title: string; folderId: number | null },
    added: readonly NewItem[],
  ): NewItemsVerdict | null;
}

interface CompiledRule {
  rule: Rule;
  matches: Matcher;
}

/** Stored items are run through a rule this many at a time, yielding between batches. */
const batchSize = 500;

const actionNames: Record<RuleAction, string> = { markRead: 'mark read', star: 'star', hide: 'hide', notify: 'notify' };
const fieldNames = { title: 'Title', content: 'Content', author: 'Author', feed: 'Feed', any: 'Anything' } as const;

function toRule(row: RuleRow): Rule {
  const scope: RuleScope =
    row.feed_id !== null
      ? { feedId: row.feed_id }
      : row.folder_id !== null
        ? { folderId: row.folder_id }
        : { all: true };
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled === 1,
    field: row.field,
    match: row.match,
    value: row.value,
    actions: JSON.parse(row.actions) as RuleAction[],
    scope,
    position: row.position,
  };
}

function defaultName(arg: MethodArgs['saveRule']): string {
  const what = arg.match === 'words' ? `contains ${arg.value}` : `matches /${arg.value}/`;
  return `${fieldNames[arg.field]} ${what}: ${arg.actions.map((a) => actionNames[a]).join(', ')}`.slice(0, 200);
}

const inScope = (rule: Rule, feed: { id: number; folderId: number | null }) =>
  'all' in rule.scope ||
  ('feedId' in rule.scope && rule.scope.feedId === feed.id) ||
  ('folderId' in rule.scope && rule.scope.folderId === feed.folderId);

/** Rules: stored in order, compiled once per change, run on new items in the merge and, when asked, over stored ones. */
export function createRuleMethods(ctx: CoreContext, statusChanged: () => void): RulesPart {
  const repo = createRulesRepo(ctx.db);
  const folders = createFoldersRepo(ctx.db);
  let compiled: CompiledRule[] = [];

  function recompile() {
    compiled = [];
    for (const row of repo.list()) {
      const rule = toRule(row);
      if (!rule.enabled) continue;
      try {
        compiled.push({ rule, matches: compileCondition(rule.field, rule.match, rule.value) });
      } catch (error) {
        // Stored rules were checked when saved; one that no longer compiles is skipped, never fatal.
        ctx.log(`rule ${rule.id} skipped`, error);
      }
    }
  }
  recompile();

  /** Applies a rule's actions to one item; true when the item changed. */
  function act(
    actions: readonly RuleAction[],
    itemId: number,
    notify: number[] | null,
  ): { changed: boolean; hidden: boolean } {
    let changed = false;
    let hidden = false;
    for (const action of actions) {
      if (action === 'markRead') changed = repo.markRead(itemId) || changed;
      else if (action === 'star') changed = repo.star(itemId) || changed;
      else if (action === 'hide') {
        changed = repo.hide(itemId) || changed;
        hidden = true;
      } else if (notify && !notify.includes(itemId)) notify.push(itemId);
    }
    return { changed, hidden };
  }

  async function applyToStored(rule: Rule, matches: Matcher): Promise<number> {
    const scope = 'all' in rule.scope ? null : rule.scope;
    const touchedFeeds = new Set<number>();
    let after = 0;
    let applied = 0;
    for (;;) {
      const rows = repo.storedPage(scope, after, batchSize);
      if (rows.length === 0) break;
      repo.transaction(() => {
        for (const row of rows) {
          const subject: RuleSubject = ruleSubject(
            { title: row.title, author: row.author, html: `${row.summary} ${row.content_html}` },
            row.feed_title,
            htmlToRuleText,
          );
          if (!matches(subject)) continue;
          if (act(rule.actions, row.id, null).changed) {
            applied++;
            touchedFeeds.add(row.feed_id);
          }
        }
      });
      after = rows.at(-1)!.id;
      // A big library is run through in slices, so pings and the window are answered meanwhile.
      await nextTurn();
    }
    for (const feedId of touchedFeeds) ctx.library.announce(feedId);
    if (touchedFeeds.size > 0) statusChanged();
    return applied;
  }

  function checkScope(scope: RuleScope): { feedId: number | null; folderId: number | null } {
    if ('feedId' in scope) {
      if (!ctx.library.feeds.get(scope.feedId))
        throw new AppError('NOT_FOUND', 'That feed is no longer in your library.');
      return { feedId: scope.feedId, folderId: null };
    }
    if ('folderId' in scope) {
      if (!folders.get(scope.folderId)) throw new AppError('NOT_FOUND', 'That folder no longer exists.');
      return { feedId: null, folderId: scope.folderId };
    }
    return { feedId: null, folderId: null };
  }

  return {
    onNewItems(feed, added) {
      if (compiled.length === 0 || added.length === 0) return null;
      const rules = compiled.filter((c) => inScope(c.rule, feed));
      if (rules.length === 0) return null;
      const hidden = new Set<number>();
      const notify: number[] = [];
      for (const { id, item } of added) {
        const subject = ruleSubject(
          { title: item.title, author: item.author, html: `${item.summary} ${item.contentHtml}` },
          feed.title,
          htmlToRuleText,
        );
        for (const { rule, matches } of rules) {
          // A rule that fails on some text is skipped for that item: it must never undo the merge around it.
          let matched = false;
          try {
            matched = matches(subject);
          } catch (error) {
            ctx.log(`rule ${rule.id} failed on item ${id}`, error);
          }
          if (matched && act(rule.actions, id, notify).hidden) hidden.add(id);
        }
      }
      return { hidden, notify: notify.filter((id) => !hidden.has(id)) };
    },

    async listRules() {
      return repo.list().map(toRule);
    },

    async saveRule(arg) {
      // Compiling first refuses a bad pattern before anything is stored.
      const matches = compileCondition(arg.field, arg.match, arg.value);
      const existing = arg.ruleId !== undefined ? repo.get(arg.ruleId) : undefined;
      if (arg.ruleId !== undefined && !existing) throw new AppError('NOT_FOUND', 'That rule no longer exists.');
      const values: RuleValues = {
        name: arg.name || defaultName(arg),
        enabled: arg.enabled ?? (existing ? existing.enabled === 1 : true),
        field: arg.field,
        match: arg.match,
        value: arg.value,
        actions: [...new Set(arg.actions)],
        ...checkScope(arg.scope),
      };
      const id = repo.transaction(() => {
        const order = repo.list().map((row) => row.id);
        const ruleId = existing ? existing.id : repo.insert(values, order.length, ctx.clock.now());
        if (existing) repo.update(existing.id, values);
        else order.push(ruleId);
        if (arg.position !== undefined) {
          order.splice(order.indexOf(ruleId), 1);
          order.splice(Math.min(arg.position, order.length), 0, ruleId);
        }
        repo.reorder(order);
        return ruleId;
      });
      recompile();
      const rule = toRule(repo.get(id)!);
      const applied = arg.applyToExisting && rule.enabled ? await applyToStored(rule, matches) : 0;
      return { rule, applied };
    },

    async deleteRule({ ruleId }) {
      const deleted = repo.transaction(() => {
        const removed = repo.remove(ruleId);
        if (removed) repo.reorder(repo.list().map((row) => row.id));
        return removed;
      });
      recompile();
      return { deleted };
    },
  };
}
