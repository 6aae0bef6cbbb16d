import { parseHere } from './src/main/core/feeds/parse-here';
import { atom } from './test/support/feeds';
const list = Array.from({ length: 100 }, (_, i) => ({ id: `entry-${i}`, title: `Entry ${i} about tides &amp; harbours`, link: `https://bench.example/posts/${i}`, published: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(), content: `<p>${'Paragraph of feed content with <b>markup</b> and <a href="/x">a link</a>. '.repeat(6)}</p>` }));
const text = atom('Bench', list);
for (let i = 0; i < 400; i++) parseHere({ text, url: 'https://bench.example/', contentType: null, contentLocation: null });
