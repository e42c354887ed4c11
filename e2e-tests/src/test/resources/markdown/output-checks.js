// What rendered answer content may never contain, written apart from the renderer's own code (the
// Sanitizer's allow-lists) so that the test does not merely repeat it. Defines self.locaraOutputProblems(root):
// a list of the problems found under root, empty when it is clean.
self.locaraOutputProblems = function (root) {
  const forbidden = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'svg', 'math', 'style',
    'form', 'base', 'meta', 'link', 'template', 'noscript', 'applet', 'portal', 'textarea', 'select', 'video',
    'audio', 'source', 'picture', 'marquee', 'details', 'dialog']);
  // Attributes that load or navigate, apart from a[href] and img[src], which are checked by value.
  const loading = new Set(['src', 'srcset', 'srcdoc', 'action', 'formaction', 'data', 'poster', 'background',
    'ping', 'xlink:href', 'href', 'codebase', 'manifest', 'lowsrc', 'dynsrc', 'http-equiv', 'popovertarget']);
  const problems = [];
  const say = (el, what) => problems.push('<' + el.localName + '> ' + what + ' in ' + el.outerHTML.slice(0, 160));
  const clean = (u) => u.replace(/[\t\n\r]/g, '').trim();
  const parse = (u) => { try { return new URL(clean(u), document.baseURI); } catch (e) { return null; } };
  for (const el of root.querySelectorAll('*')) {
    const name = el.localName.toLowerCase();
    if (forbidden.has(name)) {
      say(el, 'is a forbidden element');
    }
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      say(el, 'is outside the HTML namespace');
    }
    for (const attr of el.attributes) {
      const a = attr.name.toLowerCase();
      const value = attr.value;
      if (a.startsWith('on')) {
        say(el, 'has an event handler ' + a);
      } else if (a === 'style') {
        say(el, 'has a style attribute');
      } else if (name === 'a' && a === 'href') {
        const u = parse(value);
        if (u === null || !['http:', 'https:', 'mailto:'].includes(u.protocol)) {
          say(el, 'links to ' + value);
        }
      } else if (name === 'img' && a === 'src') {
        const u = parse(value);
        const dataImage = /^data:image\//i.test(clean(value));
        if (!dataImage && (u === null || u.origin !== location.origin || value === '')) {
          say(el, 'loads an image from ' + value);
        }
        if (/^\s*data:image\/svg/i.test(value)) {
          say(el, 'shows an SVG data URI');
        }
      } else if (loading.has(a)) {
        say(el, 'has ' + a + '=' + value);
      }
    }
    if (name === 'a' && el.hasAttribute('href')) {
      const rel = (el.getAttribute('rel') || '').split(/\s+/);
      if (!rel.includes('noopener') || !rel.includes('noreferrer') || el.getAttribute('target') !== '_blank') {
        say(el, 'opens a link without target=_blank rel="noopener noreferrer"');
      }
    }
    if (name === 'input' && (el.type !== 'checkbox' || !el.disabled)) {
      say(el, 'is an input other than a disabled checkbox');
    }
    if (name === 'img' && !el.hasAttribute('src')) {
      say(el, 'is an image without an address (it should have become its alt text)');
    }
  }
  return problems;
};
