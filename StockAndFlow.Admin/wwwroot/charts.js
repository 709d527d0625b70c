// StockAndFlow admin charts: sparklines, the stock, facet and flow charts and the flow breakdown
// tables, all fetched from the admin's JSON API and re-fetched when the range pickers change; the
// pickers also rewrite the page's CSV/JSON download links so a download is what the chart shows.
(function () {
    'use strict';

    var PALETTE = ['#0d6efd', '#20c997', '#fd7e14', '#d63384', '#6f42c1', '#198754', '#ffc107', '#0dcaf0', '#dc3545', '#adb5bd'];
    var MAX_SERIES = 8;
    var RANGE_KEYS = ['range', 'from', 'to', 'period'];
    var charts = [];
    var shared = window.stockFlowAdmin;
    var fetchJson = shared.fetchJson;
    var say = shared.say;
    var numbers = shared.numbers;

    // ---- time: buckets are UTC instants; charts show them as wall-clock time in the reporting zone

    var zone = document.body.getAttribute('data-time-zone') || 'UTC';
    var zoneParts = null;
    try {
        zoneParts = new Intl.DateTimeFormat('en-US', {
            timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
            hour: 'numeric', minute: 'numeric', second: 'numeric'
        });
    } catch (e) {
        zoneParts = null; // An id the browser does not know: fall back to the browser's zone.
    }

    function wallClock(iso) {
        var instant = new Date(/[zZ]$|[+-]\d\d:?\d\d$/.test(iso) ? iso : iso + 'Z');
        if (!zoneParts) {
            return instant;
        }
        var p = {};
        zoneParts.formatToParts(instant).forEach(function (part) {
            p[part.type] = part.value;
        });
        return new Date(+p.year, +p.month - 1, +p.day, (+p.hour) % 24, +p.minute, +p.second);
    }

    var TOOLTIP_FORMATS = { hour: 'PP HH:mm', day: 'EEE PP', week: "'Week of' PP", month: 'MMMM yyyy', year: 'yyyy' };

    // ---- chart styling -------------------------------------------------------------------------

    function cssVar(name, fallback) {
        var value = window.getComputedStyle(document.body).getPropertyValue(name).trim();
        return value || fallback;
    }

    function themeColors() {
        return {
            text: cssVar('--bs-secondary-color', '#6c757d'),
            grid: cssVar('--bs-border-color-translucent', 'rgba(0,0,0,.175)')
        };
    }

    // Colours are set on each chart, not only on Chart.defaults: a chart does not re-read changed
    // defaults on update, so a theme switch would leave it with the other theme's text and grid.
    function paint(options) {
        var colors = themeColors();
        Object.keys(options.scales || {}).forEach(function (key) {
            var scale = options.scales[key];
            scale.ticks = scale.ticks || {};
            scale.grid = scale.grid || {};
            scale.border = scale.border || {};
            scale.title = scale.title || {};
            scale.ticks.color = colors.text;
            scale.title.color = colors.text;
            scale.grid.color = colors.grid;
            scale.border.color = colors.grid;
        });
        options.plugins = options.plugins || {};
        options.plugins.legend = options.plugins.legend || {};
        options.plugins.legend.labels = options.plugins.legend.labels || {};
        options.plugins.legend.labels.color = colors.text;
        paintAnnotations(options);
        return options;
    }

    function styleCharts() {
        if (!window.Chart) {
            return;
        }
        window.Chart.defaults.font.family = cssVar('--bs-body-font-family', 'system-ui, sans-serif');
        charts.forEach(function (chart) {
            paint(chart.config.options); // the options given, not the resolved proxy
            chart.update('none');
        });
    }

    function withAlpha(hex, alpha) {
        var n = parseInt(hex.slice(1), 16);
        return 'rgba(' + ((n >> 16) & 255) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + alpha + ')';
    }

    function timeScale(period) {
        return {
            type: 'time',
            time: { unit: period, tooltipFormat: TOOLTIP_FORMATS[period] || 'PP', isoWeekday: true },
            title: { display: true, text: period + ' buckets, ' + zone },
            offset: false,
            ticks: { maxRotation: 0, autoSkip: true }
        };
    }

    function remember(chart) {
        charts.push(chart);
        return chart;
    }

    function forget(chart) {
        var i = charts.indexOf(chart);
        if (i >= 0) {
            charts.splice(i, 1);
        }
        chart.destroy();
    }

    // ---- sparklines (index, process) ----------------------------------------------------------

    function initSparklines() {
        if (!window.Chart) {
            return;
        }
        document.querySelectorAll('canvas.stockandflow-admin-sparkline[data-points]').forEach(function (canvas) {
            var points;
            try {
                points = JSON.parse(canvas.getAttribute('data-points'));
            } catch (e) {
                return;
            }
            remember(new window.Chart(canvas, {
                type: 'line',
                data: {
                    labels: points.map(function (_, i) { return i; }),
                    datasets: [{
                        data: points, borderColor: PALETTE[0], backgroundColor: withAlpha(PALETTE[0], 0.12),
                        borderWidth: 1.5, pointRadius: 0, fill: 'origin', tension: 0.3, spanGaps: true
                    }]
                },
                options: {
                    responsive: false, animation: false, events: [],
                    plugins: { legend: { display: false }, tooltip: { enabled: false } },
                    scales: { x: { display: false }, y: { display: false, beginAtZero: false } }
                }
            }));
        });
    }

    // ---- annotations: bulk actions and decay runs marked on stock and flow charts ----------------
    // One dashed vertical line per bucket holding any (chartjs-plugin-annotation); its label, every
    // action and run of the bucket with who and how many rows, shows while the pointer is on it. The
    // same lines are listed beside the chart for screen readers and keyboards. The label sits at the
    // foot of its line, away from the chart's own tooltip at the series' points.

    function annotationColors() {
        return {
            action: cssVar('--bs-danger-text-emphasis', '#58151c'),
            decay: cssVar('--bs-info-text-emphasis', '#055160'),
            background: cssVar('--bs-body-bg', '#fff'),
            text: cssVar('--bs-body-color', '#212529')
        };
    }

    function annotationLines(bucket) {
        return bucket.annotations.map(function (a) { return a.text; });
    }

    function annotationMarker(bucket, colors) {
        var hasAction = bucket.annotations.some(function (a) { return a.kind === 'action'; });
        var marker = {
            type: 'line', scaleID: 'x', value: +wallClock(bucket.bucketStart),
            stockAndFlowAdminKind: hasAction ? 'action' : 'decay',
            borderColor: markerColor(hasAction ? 'action' : 'decay', colors),
            borderWidth: hasAction ? 2 : 1, borderDash: hasAction ? [4, 3] : [2, 4], hitTolerance: 6, drawTime: 'afterDatasetsDraw',
            label: {
                display: false, content: annotationLines(bucket), position: 'end', textAlign: 'start',
                backgroundColor: colors.background, color: colors.text, borderColor: hasAction ? colors.action : colors.decay,
                borderWidth: 1, borderRadius: 4, padding: 6, font: { size: 11 }, z: 10
            }
        };
        // Shown on the drawn element at once, and kept in the options so a redraw (theme) keeps it.
        var show = function (context, display) {
            marker.label.display = display;
            context.element.label.options.display = display;
            if (display) {
                context.chart.canvas.setAttribute('data-annotation-hover', annotationLines(bucket).join('\n'));
            } else {
                context.chart.canvas.removeAttribute('data-annotation-hover');
            }
            return true;
        };
        marker.enter = function (context) { return show(context, true); };
        marker.leave = function (context) { return show(context, false); };
        return marker;
    }

    // A bucket with a bulk action is drawn strong; one with decay runs only (often every day) faint,
    // so a year of daily decay does not hide the series.
    function markerColor(kind, colors) {
        return kind === 'action' ? withAlphaColor(colors.action, 0.8) : withAlphaColor(colors.decay, 0.35);
    }

    // Any CSS colour (hex or rgb()) with an alpha, for markers fainter than their label's border.
    function withAlphaColor(color, alpha) {
        if (/^#[0-9a-f]{6}$/i.test(color)) {
            return withAlpha(color, alpha);
        }
        var m = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
        return m ? 'rgba(' + m[1] + ',' + m[2] + ',' + m[3] + ',' + alpha + ')' : color;
    }

    function paintAnnotations(options) {
        var annotations = options.plugins && options.plugins.annotation && options.plugins.annotation.annotations;
        if (!annotations) {
            return;
        }
        var colors = annotationColors();
        annotations.forEach(function (marker) {
            var color = marker.stockAndFlowAdminKind === 'action' ? colors.action : colors.decay;
            marker.borderColor = markerColor(marker.stockAndFlowAdminKind, colors);
            marker.label.backgroundColor = colors.background;
            marker.label.color = colors.text;
            marker.label.borderColor = color;
        });
    }

    function listAnnotations(list, json) {
        if (!list) {
            return;
        }
        list.replaceChildren();
        var count = 0;
        (json.buckets || []).forEach(function (bucket) {
            bucket.annotations.forEach(function (a) {
                var item = document.createElement('li');
                var time = document.createElement('time');
                time.dateTime = a.at;
                time.textContent = wallClock(a.at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
                item.appendChild(time);
                item.appendChild(document.createTextNode(' — ' + a.text));
                item.setAttribute('data-kind', a.kind);
                item.setAttribute('data-id', a.kind + '-' + a.id);
                item.setAttribute('data-bucket', bucket.bucketStart);
                list.appendChild(item);
                count++;
            });
        });
        var holder = list.closest('[data-annotations]');
        if (holder) {
            holder.hidden = count === 0;
            var summary = holder.querySelector('[data-annotations-count]');
            if (summary) {
                summary.textContent = numbers.format(count);
            }
        }
        list.setAttribute('data-loaded', 'true');
    }

    function loadAnnotations(canvas, params, request) {
        var url = canvas.getAttribute('data-annotations-url');
        var chart = canvas.stockAndFlowAdminChart;
        if (!url || !chart) {
            return null;
        }
        var body = canvas.closest('.card-body');
        var list = body ? body.querySelector('[data-stockandflow-admin="chart-annotations"]') : null;
        return fetchJson(rewrite(url, params)).then(function (json) {
            if (request !== canvas.stockAndFlowAdminRequest || chart !== canvas.stockAndFlowAdminChart) {
                return;
            }
            var colors = annotationColors();
            // The options given (not the resolved proxy), so paint() finds them on a theme switch.
            chart.config.options.plugins.annotation = { annotations: (json.buckets || []).map(function (b) { return annotationMarker(b, colors); }) };
            chart.update('none');
            listAnnotations(list, json);
            canvas.setAttribute('data-annotations-ready', String((json.buckets || []).length));
        }, function (error) {
            say(statusOf(canvas), 'Could not load the chart\'s markers: ' + error.message);
        });
    }

    // ---- range pickers and everything that follows them (charts, breakdowns, download links) ------

    function addDays(date, days) {
        var d = new Date(date + 'T00:00:00Z');
        d.setUTCDate(d.getUTCDate() + days);
        return d.toISOString().slice(0, 10);
    }

    // The API query for the form's state, or null while a custom range is incomplete.
    function rangeParams(form) {
        var params = new URLSearchParams();
        var range = form.elements.range.value;
        if (range === 'custom') {
            var from = form.elements.from.value;
            var to = form.elements.to.value;
            if (!from || !to) {
                return null;
            }
            params.set('from', from);
            params.set('to', addDays(to, 1)); // "to" is the last day shown
        } else {
            params.set('range', range);
        }
        params.set('period', form.elements.period.value);
        return params;
    }

    function rewrite(url, params, extra) {
        var target = new URL(url, window.location.href);
        RANGE_KEYS.forEach(function (key) {
            target.searchParams.delete(key);
        });
        params.forEach(function (value, key) {
            target.searchParams.set(key, value);
        });
        Object.keys(extra || {}).forEach(function (key) {
            target.searchParams.set(key, extra[key]);
        });
        return target.pathname + target.search + target.hash;
    }

    function statusOf(canvas) {
        var body = canvas.closest('.card-body');
        return body ? body.querySelector('[data-chart-status]') : null;
    }

    // A facet's series, largest first: the top ones as they are, the rest summed as "other".
    function topSeries(series) {
        if (series.length <= MAX_SERIES) {
            return series;
        }
        var top = series.slice(0, MAX_SERIES - 1);
        var rest = series.slice(MAX_SERIES - 1);
        var sum = function (key) {
            return (rest[0][key] || []).map(function (point, i) {
                var total = null;
                rest.forEach(function (s) {
                    var v = s[key] && s[key][i] ? s[key][i].value : null;
                    if (v !== null && v !== undefined) {
                        total = (total || 0) + v;
                    }
                });
                return { bucketStart: point.bucketStart, value: total };
            });
        };
        return top.concat([{ value: 'Other (' + rest.length + ')', points: sum('points'), previous: rest[0].previous ? sum('previous') : null, isOther: true }]);
    }

    // ---- previous-period comparison: one fainter series per series, and the change in words -------

    // The period before, as many buckets, drawn fainter over the current series' positions.
    function previousDataset(label, previous, positions, color, stack) {
        return {
            label: label,
            data: previous.map(function (p, i) { return { x: positions[i], y: p.value, from: p.bucketStart || p.date }; }),
            type: 'line', borderColor: withAlpha(color, 0.45), backgroundColor: 'transparent', borderDash: [5, 4],
            fill: false, pointRadius: 0, pointHitRadius: 8, borderWidth: 1.5, tension: 0.2, spanGaps: false,
            stack: stack, previousPeriod: true
        };
    }

    var changePercents = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });

    // "1,234 the period before (+56, +5%)": the figure before, in the given words ('' for none), and the change to the figure now.
    function versusText(current, previous, words) {
        var change = current - previous;
        var sign = change >= 0 ? '+' : '\u2212';
        var percent = previous === 0 ? '' : ', ' + sign + changePercents.format(Math.abs(change / previous));
        var named = words === '' ? '' : ' ' + (words || 'the period before');
        return numbers.format(previous) + named + ' (' + sign + numbers.format(Math.abs(change)) + percent + ')';
    }

    // Writes the comparison under a chart (its card's [data-chart-versus]) and on the canvas for tests.
    function showVersus(canvas, current, previous, lead) {
        canvas.setAttribute('data-previous', String(previous));
        canvas.setAttribute('data-current', String(current));
        var body = canvas.closest('.card-body');
        var target = body ? body.querySelector('[data-chart-versus]') : null;
        if (target) {
            target.textContent = lead + numbers.format(current) + '; ' + versusText(current, previous);
        }
    }

    function total(points) {
        return points.reduce(function (sum, p) { return sum + (p.value || 0); }, 0);
    }

    function last(points) {
        for (var i = points.length - 1; i >= 0; i--) {
            if (points[i].value !== null && points[i].value !== undefined) {
                return points[i].value;
            }
        }
        return 0;
    }

    // Each facet value's period before, stacked like the areas: the dashed outlines are the stack as it was.
    function facetPrevious(canvas, shown, datasets) {
        if (shown.length === 0 || !shown.every(function (s) { return s.previous && s.previous.length === s.points.length; })) {
            return;
        }
        var positions = shown[0].points.map(function (p) { return wallClock(p.bucketStart); });
        shown.forEach(function (s, i) {
            datasets.push(previousDataset(datasets[i].label + ' (before)', s.previous, positions, datasets[i].borderColor, 'previous'));
        });
        showVersus(canvas, shown.reduce(function (sum, s) { return sum + last(s.points); }, 0),
            shown.reduce(function (sum, s) { return sum + last(s.previous); }, 0), 'At the end of this range: ');
    }

    // Facet charts list each value once: their dashed "before" outlines share the value's colour.
    function legendFilter(item, data) {
        var dataset = data.datasets[item.datasetIndex];
        return !(dataset.previousPeriod && dataset.stack === 'previous');
    }

    function draw(canvas, json) {
        var kind = canvas.getAttribute('data-chart');
        var period = json.period || 'day';
        var datasets;
        if (kind === 'facet') {
            var shown = topSeries(json.series || []);
            datasets = shown.map(function (s, i) {
                var color = s.isOther ? PALETTE[PALETTE.length - 1] : PALETTE[i % (PALETTE.length - 1)];
                return {
                    label: s.value === null ? '(none)' : String(s.value),
                    data: s.points.map(function (p) { return { x: wallClock(p.bucketStart), y: p.value }; }),
                    // Stacked areas: each fills down to the one below it, not to zero.
                    borderColor: color, backgroundColor: withAlpha(color, 0.45), fill: i === 0 ? 'origin' : '-1',
                    pointRadius: 0, borderWidth: 1, tension: 0.2, stack: 'current'
                };
            });
            facetPrevious(canvas, shown, datasets);
        } else {
            var color = kind === 'flow' ? PALETTE[1] : PALETTE[0];
            var points = json.points || [];
            datasets = [{
                label: kind === 'flow' ? 'Events' : 'Members',
                data: points.map(function (p) { return { x: wallClock(p.bucketStart), y: p.value }; }),
                borderColor: color,
                backgroundColor: withAlpha(color, kind === 'flow' ? 0.7 : 0.15),
                fill: kind !== 'flow', pointRadius: 0, pointHitRadius: 8, borderWidth: 2, tension: 0.2, spanGaps: false
            }];
            // The period before, as many buckets, drawn fainter over the same positions.
            if (json.previous && json.previous.length === points.length && points.length > 0) {
                datasets.push(previousDataset('Previous period', json.previous, points.map(function (p) { return wallClock(p.bucketStart); }), color));
                // Moves add up over a range; a stock's level is compared at the end of each range.
                if (kind === 'flow') {
                    showVersus(canvas, total(points), total(json.previous), 'Moves in this range: ');
                } else {
                    showVersus(canvas, last(points), last(json.previous), 'At the end of this range: ');
                }
            }
        }

        var config = {
            type: kind === 'flow' ? 'bar' : 'line',
            data: { datasets: datasets },
            options: {
                responsive: true, maintainAspectRatio: false, animation: false, normalized: true,
                interaction: { mode: 'index', intersect: false },
                plugins: { legend: { display: kind === 'facet' || datasets.length > 1, position: 'bottom', labels: { boxWidth: 12, filter: legendFilter } } },
                scales: {
                    x: timeScale(period),
                    y: {
                        beginAtZero: true, stacked: kind === 'facet', ticks: { precision: 0 },
                        // What the numbers count, in the page's words: "Hot leads" or "moves per day".
                        title: { display: true, text: canvas.getAttribute('data-y-label') || (kind === 'flow' ? 'moves per ' + period : 'members') }
                    }
                }
            }
        };
        if (kind === 'flow') {
            config.options.scales.x.offset = true;
        }
        if (canvas.stockAndFlowAdminChart) {
            forget(canvas.stockAndFlowAdminChart);
        }
        paint(config.options);
        canvas.stockAndFlowAdminChart = remember(new window.Chart(canvas, config));
        canvas.setAttribute('data-chart-ready', 'true');
        return datasets;
    }

    function loadChart(canvas, params) {
        var extra = {};
        if (canvas.getAttribute('data-facet')) {
            extra.facet = canvas.getAttribute('data-facet');
        }
        var status = statusOf(canvas);
        var request = canvas.stockAndFlowAdminRequest = (canvas.stockAndFlowAdminRequest || 0) + 1;
        say(status, 'Loading…');
        return fetchJson(rewrite(canvas.getAttribute('data-url'), params, extra)).then(function (json) {
            if (request !== canvas.stockAndFlowAdminRequest) {
                return; // a later range was chosen while this one loaded
            }
            var datasets = draw(canvas, json);
            loadAnnotations(canvas, params, request);
            var empty = datasets.every(function (d) {
                return d.data.every(function (p) { return p.y === null || p.y === undefined; });
            });
            say(status, empty ? 'No records in this range yet: the counting job records a point per period.' : '');
        }, function (error) {
            say(status, 'Could not load the chart: ' + error.message);
        });
    }

    function cell(row, text, className) {
        var td = document.createElement('td');
        td.textContent = text;
        if (className) {
            td.className = className;
        }
        row.appendChild(td);
        return td;
    }

    var percents = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

    // A breakdown's values over the range before, by value, and the cell comparing a row with them.
    function breakdownBefore(previous) {
        var counts = {};
        previous.forEach(function (v) { counts[v.value === null ? '\u0000' : String(v.value)] = v.count; });
        return {
            of: function (values) {
                return values.reduce(function (sum, v) { return sum + (counts[v.value === null ? '\u0000' : String(v.value)] || 0); }, 0);
            },
            cell: function (row, count, before) {
                cell(row, versusText(count, before, ''), 'text-end small text-body-secondary').setAttribute('data-before', String(before));
            }
        };
    }

    function loadBreakdown(table, params) {
        var body = table.tBodies[0];
        var url = rewrite(table.getAttribute('data-url'), params, { facet: table.getAttribute('data-breakdown') });
        var request = table.stockAndFlowAdminRequest = (table.stockAndFlowAdminRequest || 0) + 1;
        return fetchJson(url).then(function (json) {
            if (request !== table.stockAndFlowAdminRequest) {
                return;
            }
            var values = json.values || [];
            var total = values.reduce(function (sum, v) { return sum + v.count; }, 0);
            var before = breakdownBefore(json.previous || []);
            body.replaceChildren();
            values.slice(0, 10).forEach(function (v) {
                var row = document.createElement('tr');
                cell(row, v.value === null ? '(none)' : String(v.value), v.value === null ? 'fst-italic text-body-secondary' : null);
                cell(row, numbers.format(v.count), 'text-end stockandflow-admin-num');
                cell(row, percents.format(total ? v.count / total : 0), 'text-end stockandflow-admin-num');
                before.cell(row, v.count, before.of([v]));
                body.appendChild(row);
            });
            if (values.length > 10) {
                var rest = values.slice(10).reduce(function (sum, v) { return sum + v.count; }, 0);
                var other = document.createElement('tr');
                cell(other, 'Other (' + (values.length - 10) + ' values)', 'text-body-secondary');
                cell(other, numbers.format(rest), 'text-end stockandflow-admin-num');
                cell(other, percents.format(total ? rest / total : 0), 'text-end stockandflow-admin-num');
                before.cell(other, rest, before.of(values.slice(10)));
                body.appendChild(other);
            }
            if (values.length === 0) {
                var none = document.createElement('tr');
                cell(none, 'No events in this range.', 'text-body-secondary').colSpan = 4;
                body.appendChild(none);
            }
            table.setAttribute('data-loaded', 'true');
        }, function (error) {
            body.replaceChildren();
            var row = document.createElement('tr');
            cell(row, 'Could not load: ' + error.message, 'text-danger').colSpan = 4;
            body.appendChild(row);
        });
    }

    function initRanges() {
        var form = document.querySelector('[data-range-form]');
        var canvases = document.querySelectorAll('canvas[data-chart]');
        var tables = document.querySelectorAll('table[data-breakdown]');
        if (!window.Chart && canvases.length > 0) {
            canvases.forEach(function (canvas) {
                say(statusOf(canvas), 'Charts need Chart.js, which did not load.');
            });
        }

        var refresh = function () {
            var params = form ? rangeParams(form) : new URLSearchParams();
            if (!params) {
                return;
            }
            if (form) {
                var next = rewrite(window.location.href, params);
                // Pages whose tables are drawn on the server follow a new range by reloading.
                if (document.querySelector('[data-reload-on-range]') && next !== window.location.href) {
                    window.location.assign(next);
                    return;
                }
                window.history.replaceState(null, '', next);
            }
            document.dispatchEvent(new CustomEvent('stockandflow-admin:range', { detail: params }));
            document.querySelectorAll('a[data-follows-range="true"]').forEach(function (link) {
                link.setAttribute('href', rewrite(link.getAttribute('href'), params));
            });
            if (window.Chart) {
                canvases.forEach(function (canvas) {
                    loadChart(canvas, params);
                });
            }
            tables.forEach(function (table) {
                loadBreakdown(table, params);
            });
        };

        if (form) {
            form.addEventListener('submit', function (event) {
                event.preventDefault();
                refresh();
            });
            form.addEventListener('change', function () {
                var custom = form.elements.range.value === 'custom';
                form.querySelectorAll('[data-custom-range]').forEach(function (field) {
                    field.hidden = !custom;
                });
                if (custom && !form.elements.from.value) {
                    var today = new Date().toISOString().slice(0, 10);
                    form.elements.to.value = form.elements.to.value || today;
                    form.elements.from.value = addDays(form.elements.to.value, -30);
                }
                refresh();
            });
        }
        if (canvases.length > 0 || tables.length > 0) {
            refresh();
        }
    }

    shared.previousDataset = previousDataset;
    shared.versusText = versusText;

    styleCharts();
    document.addEventListener('stockandflow-admin:theme', styleCharts);
    initSparklines();
    initRanges();
})();
