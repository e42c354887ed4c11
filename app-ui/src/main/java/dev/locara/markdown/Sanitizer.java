package dev.locara.markdown;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.xml.DocumentFragment;

/**
 * The second line of defence between untrusted text and the page: DOMPurify (vendor/dompurify, loaded
 * by index.html) on the HTML that {@link Markdown} made. Markdown already escapes raw HTML and filters
 * addresses; this holds on its own as well, for any HTML string, so that one mistake in either is not
 * enough to run a script or to make the page fetch from another host.
 *
 * <p>What may stay: the elements commonmark and highlight.js produce, with their few attributes; links
 * to http, https, mailto and relative addresses, opened in a new tab without opener or referrer;
 * images from the app's own origin or {@code data:image/} (png, jpeg, gif, webp) URIs, any other
 * image becoming its alt text; checkboxes only as disabled task-list boxes. Everything else (scripts,
 * styles, forms, frames, objects, SVG, MathML, base, meta, every on* and style attribute) goes.
 */
public final class Sanitizer {
    /** A DOMPurify instance of our own, so that its hooks and configuration never mix with another user's. */
    private static JSObject purifier;

    private Sanitizer() {
    }

    /** Whether DOMPurify is loaded and works in this browser (it needs a DOM: never in a worker). */
    @JSBody(script = "return typeof DOMPurify === 'function' && DOMPurify.isSupported === true;")
    public static native boolean isSupported();

    /** The HTML with everything outside the policy removed, as a string. */
    public static String clean(String html) {
        return serialize(cleanToFragment(html));
    }

    /**
     * The same as nodes of this document, ready to insert: no string is parsed again after
     * sanitizing, which leaves no room for a serialize-then-parse mutation.
     *
     * @throws IllegalStateException when DOMPurify is missing (check {@link #isSupported} first)
     */
    public static DocumentFragment cleanToFragment(String html) {
        if (!isSupported()) {
            throw new IllegalStateException("DOMPurify is not loaded (vendor/dompurify/purify.min.js): "
                    + "untrusted HTML cannot be shown; show it as text instead");
        }
        if (purifier == null) {
            purifier = createPurifier();
        }
        DocumentFragment fragment = sanitize(purifier, html);
        enforce(fragment);
        return fragment;
    }

    @JSBody(script = "return DOMPurify(window);")
    private static native JSObject createPurifier();

    // The allow-lists replace DOMPurify's defaults; FORBID_* name the worst again so that a later edit of
    // the allow-lists cannot let them in by accident. The URI pattern is DOMPurify's own with only
    // http(s) and mailto kept: relative addresses pass, any other scheme is dropped.
    @JSBody(params = {"purifier", "html"}, script = "return purifier.sanitize(html, {"
            + " ALLOWED_TAGS: ['a', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',"
            + "  'hr', 'img', 'input', 'li', 'ol', 'p', 'pre', 's', 'span', 'strong', 'table', 'tbody', 'td',"
            + "  'th', 'thead', 'tr', 'ul'],"
            + " ALLOWED_ATTR: ['href', 'title', 'src', 'alt', 'class', 'start', 'align', 'type', 'checked',"
            + "  'disabled'],"
            + " FORBID_TAGS: ['script', 'style', 'link', 'form', 'iframe', 'frame', 'object', 'embed', 'svg',"
            + "  'math', 'base', 'meta', 'template', 'noscript', 'button', 'textarea', 'select'],"
            + " FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'xlink:href', 'ping', 'poster'],"
            + " ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^a-z]|[a-z+.\\-]+(?:[^a-z+.\\-:]|$))/i,"
            + " ALLOW_DATA_ATTR: false, ALLOW_ARIA_ATTR: false, ALLOW_UNKNOWN_PROTOCOLS: false,"
            + " ALLOW_SELF_CLOSE_IN_ATTR: false, SAFE_FOR_TEMPLATES: false, WHOLE_DOCUMENT: false,"
            + " RETURN_DOM_FRAGMENT: true });")
    private static native DocumentFragment sanitize(JSObject purifier, String html);

    /**
     * What DOMPurify's configuration cannot say, on the sanitized nodes: images only from this origin or
     * data:image/ (DOMPurify allows any data: URI on an img and any host), links in a new tab without
     * opener (also relative ones: following one would navigate the app away from the chat), inputs
     * only as disabled checkboxes, each attribute only on the element it belongs to (src on img, href on a),
     * and only the classes the renderers give (a code block's language,
     * highlight.js's token classes), so that text cannot borrow the app's own styles to pass for its UI. Browsers drop tabs and line breaks in URLs and blanks at their ends,
     * so the checks read addresses the same way.
     */
    @JSBody(params = "root", script = "var norm = function (u) { return u.replace(/[\\t\\n\\r]/g, '')"
            + ".replace(/^[\\u0000-\\u0020]+|[\\u0000-\\u0020]+$/g, ''); };"
            + " var resolve = function (u) { try { return new URL(norm(u), document.baseURI); } catch (e) { return null; } };"
            + " root.querySelectorAll('img').forEach(function (img) {"
            + "  var src = norm(img.getAttribute('src') || ''); var u = resolve(src);"
            + "  var ok = /^data:image\\/(png|jpeg|gif|webp)[;,]/i.test(src)"
            + "   || (src !== '' && u !== null && u.origin === location.origin);"
            + "  if (!ok) { img.replaceWith(document.createTextNode(img.getAttribute('alt') || '')); } });"
            + " root.querySelectorAll('a').forEach(function (a) {"
            + "  var href = a.getAttribute('href'); var u = href === null ? null : resolve(href);"
            + "  if (u === null || !/^(https?|mailto):$/.test(u.protocol)) { a.removeAttribute('href');"
            + "   a.removeAttribute('target'); a.removeAttribute('rel'); return; }"
            + "  a.setAttribute('target', '_blank'); a.setAttribute('rel', 'noopener noreferrer nofollow'); });"
            + " root.querySelectorAll('input').forEach(function (input) {"
            + "  if ((input.getAttribute('type') || '').toLowerCase() !== 'checkbox') { input.remove(); return; }"
            + "  input.setAttribute('type', 'checkbox'); input.setAttribute('disabled', ''); });"
            + " var only = {href: 'a', src: 'img', alt: 'img', start: 'ol', align: 'th td', type: 'input',"
            + "  checked: 'input', disabled: 'input'};"
            + " root.querySelectorAll('*').forEach(function (el) {"
            + "  Array.prototype.slice.call(el.attributes).forEach(function (attr) { var name = attr.name;"
            + "   if (Object.prototype.hasOwnProperty.call(only, name)"
            + "    && only[name].split(' ').indexOf(el.localName) < 0) { el.removeAttribute(name); } }); });"
            + " root.querySelectorAll('[class]').forEach(function (el) {"
            + "  var kept = el.getAttribute('class').split(/\\s+/).filter(function (c) {"
            + "   return /^(language-[A-Za-z0-9_+#.-]{1,40}|hljs(-[A-Za-z0-9_-]{1,40})?|[a-z]{1,20}_{1,3})$/.test(c); });"
            + "  if (kept.length === 0) { el.removeAttribute('class'); } else { el.setAttribute('class', kept.join(' ')); } });")
    private static native void enforce(DocumentFragment root);

    @JSBody(params = "fragment", script = "var div = document.createElement('div'); div.appendChild(fragment);"
            + " return div.innerHTML;")
    private static native String serialize(DocumentFragment fragment);
}
