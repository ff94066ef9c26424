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
}());
