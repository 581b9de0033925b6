// The conformance matrix (and the one-column page of a single run): filters (level, tag, "only where
// servers differ" when there are several servers, free text), the side panel a clicked cell opens
// (Escape closes it), and a cell's address (#d-ROW-COLUMN) that opens it again.
(function () {
  'use strict';
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.check'));
  var sections = Array.prototype.slice.call(document.querySelectorAll('tr.section'));
  var panel = document.getElementById('panel');
  var count = document.getElementById('shown-count');
  var onlyDiffering = document.getElementById('only-differing');
  var find = document.getElementById('find');
  var current = null, currentButton = null;

  function values(name, wantChecked) {
    return Array.prototype.slice.call(document.querySelectorAll('input[name="' + name + '"]'))
      .filter(function (i) { return i.checked === wantChecked; })
      .map(function (i) { return i.value; });
  }

  function applyFilters() {
    var levels = values('level', true);
    var hiddenTags = values('tag', false);
    var query = find.value.trim().toLowerCase();
    var shown = 0, sectionShown = {};
    rows.forEach(function (row) {
      var tags = row.dataset.tags ? row.dataset.tags.split(' ') : [];
      var visible = levels.indexOf(row.dataset.level) >= 0
        && !tags.some(function (t) { return hiddenTags.indexOf(t) >= 0; })
        && (!onlyDiffering || !onlyDiffering.checked || row.dataset.differs === 'true')
        && (query === '' || row.dataset.search.indexOf(query) >= 0);
      row.hidden = !visible;
      if (visible) { shown++; sectionShown[row.dataset.section] = true; }
    });
    sections.forEach(function (s) { s.hidden = !sectionShown[s.dataset.section]; });
    count.textContent = shown + ' of ' + rows.length + ' checks shown';
  }

  function openCell(button) {
    if (current) current.hidden = true;
    if (currentButton) { currentButton.classList.remove('selected'); currentButton.setAttribute('aria-expanded', 'false'); }
    current = document.getElementById(button.dataset.detail);
    currentButton = button;
    current.hidden = false;
    panel.hidden = false;
    document.body.classList.add('panel-open');
    panel.scrollTop = 0;
    button.scrollIntoView({block: 'nearest', inline: 'nearest'});
    button.classList.add('selected');
    button.setAttribute('aria-expanded', 'true');
    try { history.replaceState(null, '', '#' + button.dataset.detail); } catch (ignored) { /* a permalink is a nicety */ }
  }

  function closePanel() {
    panel.hidden = true;
    document.body.classList.remove('panel-open');
    if (currentButton) { currentButton.classList.remove('selected'); currentButton.setAttribute('aria-expanded', 'false'); currentButton.focus(); }
  }

  document.getElementById('matrix').addEventListener('click', function (e) {
    var button = e.target.closest('button.cell');
    if (button) openCell(button);
  });
  document.getElementById('panel-close').addEventListener('click', closePanel);
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape' && !panel.hidden) closePanel(); });
  document.getElementById('filters').addEventListener('submit', function (e) { e.preventDefault(); });
  document.getElementById('filters').addEventListener('input', applyFilters);
  document.getElementById('filters').addEventListener('change', applyFilters);
  applyFilters();
  var linked = location.hash && document.querySelector('button.cell[data-detail="' + location.hash.slice(1).replace(/[^a-z0-9-]/gi, '') + '"]');
  if (linked) openCell(linked);
})();
