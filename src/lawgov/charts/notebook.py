"""How a chart draws where a notebook runs: in the book build, in JupyterLab, anywhere else.

Altair's own HTML loads Vega, Vega-Lite and vega-embed from a CDN unless the page already
has them. The built book has them (``_static/vega-bundle.js`` on every page, see
:mod:`lawgov.publish.vega`), so inside ``make book`` a chart is Altair's standard HTML,
unchanged. Everywhere else (JupyterLab, a downloaded notebook) the page has no Vega, and a
CDN is not an option, so the ``lawgov`` renderer writes a chart that uses the page's
``vegaEmbed`` if there is one and otherwise loads the bundle once per page from the
Jupyter server that serves the notebook: ``<base url>lawgov/vega-bundle.js``, which
lawgov's server extension (:mod:`lawgov.publish.lab`) answers. Nothing is ever requested
from another host; if the server has no such route the chart says so, with the remedy.

Which case applies is told by ``$LAWGOV_BOOK_BUILD`` (set by ``python -m
lawgov.publish.build`` for the kernels it starts), read when each chart is drawn.
Importing ``lawgov.charts`` enables the renderer and keeps the theme's embed options.
"""

from __future__ import annotations

import os

import altair as alt
import jinja2
from altair.utils.display import HTMLRenderer

from lawgov.charts import theme  # noqa: F401  (its embed and JSON options are kept below)

BOOK_BUILD_ENV = "LAWGOV_BOOK_BUILD"
# Where the Jupyter server extension serves the bundle, relative to the server's base URL.
BUNDLE_ROUTE = "lawgov/vega-bundle.js"
RENDERER = "lawgov"


def in_book_build() -> bool:
    """True inside ``make book``: the page the output lands on loads the shared bundle."""
    return os.environ.get(BOOK_BUILD_ENV, "") not in ("", "0")


# The chart's own script: same shape as Altair's (a function called with the spec and the
# embed options), so tools that read a spec out of Altair's HTML read this one too.
NOTEBOOK_TEMPLATE = jinja2.Template(
    """
<div id="{{ output_div }}" class="lawgov-chart"></div>
<script type="text/javascript">
  (function(spec, embedOpt){
    let outputDiv = document.currentScript ? document.currentScript.previousElementSibling : null;
    if (!outputDiv || outputDiv.id !== "{{ output_div }}") {
      outputDiv = document.getElementById("{{ output_div }}");
    }
    function bundleUrl() {
      let base = "/";
      const config = document.getElementById("jupyter-config-data");
      if (config) {
        try { base = JSON.parse(config.textContent).baseUrl || "/"; } catch (e) { /* keep "/" */ }
      }
      return base.replace(/\\/?$/, "/") + "@ROUTE@";
    }
    function loadVega() {
      if (typeof window.vegaEmbed === "function") return Promise.resolve(window.vegaEmbed);
      if (!window.lawgovVegaLoading) {
        window.lawgovVegaLoading = new Promise(function(resolve, reject) {
          const s = document.createElement("script");
          s.src = bundleUrl();
          s.onload = () => (typeof window.vegaEmbed === "function") ? resolve(window.vegaEmbed)
                                                                   : reject(new Error(s.src + " did not define vegaEmbed"));
          s.onerror = () => { window.lawgovVegaLoading = null; reject(new Error("could not load " + s.src)); };
          document.head.appendChild(s);
        });
      }
      return window.lawgovVegaLoading;
    }
    function showError(err) {
      outputDiv.textContent = "This chart could not be drawn: " + err.message + ". It needs lawgov " +
        "installed where JupyterLab runs (its server extension serves Vega). Elsewhere, run " +
        "alt.renderers.enable(\\"html\\", template=\\"inline\\") to put Vega in each chart.";
    }
    loadVega().then(vegaEmbed => vegaEmbed(outputDiv, spec, embedOpt)).catch(showError);
  })({{ spec }}, {{ embed_options }});
</script>
""".replace("@ROUTE@", BUNDLE_ROUTE)
)

_versions = {
    "mode": "vega-lite",
    "vega_version": alt.VEGA_VERSION,
    "vegaembed_version": alt.VEGAEMBED_VERSION,
    "vegalite_version": alt.VEGALITE_VERSION,
}
_book = HTMLRenderer(template="universal", **_versions)  # Altair's default "html" renderer
_notebook = HTMLRenderer(template=NOTEBOOK_TEMPLATE, **_versions)


def render(spec: dict, **metadata) -> dict[str, str]:
    """The mimebundle of one chart: Altair's HTML in the book build, the notebook HTML elsewhere."""
    if in_book_build():
        return _book(spec, **metadata)
    return _notebook(spec, **metadata)


alt.renderers.register(RENDERER, render)
alt.renderers.enable(RENDERER, **dict(alt.renderers.options))
