"""What a reader meets in the built pages' charts and tables, measured in the page (JavaScript run
by Playwright): the tests of ``test_charts_tables.py`` assert on these, and
``benchmarks``-style measurements before and after a change can print them.

Every probe returns plain data (no verdict): the tests decide what is acceptable.
"""

from __future__ import annotations

# A text is shown if it has glyphs, a box, and neither it nor a group around it is transparent
# (Vega hides tick labels it thins out with opacity 0).
SHOWN = """(t, svg) => { if (!t.textContent.trim() || !t.getClientRects().length) return 0;
  let a = parseFloat(getComputedStyle(t).fillOpacity || 1);
  for (let e = t; e && e !== svg; e = e.parentElement) a *= parseFloat(getComputedStyle(e).opacity || 1);
  return a; }"""

# Each chart's drawn width against its column's (the article's content box, where the chart's
# output sits), and the chart's figure id.
CHART_WIDTHS_JS = """() => [...document.querySelectorAll('div[id^="altair-viz-"]')].map(c => {
  const svg = c.querySelector('svg.marks');
  const column = c.closest('.cell_output') || c.parentElement;
  const cs = getComputedStyle(column);
  const inner = column.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  return {figure: (c.closest('figure') || {}).id || c.id,
          chart: svg ? svg.getBoundingClientRect().width : 0, column: inner};
})"""

# Text of each chart that overlaps another text of the same chart, or sticks out of the chart.
# Texts are compared by their glyph boxes (getBBox in screen space via getBoundingClientRect);
# a tolerance of 1.5 px on each side lets touching boxes (ascenders, descenders) pass.
LABEL_OVERLAPS_JS = """() => {
  const shown = %(shown)s;
  const out = [];
  for (const c of document.querySelectorAll('div[id^="altair-viz-"]')) {
    const svg = c.querySelector('svg.marks');
    if (!svg) continue;
    const frame = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].filter(t => shown(t, svg) > 0.05)
      .map(t => ({t: t.textContent.trim().slice(0, 40), r: t.getBoundingClientRect()}))
      .filter(x => x.r.width > 0 && x.r.height > 0);
    const figure = (c.closest('figure') || {}).id || c.id, pad = 1.5;
    for (const a of texts) {
      if (a.r.left < frame.left - pad || a.r.right > frame.right + pad)
        out.push({figure, a: a.t, b: '(outside the chart)'});
    }
    for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i].r, b = texts[j].r;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left) - 2 * pad;
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) - 2 * pad;
      if (w > 0 && h > 0) out.push({figure, a: texts[i].t, b: texts[j].t});
    }
  }
  return out;
}""" % {"shown": SHOWN}

# The contrast of every chart text against what it sits on: the first filled mark (path, rect,
# ...) under the middle of the text, in the rendered SVG, or the chart's background. Fills with
# an opacity are blended over white (the charts' card). WCAG 2 relative luminance and ratio.
TEXT_CONTRAST_JS = """() => {
  const shown = %(shown)s;
  const rgb = s => { const m = (s || '').match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(',').map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const over = (c, base) => ({
    r: c.r * c.a + base.r * (1 - c.a), g: c.g * c.a + base.g * (1 - c.a), b: c.b * c.a + base.b * (1 - c.a), a: 1});
  const white = {r: 255, g: 255, b: 255, a: 1};
  const out = [];
  for (const c of document.querySelectorAll('div[id^="altair-viz-"]')) {
    const svg = c.querySelector('svg.marks');
    if (!svg) continue;
    const figure = (c.closest('figure') || {}).id || c.id;
    for (const t of svg.querySelectorAll('text')) {
      const alpha = shown(t, svg);
      if (alpha <= 0.05) continue;
      const r = t.getBoundingClientRect();
      if (!r.width) continue;
      t.scrollIntoView({block: 'center', inline: 'nearest'});
      const b = t.getBoundingClientRect(), x = b.left + b.width / 2, y = b.top + b.height / 2;
      const cs = getComputedStyle(t);
      let fg = rgb(cs.fill);
      if (!fg) continue;
      fg = over({...fg, a: fg.a * alpha}, white);
      let bg = white;
      for (const el of document.elementsFromPoint(x, y)) {
        if (el === t || el.closest('text') || !svg.contains(el) || el === svg || el.tagName === 'g') continue;
        const s = getComputedStyle(el), f = rgb(s.fill);
        if (!f || f.a === 0 || s.fill === 'none' || s.visibility === 'hidden') continue;
        bg = over({...f, a: f.a * parseFloat(s.fillOpacity || 1) * parseFloat(s.opacity || 1)}, white);
        break;
      }
      const [l1, l2] = [lum(fg), lum(bg)].sort((p, q) => q - p);
      out.push({figure, text: t.textContent.trim().slice(0, 40), ratio: (l1 + 0.05) / (l2 + 0.05),
                fg: `rgb(${fg.r|0},${fg.g|0},${fg.b|0})`, bg: `rgb(${bg.r|0},${bg.g|0},${bg.b|0})`});
    }
  }
  return out;
}""" % {"shown": SHOWN}

# Every table in the article: its size against its box, whether it scrolls sideways, and whether
# a reader can see that it does (a visible hint or an edge shadow the page marks it with).
TABLES_JS = """() => [...document.querySelectorAll('.bd-article table')].map(t => {
  const box = t.closest('.lawgov-table-box') || t.closest('.output') || t.parentElement;
  const hint = box.parentElement.querySelector(':scope > .lawgov-scroll-hint');
  const visible = el => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  return {id: t.id || (t.closest('[id]') || {}).id, rows: t.tBodies.length ? t.tBodies[0].rows.length : 0,
          width: t.getBoundingClientRect().width, box: box.clientWidth,
          scrolls: box.scrollWidth > box.clientWidth + 1,
          cue: visible(hint) && box.classList.contains('lawgov-scrolls'),
          sortable: !!t.querySelector('thead button.lawgov-sort'),
          filter: !!box.parentElement.querySelector('input.lawgov-filter')};
})"""

# Words broken across two lines inside a table's cells (a word: a run of letters, digits or
# underscores of at least two; a hyphenated word may break at its hyphen).
BROKEN_WORDS_JS = """selector => {
  const table = document.querySelector(selector);
  const broken = [];
  for (const cell of table.querySelectorAll('td, th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[A-Za-z0-9_]{2,}/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""

# A long table's column headers after the reader has scrolled to the middle of its rows: where
# they are against the top of the window (and the page's sticky top bar) and the table's box.
STICKY_HEADER_JS = """selector => {
  const table = document.querySelector(selector);
  const rows = table.tBodies[0].rows, middle = rows[Math.floor(rows.length / 2)];
  middle.scrollIntoView({block: 'center'});
  const th = table.querySelector('thead th').getBoundingClientRect();
  const bar = document.querySelector('.bd-header-article');
  const barBottom = bar ? Math.max(0, bar.getBoundingClientRect().bottom) : 0;
  const t = table.getBoundingClientRect();
  const below = document.elementFromPoint(th.left + th.width / 2, th.top + th.height / 2);
  return {top: th.top, bottom: th.bottom, bar: barBottom, height: innerHeight, tableTop: t.top,
          onTop: !!below && !!below.closest('thead')};
}"""
