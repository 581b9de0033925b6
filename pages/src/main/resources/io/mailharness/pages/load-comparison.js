// The load comparison: the percentile picker shows one latency chart at a time.
(function () {
  'use strict';
  var picker = document.getElementById('percentile-picker');
  if (!picker) return;
  picker.addEventListener('change', function () {
    var chosen = picker.querySelector('input[name="percentile"]:checked').value;
    Array.prototype.forEach.call(document.querySelectorAll('.latency-chart'), function (chart) {
      chart.hidden = chart.id !== 'latency-' + chosen;
    });
  });
})();
