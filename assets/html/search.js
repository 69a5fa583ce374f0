// Search page: queries the local Pagefind index (built offline by fortran-tei) and lists the
// documents found. An optional enhancement: every page, and the contents, work without it.
(function () {
  "use strict";
  var form = document.getElementById("ft-search-page-form");
  var input = document.getElementById("ft-search-page-q");
  var status = document.getElementById("ft-search-status");
  var list = document.getElementById("ft-search-results");
  if (!form || !input || !list) return;
  var pagefind = null;

  function load() {
    if (!pagefind) {
      pagefind = import("./../pagefind/pagefind.js").then(function (pf) {
        return pf.options({ excerptLength: 30 }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function show(query) {
    list.textContent = "";
    if (!query) { status.textContent = ""; return; }
    status.textContent = "Searching…";
    load().then(function (pf) { return pf.search(query); })
      .then(function (search) {
        return Promise.all(search.results.slice(0, 30).map(function (r) { return r.data(); }))
          .then(function (pages) { return [search.results.length, pages]; });
      })
      .then(function (found) {
        var total = found[0], pages = found[1];
        status.textContent = total === 0 ? "No document contains “" + query + "”."
          : total + (total === 1 ? " result" : " results") + " for “" + query + "”" + (total > pages.length ? " (first " + pages.length + " shown)." : ".");
        pages.forEach(function (page) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = page.url.replace(/^\//, "");
          a.textContent = (page.meta && page.meta.title) || page.url;
          var p = document.createElement("p");
          // Pagefind's excerpt marks hits with <mark>; rebuild it as text + mark nodes, no HTML parsing.
          page.excerpt.split(/(<mark>.*?<\/mark>)/).forEach(function (part) {
            var m = /^<mark>(.*)<\/mark>$/.exec(part);
            if (m) { var mark = document.createElement("mark"); mark.textContent = decode(m[1]); p.appendChild(mark); }
            else p.appendChild(document.createTextNode(decode(part)));
          });
          li.appendChild(a); li.appendChild(p); list.appendChild(li);
        });
      })
      .catch(function (err) {
        status.textContent = "Search is not available here (" + err.message + "). Serve the folder over HTTP, or use the contents.";
      });
  }

  function decode(s) {
    var t = document.createElement("textarea");
    t.innerHTML = s.replace(/<[^>]*>/g, "");
    return t.value;
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = input.value.trim();
    history.replaceState(null, "", "?q=" + encodeURIComponent(q));
    show(q);
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { input.value = q; show(q); }
})();
