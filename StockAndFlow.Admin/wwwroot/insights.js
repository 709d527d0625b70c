// StockAndFlow admin: charts of statistics and insights. Each canvas names its JSON endpoint
// (data-stockandflow-admin-url) and how to draw it (data-stockandflow-admin-kind); nothing is pasted into the page as script.
(function () {
    'use strict';

    var PALETTE = ['#0d6efd', '#20c997', '#fd7e14', '#d63384', '#6f42c1', '#198754', '#ffc107', '#0dcaf0'];
    var MAX_SERIES = 8;

    function textColor() {
        return getComputedStyle(document.body).getPropertyValue('--bs-body-color').trim() || '#212529';
    }

    function axis(label, extra) {
        var options = Object.assign({ title: { display: !!label, text: label || '', color: textColor() }, ticks: { color: textColor() } }, extra || {});
        return options;
    }

    function number(value) {
        return value === null || value === undefined ? null : Number(value);
    }

    // A statistics period as a time unit: ticks then fall on whole days or months, even for one point.
    var UNITS = { day: 'day', week: 'week', month: 'month', days28: 'month', lifetime: 'year' };

    function statistic(data, canvas) {
        var byObject = {};
        data.values.forEach(function (v) {
            var key = v.object || data.name;
            (byObject[key] = byObject[key] || []).push({ x: v.date, y: number(v.value) });
        });
        var keys = Object.keys(byObject).slice(0, MAX_SERIES);
        return {
            type: 'line',
            data: { datasets: keys.map(function (k, i) { return { label: k, data: byObject[k], borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length], pointRadius: 2, spanGaps: false }; }) },
            options: {
                parsing: true,
                scales: {
                    x: axis('Date (' + data.timeZone + ')', { type: 'time', offset: true, time: { unit: UNITS[String(data.period).toLowerCase()] || 'day', tooltipFormat: 'PP' }, ticks: { color: textColor(), autoSkip: true, maxRotation: 0 } }),
                    y: axis(canvas.getAttribute('data-stockandflow-admin-y-label') || data.name, { beginAtZero: true })
                }
            }
        };
    }

    function insight(data, kind) {
        var info = data.insight;
        var points = data.points || [];
        if (kind === 'Timeseries') {
            return {
                type: 'line',
                data: { datasets: [{ label: info.question, data: points.map(function (p) { return { x: p.at, y: number(p.y) }; }), borderColor: PALETTE[0], backgroundColor: PALETTE[0] }] },
                options: { scales: { x: axis(info.xLabel, { type: 'time', ticks: { color: textColor(), autoSkip: true, maxTicksLimit: 12, maxRotation: 0 } }), y: axis(info.yLabel, { beginAtZero: true }) } }
            };
        }
        if (kind === 'Scatter') {
            var byCategory = {};
            points.forEach(function (p) {
                var key = p.category || '(none)';
                (byCategory[key] = byCategory[key] || []).push({ x: number(p.x), y: number(p.y) });
            });
            return {
                type: 'scatter',
                data: { datasets: Object.keys(byCategory).slice(0, MAX_SERIES).map(function (k, i) { return { label: k, data: byCategory[k], backgroundColor: PALETTE[i % PALETTE.length] }; }) },
                options: { scales: { x: axis(info.xLabel), y: axis(info.yLabel) } }
            };
        }
        var horizontal = kind === 'HorizontalBar';
        return {
            type: 'bar',
            data: { labels: points.map(function (p) { return p.category; }), datasets: [{ label: info.question, data: points.map(function (p) { return number(p.y); }), backgroundColor: PALETTE[0] }] },
            options: { indexAxis: horizontal ? 'y' : 'x', scales: { x: axis(horizontal ? info.yLabel : info.xLabel, horizontal ? { beginAtZero: true } : {}), y: axis(horizontal ? info.xLabel : info.yLabel, horizontal ? {} : { beginAtZero: true }) } }
        };
    }

    function draw(canvas) {
        var status = canvas.parentElement && canvas.parentElement.parentElement ? canvas.parentElement.parentElement.querySelector('[data-stockandflow-admin-status]') : null;
        fetch(canvas.getAttribute('data-stockandflow-admin-url'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error('The data could not be loaded (' + response.status + ').');
                }
                return response.json();
            })
            .then(function (data) {
                var kind = canvas.getAttribute('data-stockandflow-admin-kind');
                var config = kind === 'statistic' ? statistic(data, canvas) : insight(data, kind);
                config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { labels: { color: textColor() } } } }, config.options);
                new window.Chart(canvas, config);
                canvas.setAttribute('data-stockandflow-admin-drawn', 'true');
                if (status) {
                    status.textContent = '';
                }
            })
            .catch(function (error) {
                if (status) {
                    status.textContent = error.message;
                }
            });
    }

    document.querySelectorAll('canvas[data-stockandflow-admin-kind]').forEach(draw);
})();
