import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { hostileHtml } from '../support/hostile-html';
import { rewriteHtml } from '../../src/main/core/feeds/html/rewrite-html';

// The same hostile HTML through both walls: the core's cleaner (as items are
// stored) and the renderer's DOMPurify sanitiser (as they are shown, run here
// in real Chromium), alone and one after the other. Each output is parsed in
// an inert <template> and searched for whatever could navigate, submit, run
// or leave the reader pane's box.

const base = 'https://blog.example/posts/1/';
const fixtures = hostileHtml();
let browser: Browser;
let page: Page;

before(async () => {
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, '..', '..', 'src', 'renderer', 'src', 'sanitize.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'tidingsSanitize',
    platform: 'browser',
    logLevel: 'silent',
  });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setContent('<!doctype html><title>walls</title>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  await page.addScriptTag({ content: checker });
});
after(async () => {
  await browser?.close();
});

/**
 * Runs in the page: each output parsed in an inert <template> and searched for
 * whatever could navigate, submit, run or leave the box; the problems in words.
 */
const checker = `
window.tidingsWalls = ({ html, stored, base }) => {
  const sanitize = (input) => window.tidingsSanitize.sanitizeFeedHtml(input, base).html;
  const forbiddenElements = new Set(
    ('script style link meta base form input button textarea select iframe frame frameset object embed ' +
      'portal fencedframe dialog marquee animate set animatemotion animatetransform').split(' '));
  const forbiddenAttributes = new Set(
    ('style popover popovertarget popovertargetaction command commandfor autofocus formaction action srcdoc ' +
      'http-equiv ping').split(' '));
  const scriptUrl = /^(?:javascript|vbscript|data|livescript):/i;
  const check = (output, renderer) => {
    const template = document.createElement('template');
    template.innerHTML = output;
    const problems = [];
    for (const element of template.content.querySelectorAll('*')) {
      const name = element.localName;
      if (forbiddenElements.has(name)) problems.push('<' + name + '> kept');
      for (const { name: attribute, value } of [...element.attributes]) {
        if (attribute.startsWith('on') || forbiddenAttributes.has(attribute)) problems.push(attribute + ' on <' + name + '>');
        const compact = value.replace(/[\\u0000-\\u0020\\u007f]+/g, '');
        const inlineImage = name === 'img' && attribute === 'src' && /^data:image\\//i.test(compact);
        if (scriptUrl.test(compact) && !inlineImage) problems.push(attribute + '="' + value + '" on <' + name + '>');
      }
      const href = element.getAttribute('href') ?? element.getAttribute('xlink:href');
      if (name === 'a' || name === 'area') {
        if (href !== null && !/^(?:https?:\\/\\/|mailto:)/.test(href)) problems.push('<' + name + ' href="' + href + '">');
        if (renderer && href !== null && element.getAttribute('target') !== '_blank')
          problems.push('<' + name + ' href="' + href + '"> opens in the window of the app');
        if (renderer && element.hasAttribute('xlink:href')) problems.push('<' + name + '> kept xlink:href');
      } else if (renderer && href !== null) {
        problems.push('<' + name + '> points at ' + href);
      }
      if (renderer && (element.hasAttribute('class') || element.hasAttribute('id')))
        problems.push('<' + name + "> kept the app's class or id");
    }
    return problems;
  };
  return html.flatMap((input, i) => [
    { wall: 'core', input, problems: check(stored[i], false) },
    { wall: 'renderer', input, problems: check(sanitize(input), true) },
    { wall: 'core then renderer', input, problems: check(sanitize(stored[i]), true) },
  ]);
};`;

interface Verdict {
  wall: 'core' | 'renderer' | 'core then renderer';
  input: string;
  problems: string[];
}

async function violations(html: string[]): Promise<Verdict[]> {
  const stored = html.map((input) => rewriteHtml(input, base));
  return (await page.evaluate(`window.tidingsWalls(${JSON.stringify({ html, stored, base })})`)) as Verdict[];
}

/** The renderer's output for some HTML, as the reader pane would show it. */
async function rendered(html: string): Promise<string> {
  const call = `window.tidingsSanitize.sanitizeFeedHtml(${JSON.stringify(html)}, 'https://blog.example/').html`;
  return (await page.evaluate(call)) as string;
}

async function assertStopped(group: string[]) {
  const found = (await violations(group)).filter((result) => result.problems.length > 0);
  assert.deepEqual(found, [], 'every wall stops every fixture');
}

test('every element that follows a link, in any case and in SVG, keeps only a web address, opened outside the window', async () => {
  await assertStopped(fixtures.links);
  const links = await rendered(fixtures.links.join(''));
  // The links still work: their addresses survive, made absolute, for the system browser.
  for (const path of ['upper', 'lower', 'svg', 'xlink', 'svg-upper', 'area', 'area-upper', 'ping'])
    assert.ok(links.includes(`href="https://evil.example/${path}"`), `${path} link kept: ${links}`);
});

test('script, vbscript and data URLs go from every attribute, behind entities, controls, case or SVG animation', async () => {
  await assertStopped(fixtures.scriptUrls);
});

test('forms, buttons, base, meta refresh, frames, objects, embeds and portals are gone: nothing navigates or submits', async () => {
  await assertStopped(fixtures.navigators);
});

test('dialogs, popovers, inline positioning, style sheets, the app class names, marquee and autofocus are gone', async () => {
  await assertStopped(fixtures.escapes);
  const kept = await rendered(fixtures.escapes.join(''));
  // What they said stays readable as text.
  for (const words of ['an open dialog over the app', 'a popover', 'fixed cover', 'marquee'])
    assert.ok(kept.includes(words), `"${words}" kept as text`);
});
