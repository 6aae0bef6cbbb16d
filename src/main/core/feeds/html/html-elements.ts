/**
 * Every element name HTML has had (current, obsolete and the ones browsers
 * still know), so "does this text carry markup?" is answered by the language,
 * not by a short list that misses `<applet>` or `<object>`.
 */
export const htmlElementNames = new Set(
  (
    'a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big blink blockquote ' +
    'body br button canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl ' +
    'dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr ' +
    'html i iframe ilayer img input ins isindex kbd keygen label layer legend li link listing main map mark marquee ' +
    'math menu menuitem meta meter multicol nav nextid nobr noembed noframes nolayer noscript object ol optgroup ' +
    'option output p param picture plaintext pre progress q rb rp rt rtc ruby s samp script search section select ' +
    'slot small source spacer span strike strong style sub summary sup svg table tbody td template textarea tfoot th ' +
    'thead time title tr track tt u ul var video wbr xmp'
  ).split(' '),
);

/** Elements whose content is never text for a reader: dropped with everything inside them. */
export const contentlessElements = new Set([
  'script',
  'style',
  'template',
  'iframe',
  'frame',
  'frameset',
  'fencedframe',
  'portal',
  'noframes',
  'noembed',
  'applet',
  'title',
  'head',
  'xmp',
  'plaintext',
  'textarea',
  'select',
]);

/**
 * Elements dropped from stored item HTML while their content stays (a form's
 * text, an embed's fallback), besides the contentless ones: they load,
 * submit or restyle things the reader pane must control.
 */
export const strippedElements = new Set([
  'html',
  'body',
  'base',
  'link',
  'meta',
  'embed',
  'object',
  'param',
  'form',
  'input',
  'button',
  'option',
  'optgroup',
  'keygen',
  'noscript',
  'bgsound',
  'layer',
  'ilayer',
  'nolayer',
  'blink',
  'marquee',
  // A dialog (open or not) sits above the page; SVG animation can rewrite a
  // link's href after the sanitiser saw it.
  'dialog',
  'animate',
  'animatemotion',
  'animatetransform',
  'set',
]);

/** Tags after which running text starts a new line, so words from two blocks don't stick together. */
export const blockElements = new Set(
  (
    'address article aside blockquote br dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 ' +
    'h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul'
  ).split(' '),
);

export const voidElements = new Set([
  'area',
  'base',
  'basefont',
  'bgsound',
  'br',
  'col',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'spacer',
  'track',
  'wbr',
]);
