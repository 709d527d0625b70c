// The projection page: reads the projection API with the form's range, step, steps ahead and what-ifs,
// draws the expected line and its band with Chart.js, and lists the numbers. Redraws on every change.
(function () {
    'use strict';

    var form = document.querySelector('[data-projection-form]');
    if (!form) { return; }
    var canvas = document.querySelector('[data-projection-chart]');
    var status = document.querySelector('[data-projection-status]');
    var model = document.querySelector('[data-stockandflow-admin="projection-model"]');
    var body = document.querySelector('[data-stockandflow-admin="projection-table"] tbody');
    var admin = window.stockFlowAdmin;
    var chart = null;

    function query() {
        var params = new URLSearchParams();
        ['range', 'period', 'ahead'].forEach(function (name) { params.set(name, form.elements[name].value); });
        form.querySelectorAll('input[data-flow]').forEach(function (input) {
            var percent = Number(input.value || 0);
            if (percent !== 0) { params.append('whatIf', input.getAttribute('data-flow') + ':' + percent); }
        });
        return params;
    }

    function round(value) { return Math.round(value * 10) / 10; }

    function draw(result) {
        admin.say(model, result.model);
        body.textContent = '';
        result.points.forEach(function (p) {
            var row = document.createElement('tr');
            [new Date(p.bucketStart).toLocaleDateString(), admin.numbers.format(round(p.expected)), admin.numbers.format(round(p.low)), admin.numbers.format(round(p.high))].forEach(function (text, i) {
                var cell = document.createElement(i === 0 ? 'th' : 'td');
                cell.textContent = text;
                if (i > 0) { cell.className = 'text-end stockandflow-admin-num'; }
                row.appendChild(cell);
            });
            body.appendChild(row);
        });
        if (!window.Chart) { admin.say(status, 'Charts need Chart.js, which did not load.'); return; }
        var labels = result.points.map(function (p) { return new Date(p.bucketStart).toLocaleDateString(); });
        var data = {
            labels: labels,
            datasets: [
                { label: 'High', data: result.points.map(function (p) { return round(p.high); }), borderWidth: 0, pointRadius: 0, fill: '+1', backgroundColor: 'rgba(13,110,253,0.15)' },
                { label: 'Low', data: result.points.map(function (p) { return round(p.low); }), borderWidth: 0, pointRadius: 0, fill: false },
                { label: 'Expected', data: result.points.map(function (p) { return round(p.expected); }), borderColor: 'rgb(13,110,253)', borderWidth: 2, pointRadius: 2, fill: false }
            ]
        };
        if (chart) {
            chart.data = data;
            chart.update();
        } else {
            chart = new window.Chart(canvas, {
                type: 'line', data: data,
                options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { title: { display: true, text: 'Rows in the stock' } } } }
            });
        }
        canvas.setAttribute('data-drawn', 'true');
        admin.say(status, '');
    }

    function load() {
        admin.fetchJson(form.getAttribute('data-url') + '?' + query().toString()).then(draw, function (error) {
            admin.say(status, 'The projection could not be computed: ' + error.message);
        });
    }

    form.addEventListener('change', load);
    form.addEventListener('submit', function (event) { event.preventDefault(); load(); });
    load();
}());
