import { describe, expect, it } from 'vitest';
import { escapeHtml, inlineJson, renderHtml } from '../../src/render/html.js';
import { formulaCurve, pictureRequest } from './picture-support.js';

const curve = formulaCurve('cosine:lr=0.5', 800, (i) => 0.25 * (1 + Math.cos((Math.PI * i) / 800)));
const hostile = '<script>alert(1)</script> & "q" </SCRIPT> <!--';

describe('renderHtml', () => {
  const page = renderHtml(pictureRequest([curve, formulaCurve(hostile, 800, () => 0.1)], { title: hostile }));
  // The page without the bodies of its scripts (a megabyte of library code would drown any failure).
  const markup = page.replace(/<script>[\s\S]*?<\/script>/g, '<script></script>');
  const has = (pattern: RegExp) => pattern.test(page);

  it('is one page with vega and the page script inlined, the compiled spec and the series, and nothing fetched', () => {
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect([has(/\.vega=\{\}/), has(/\.vegaLite=\{\}/), has(/\.vegaEmbed=/)]).toEqual([true, false, false]);
    expect(has(/lrvizPage/)).toBe(true);
    expect(markup).not.toMatch(/\s(src|href)=/i);
    expect(markup).toContain("default-src 'none'");
  });

  it('keeps user text as text: the only script elements are its own four (two of them data)', () => {
    expect(page.match(/<script\b/gi)).toHaveLength(4);
    expect(page.match(/<\/script/gi)).toHaveLength(4);
    expect(has(/<!--/)).toBe(false);
    expect(markup).toContain(`<title>${escapeHtml(hostile)}</title>`);
    const json = (id: string) => JSON.parse(new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`).exec(page)?.[1] ?? 'null');
    expect(json('lrviz-spec').title.text).toBe(hostile);
    expect(json('lrviz-data').series.map((s: { label: string }) => s.label)).toEqual(['cosine:lr=0.5', hostile]);
  });

  it('opens on --xlim, and a log drawn alone spans the steps it logged', () => {
    const data = (html: string) => JSON.parse(/<script type="application\/json" id="lrviz-data">(.*?)<\/script>/.exec(html)?.[1] ?? 'null');
    expect(data(renderHtml(pictureRequest([curve], { xlim: [100, 300] }))).initial).toEqual([100, 300]);
    expect(data(renderHtml(pictureRequest([curve]))).initial).toBeUndefined();
    const alone = data(renderHtml(pictureRequest([], { logs: [{ label: 'run', steps: new Float64Array([0, 500, 2000]), values: new Float64Array([1, 0.5, 0.1]) }] })));
    expect([alone.series, alone.lastStep]).toEqual([[], 2001]);
  });

  it('escapes what could end markup', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
    expect(inlineJson({ label: '</script><!--\u2028' })).toBe('{"label":"\\u003c/script>\\u003c!--\\u2028"}');
  });
});
