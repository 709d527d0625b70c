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

    function byKey(values, name) {
        var grouped = {};
        values.forEach(function (v) {
            var key = v.object || name;
            (grouped[key] = grouped[key] || []).push(v);
        });
        return grouped;
    }

    // The previous-period series (charts.js draws them all alike): each object's values of the range
    // before, moved forward by the ranges' distance so they sit over the dates they compare with.
    function statisticPrevious(data, keys, datasets) {
        var shared = window.stockFlowAdmin;
        if (!data.previous || !data.from || !data.previousFrom || !shared || !shared.previousDataset) {
            return null;
        }
        var shift = Date.parse(data.from) - Date.parse(data.previousFrom);
        var previous = byKey(data.previous, data.name);
        keys.forEach(function (k, i) {
            var values = (previous[k] || []).map(function (v) { return { date: v.date, value: number(v.value) }; });
            var positions = values.map(function (v) { return new Date(Date.parse(v.date) + shift); });
            datasets.push(shared.previousDataset(k + ' (before)', values, positions, PALETTE[i % PALETTE.length]));
        });
        var sum = function (values) {
            return values.reduce(function (total, v) { return total + (number(v.value) || 0); }, 0);
        };
        return 'Total in this range: ' + shared.numbers.format(sum(data.values)) + '; ' + shared.versusText(sum(data.values), sum(data.previous));
    }

    function statistic(data, canvas) {
        var grouped = byKey(data.values, data.name);
        var keys = Object.keys(grouped).slice(0, MAX_SERIES);
        var datasets = keys.map(function (k, i) {
            return { label: k, data: grouped[k].map(function (v) { return { x: v.date, y: number(v.value) }; }), borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length], pointRadius: 2, spanGaps: false };
        });
        var versus = statisticPrevious(data, keys, datasets);
        return {
            versus: versus,
            type: 'line',
            data: { datasets: datasets },
            options: {
                parsing: true,
                scales: {
                    x: axis('Date (' + data.timeZone + ')', { type: 'time', offset: true, time: { unit: UNITS[String(data.period).toLowerCase()] || 'day', tooltipFormat: 'PP' }, ticks: { color: textColor(), autoSkip: true, maxRotation: 0 } }),
                    y: axis(canvas.getAttribute('data-stockandflow-admin-y-label') || data.name, { beginAtZero: true })
                }
            }
        };
    }

    // An insight is a snapshot per collection run: its "before" is the previous successful collection,
    // drawn fainter at its own dates (a time series) or categories (a bar chart).
    function insightPrevious(data, kind, datasets, labels) {
        var shared = window.stockFlowAdmin;
        var previous = data.previousPoints || [];
        if (previous.length === 0 || !shared || !shared.previousDataset) {
            return null;
        }
        var label = 'Previous collection';
        if (kind === 'Timeseries') {
            datasets.push(shared.previousDataset(label, previous.map(function (p) { return { date: p.at, value: number(p.y) }; }), previous.map(function (p) { return p.at; }), PALETTE[0]));
        } else {
            var byCategory = {};
            previous.forEach(function (p) { byCategory[p.category] = number(p.y); });
            var bars = shared.previousDataset(label, labels.map(function (c) { return { value: c in byCategory ? byCategory[c] : null }; }), labels, PALETTE[0]);
            bars.type = 'bar';
            bars.data = labels.map(function (c) { return c in byCategory ? byCategory[c] : null; });
            bars.backgroundColor = bars.borderColor;
            datasets.push(bars);
        }
        var sum = function (points) {
            return points.reduce(function (total, p) { return total + (number(p.y) || 0); }, 0);
        };
        return 'Total now: ' + shared.numbers.format(sum(data.points || [])) + '; ' + shared.versusText(sum(data.points || []), sum(previous), 'at the previous collection');
    }

    function insight(data, kind) {
        var info = data.insight;
        var points = data.points || [];
        var datasets;
        if (kind === 'Timeseries') {
            datasets = [{ label: info.question, data: points.map(function (p) { return { x: p.at, y: number(p.y) }; }), borderColor: PALETTE[0], backgroundColor: PALETTE[0] }];
            return {
                versus: insightPrevious(data, kind, datasets, null),
                type: 'line',
                data: { datasets: datasets },
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
        var labels = points.map(function (p) { return p.category; });
        datasets = [{ label: info.question, data: points.map(function (p) { return number(p.y); }), backgroundColor: PALETTE[0] }];
        return {
            versus: insightPrevious(data, kind, datasets, labels),
            type: 'bar',
            data: { labels: labels, datasets: datasets },
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
                var versus = config.versus;
                delete config.versus;
                config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { labels: { color: textColor() } } } }, config.options);
                canvas.stockAndFlowAdminChart = new window.Chart(canvas, config);
                var body = canvas.closest('.card-body');
                var versusLine = body ? body.querySelector('[data-stockandflow-admin-versus]') : null;
                if (versusLine && versus) {
                    versusLine.textContent = versus;
                }
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
