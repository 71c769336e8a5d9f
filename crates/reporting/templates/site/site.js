// treatywatch: the two things the site's pages do in the browser. Both only look things up:
// the statuses were computed when the site was built (the same computation as
// `treatywatch status`), and the search index was written with it. No data is ever
// inserted as HTML: every value goes in as text.
(function () {
  'use strict';
  var root = document.body.getAttribute('data-root') || '';

  // Status on any date (treaty pages). Each list of segments is [from, ...] in date order,
  // the first from "" (before every day); days are YYYY-MM-DD, which order as text.
  function segmentOn(segments, day) {
    var found = segments[0];
    for (var i = 1; i < segments.length; i++) {
      if (segments[i][0] <= day) { found = segments[i]; } else { break; }
    }
    return found;
  }

  // A party's last act, "ratification 1970-02-05": the act and its date, the date never
  // broken across lines (as the page's own table writes it).
  function lastAct(cell, text) {
    cell.textContent = '';
    if (!text) { cell.textContent = '\u2014'; return; }
    var cut = text.indexOf(' ');
    var act = document.createElement('span');
    act.className = 'act';
    act.textContent = cut < 0 ? text : text.slice(0, cut);
    cell.appendChild(act);
    if (cut < 0) { return; }
    var when = document.createElement('span');
    when.className = 'when';
    when.textContent = text.slice(cut + 1);
    cell.appendChild(document.createTextNode(' '));
    cell.appendChild(when);
  }

  function statusOnADate() {
    var block = document.getElementById('status-data');
    var form = document.getElementById('as-of-form');
    var input = document.getElementById('as-of');
    if (!block || !form || !input) { return; }
    var record = JSON.parse(block.textContent);
    // Each row finds its party's history by the actor's id (the table is sorted by name).
    var byActor = {};
    record.parties.forEach(function (p) { byActor[p.actor] = p; });
    var rows = Array.prototype.slice.call(document.querySelectorAll('#parties tbody tr'));
    function show(on) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(on)) { return; }
      document.getElementById('as-of-shown').textContent = on;
      var treaty = segmentOn(record.treaty, on);
      var status = document.getElementById('treaty-status');
      status.textContent = treaty[1];
      status.className = 'status status-' + treaty[1].split(' ')[0];
      rows.forEach(function (row) {
        var party = byActor[row.getAttribute('data-actor')];
        if (!party) { return; }
        var s = segmentOn(party.segments, on);
        row.querySelector('.standing').textContent = s[1];
        var bound = row.querySelector('.bound');
        bound.textContent = s[2];
        bound.className = 'bound bound-' + s[2];
        lastAct(row.querySelector('.last'), s[3]);
      });
    }
    form.hidden = false;
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    input.addEventListener('change', function () {
      show(input.value);
      if (input.value) { window.history.replaceState(null, '', '#on=' + input.value); }
    });
    function fromHash() {
      var day = /^#on=(\d{4}-\d{2}-\d{2})$/.exec(location.hash);
      if (day) { input.value = day[1]; show(day[1]); }
    }
    window.addEventListener('hashchange', fromHash);
    fromHash();
  }

  // Search: the index is fetched the first time someone types.
  function search() {
    var input = document.getElementById('search');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    var form = document.getElementById('search-form');
    if (!input || !status || !list || !form) { return; }
    var index = null;
    var loading = false;
    status.textContent = '';
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var first = list.querySelector('a');
      if (first) { first.focus(); }
    });
    function fold(text) {
      return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    }
    function load() {
      if (index || loading) { return; }
      if (location.protocol === 'file:') {
        status.textContent = 'Search needs the site served over HTTP: run python3 -m http.server -d site, then open http://localhost:8000/';
        return;
      }
      loading = true;
      status.textContent = 'Loading the search index\u2026';
      fetch(root + 'search-index.json').then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(function (docs) {
        index = docs.map(function (d) {
          return { doc: d, title: fold(d.t), text: fold(d.t + ' ' + d.d + ' ' + d.w) };
        });
        status.textContent = '';
        run();
      }).catch(function () {
        loading = false;
        status.textContent = 'The search index could not be loaded.';
      });
    }
    function run() {
      if (!index) { load(); return; }
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      list.textContent = '';
      if (!words.length) { list.hidden = true; status.textContent = ''; return; }
      var found = index.filter(function (e) {
        return words.every(function (w) { return e.text.indexOf(w) >= 0; });
      });
      found.sort(function (a, b) {
        var at = words.every(function (w) { return a.title.indexOf(w) >= 0; }) ? 0 : 1;
        var bt = words.every(function (w) { return b.title.indexOf(w) >= 0; }) ? 0 : 1;
        return at - bt;
      });
      found.slice(0, 25).forEach(function (e) {
        var li = document.createElement('li');
        var kind = document.createElement('span');
        kind.className = 'kind';
        kind.textContent = e.doc.k;
        var a = document.createElement('a');
        a.href = root + e.doc.u;
        a.textContent = e.doc.t;
        var line = document.createElement('span');
        line.className = 'line';
        line.textContent = e.doc.d;
        li.appendChild(kind);
        li.appendChild(a);
        li.appendChild(line);
        list.appendChild(li);
      });
      list.hidden = found.length === 0;
      status.textContent = found.length === 0 ? 'Nothing found.'
        : found.length + (found.length === 1 ? ' result' : ' results') + (found.length > 25 ? ', the first 25 shown' : '');
    }
    input.addEventListener('focus', load);
    input.addEventListener('input', run);
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { input.value = ''; run(); }
    });
  }

  statusOnADate();
  search();
}());
