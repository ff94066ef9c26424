// Agent7 console: the few things a page does in the browser. Served from the jar, as the
// content security policy requires (no inline script).
(function () {
  'use strict';
  const copy = document.getElementById('copy');
  if (copy) {
    copy.addEventListener('click', function () {
      const text = document.getElementById('curl').textContent;
      if (navigator.clipboard) {
        navigator.clipboard.writeText(text);
      }
    });
  }
  // Suggestions in the search box: field names from the schema (the page's list), and once a
  // DSL clause reaches its value (field,op,...), the field's values that start with what is
  // typed, from the query API's distinct values of the type being searched.
  const box = document.getElementById('q');
  const typePicker = document.getElementById('type');
  const values = document.getElementById('value-suggestions');
  if (box && typePicker && values) {
    let timer = null;
    let asked = 0;
    const clausePattern = /^\s*([A-Za-z0-9_.@]+)\s*,\s*(eq|ne|neq|in|notin|like|startswith)\s*,([^|"]*)$/i;
    const suggest = function () {
      const text = box.value;
      const start = text.lastIndexOf(';') + 1;
      const clause = text.slice(start);
      const match = clause.match(clausePattern);
      if (!match) {
        box.setAttribute('list', 'field-names');
        return;
      }
      const field = match[1];
      const partial = match[3];
      let url = '/api/v1/' + encodeURIComponent(typePicker.value) + '?distinct=' + encodeURIComponent(field) + '&limit=20';
      if (partial) {
        url += '&filter=' + encodeURIComponent(field + ',startswith,' + partial);
      }
      const mine = ++asked;
      fetch(url, { credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) {
          if (!body || mine !== asked || !Array.isArray(body.values)) {
            return;
          }
          values.replaceChildren();
          const head = text.slice(0, text.length - partial.length);
          body.values.forEach(function (value) {
            const option = document.createElement('option');
            option.value = head + value;
            values.appendChild(option);
          });
          values.dataset.field = field;
          box.setAttribute('list', 'value-suggestions');
        });
    };
    box.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, 200);
    });
  }
  // A joined row's related items, shown under the row (the link alone opens them as a page).
  document.querySelectorAll('a.expand').forEach(function (link) {
    link.addEventListener('click', function (event) {
      event.preventDefault();
      const row = link.closest('tr');
      const open = row.nextElementSibling;
      if (open && open.classList.contains('related')) {
        open.remove();
        link.textContent = '\u25B8';
        return;
      }
      fetch(link.href + '&fragment=true', { credentials: 'same-origin' })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          const extra = document.createElement('tr');
          extra.className = 'related';
          const cell = document.createElement('td');
          cell.colSpan = row.children.length;
          cell.innerHTML = html;
          extra.appendChild(cell);
          row.after(extra);
          link.textContent = '\u25BE';
        });
    });
  });
  // Dashboard tiles: each canvas carries its chart's labels and counts as data attributes.
  if (window.Chart) {
    document.querySelectorAll('canvas[data-labels]').forEach(function (canvas) {
      const labels = JSON.parse(canvas.dataset.labels);
      const counts = JSON.parse(canvas.dataset.counts);
      const links = JSON.parse(canvas.dataset.links || '[]');
      const chart = new window.Chart(canvas, {
        type: canvas.dataset.kind || 'bar',
        data: { labels: labels, datasets: [{ label: canvas.dataset.title, data: counts, backgroundColor: '#1f5fbf' }] },
        options: {
          animation: false,
          plugins: { legend: { display: false } },
          onClick: function (event, elements) {
            if (elements.length && links[elements[0].index]) {
              window.location.href = links[elements[0].index];
            }
          }
        }
      });
      canvas.dataset.ready = String(chart.data.labels.length);
    });
  }

  // A command's page: its output as the agent sends it, until the command has ended.
  const output = document.getElementById('output');
  if (output && output.dataset.api) {
    const ended = ['done', 'failed', 'timed_out', 'refused', 'cancelled', 'expired'];
    const poll = function () {
      fetch(output.dataset.api, { credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (command) {
          if (!command) {
            return;
          }
          output.textContent = command.output !== undefined
            ? command.output
            : '(binary output, ' + atob(command.output_base64 || '').length + ' bytes: download it)';
          document.getElementById('command-state').textContent = command.state;
          if (command.exit_code !== undefined && command.exit_code !== null) {
            document.getElementById('command-exit').textContent = 'exit code ' + command.exit_code;
          }
          if (command.message) {
            document.getElementById('command-message').textContent = command.message;
          }
          if (ended.indexOf(command.state) < 0) {
            window.setTimeout(poll, 1000);
          } else {
            output.dataset.ended = 'true';
          }
        });
    };
    poll();
  }
}());
