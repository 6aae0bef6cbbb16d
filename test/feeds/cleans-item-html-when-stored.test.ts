import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rewriteHtml } from '../../src/main/core/feeds/html/rewrite-html';
import { htmlToText } from '../../src/main/core/feeds/html/html-to-text';

const base = 'https://blog.example/posts/1/';

test('scripts, styles, frames and objects go with their content; forms and embeds go, their text stays', () => {
  assert.equal(
    rewriteHtml(
      '<p>a<script>alert(1)</script><style>p{}</style><iframe src="x">fallback</iframe>b</p>' +
        '<form action="/steal"><input name="q">Ask</form><object data="x.swf">Flash fallback</object><embed src="y.swf">',
      base,
    ),
    '<p>ab</p>AskFlash fallback',
  );
});

test('event handlers, script URLs and srcdoc are removed; inline data images stay', () => {
  assert.equal(
    rewriteHtml(
      '<a href="javascript:alert(1)" onclick="x()">j</a><a href=" JaVa\tScRiPt:alert(1)">t</a>' +
        '<img src="data:image/png;base64,AAAA" onerror="x()"><a href="data:text/html,hi">d</a><img srcset="javascript:x 1x, ok.png 2x">',
      base,
    ),
    '<a>j</a><a>t</a><img src="data:image/png;base64,AAAA" /><a>d</a><img srcset="https://blog.example/posts/1/ok.png 2x" />',
  );
});

test('every URL attribute resolves against the base, including srcset candidates and poster', () => {
  assert.equal(
    rewriteHtml(
      '<a href="../2/">n</a><img src="i.png" srcset="s.png 480w,l.png 1080w"><video poster="/p.jpg"><source src="v.webm"></video>' +
        '<blockquote cite="//other.example/q">q</blockquote><a href="#note">fn</a>',
      base,
    ),
    '<a href="https://blog.example/posts/2/">n</a>' +
      '<img src="https://blog.example/posts/1/i.png" srcset="https://blog.example/posts/1/s.png 480w, https://blog.example/posts/1/l.png 1080w" />' +
      '<video poster="https://blog.example/p.jpg"><source src="https://blog.example/posts/1/v.webm" /></video>' +
      '<blockquote cite="https://other.example/q">q</blockquote><a href="https://blog.example/posts/1/#note">fn</a>',
  );
});

test('text and entities pass through as written; attributes are written again quoted and escaped', () => {
  assert.equal(
    rewriteHtml('<p title=\'say "hi"\' class=x>AT&amp;T &lt;tag&gt; &nbsp;a < b</p>', base),
    '<p title="say &quot;hi&quot;" class="x">AT&amp;T &lt;tag&gt; &nbsp;a < b</p>',
  );
});

test('an unclosed <script> or <style> swallows the rest, as a browser would, instead of leaking its source', () => {
  assert.equal(rewriteHtml(`<p>kept</p><script>${'<script>'.repeat(1000)}secret`, base), '<p>kept</p>');
  assert.equal(htmlToText(`kept<style>body{}${'<style>'.repeat(1000)}`), 'kept');
});

test('plain text from HTML: blocks separate words, entities decoded once, every tag dropped', () => {
  assert.equal(
    htmlToText('<p>One</p><p>two<br>three &amp;amp; <applet>x</applet><b>four</b></p>'),
    'One two three &amp; four',
  );
});
